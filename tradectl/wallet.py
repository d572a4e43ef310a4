"""Signing the Sign-In With Ethereum message with a wallet's private key, on this machine only."""

from __future__ import annotations

from eth_account import Account
from eth_account.messages import encode_defunct
from eth_account.signers.local import LocalAccount


class InvalidPrivateKey(ValueError):
    """The text is not a 32-byte hex private key (the message never repeats it)."""


def wallet_from_key(private_key: str) -> LocalAccount:
    try:
        wallet: LocalAccount = Account.from_key(private_key.strip())
    except (ValueError, TypeError):
        raise InvalidPrivateKey("not a 32-byte hex private key") from None
    return wallet


def sign_message(wallet: LocalAccount, message: str) -> str:
    """The EIP-191 `personal_sign` signature of `message`, as 0x-prefixed hex."""
    signed = Account.sign_message(encode_defunct(text=message), wallet.key)
    return "0x" + bytes(signed.signature).hex()
