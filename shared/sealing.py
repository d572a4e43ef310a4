"""Secrets in transit: HPKE (X25519, HKDF-SHA256, ChaCha20-Poly1305) to a caller's ephemeral key.

A service asking for credentials makes a fresh X25519 key pair, sends the public half, and
receives each credential sealed to it with `info` bound to (connector id, version). Anything
between the two (a logging proxy, a packet capture) sees only ciphertext, and a sealed blob
replayed for another connector or version fails to open.
"""

from __future__ import annotations

import base64

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


class SealError(Exception):
    """A sealed blob did not open (wrong key, wrong connector or version, or tampered)."""


def credential_info(connector_id: object, version: int) -> bytes:
    return f"trading-credentials/connector={connector_id}/version={version}".encode()


def public_key_text(private_key: X25519PrivateKey) -> str:
    raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def load_public_key(text: str) -> X25519PublicKey:
    try:
        return X25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except ValueError as exc:
        raise SealError("public key must be base64 of a raw 32-byte X25519 key") from exc


def seal(plaintext: bytes, recipient: X25519PublicKey, info: bytes) -> str:
    return base64.b64encode(SUITE.encrypt(plaintext, recipient, info=info)).decode()


def open_sealed(sealed: str, private_key: X25519PrivateKey, info: bytes) -> bytes:
    try:
        return SUITE.decrypt(base64.b64decode(sealed), private_key, info=info)
    except (InvalidTag, ValueError) as exc:
        raise SealError("sealed credential did not open") from exc
