"""Fresh EVM wallet addresses for tests."""

from __future__ import annotations

from eth_account import Account


def new_address() -> str:
    """A random EIP-55 checksummed address."""
    address: str = Account.create().address
    return address
