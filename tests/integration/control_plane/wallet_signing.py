"""Wallets for sign-in tests: real secp256k1 keys signing as a browser wallet does."""

from __future__ import annotations

from eth_account import Account
from eth_account.messages import encode_defunct
from eth_account.signers.local import LocalAccount


def new_wallet() -> LocalAccount:
    wallet: LocalAccount = Account.create()
    return wallet


def sign(wallet: LocalAccount, message: str) -> str:
    """An EIP-191 `personal_sign` signature of `message`, hex with 0x."""
    signed = Account.sign_message(encode_defunct(text=message), wallet.key)
    return "0x" + bytes(signed.signature).hex()
