"""Secrets at rest: AES-256-GCM under a versioned keyring, bound to where the value belongs.

The keyring comes from the environment as `v2:<base64 key>,v1:<base64 key>`; the highest
version encrypts, every listed version decrypts. Associated data binds a ciphertext to its
(client id, key id, field), so a ciphertext copied to another row or field fails to decrypt.
Stored blobs are `nonce (12 bytes) || ciphertext+tag`, with the key version in its own column.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_ENTRY = re.compile(r"^v(\d+):([A-Za-z0-9+/=_-]+)$")
NONCE_BYTES = 12


class KeyringError(Exception):
    """The keyring setting is malformed (the message never contains key material)."""


class DecryptionFailed(Exception):
    """Wrong key version, tampered ciphertext, or a ciphertext from another row or field."""


@dataclass(frozen=True)
class Sealed:
    key_version: int
    blob: bytes


def associated_data(client_id: object, key_id: object, field: str) -> bytes:
    return f"client={client_id};key={key_id};field={field}".encode()


class Keyring:
    def __init__(self, keys: dict[int, bytes]) -> None:
        if not keys:
            raise KeyringError("keyring is empty")
        for version, key in keys.items():
            if len(key) != 32:
                raise KeyringError(f"key v{version} is not 32 bytes (AES-256)")
        self._ciphers = {version: AESGCM(key) for version, key in keys.items()}
        self.current_version = max(keys)

    @classmethod
    def parse(cls, text: str) -> Keyring:
        keys: dict[int, bytes] = {}
        for entry in filter(None, (part.strip() for part in text.split(","))):
            match = _ENTRY.match(entry)
            if not match:
                raise KeyringError("keyring entries must look like v1:<base64 of 32 bytes>")
            keys[int(match.group(1))] = base64.urlsafe_b64decode(
                match.group(2).replace("+", "-").replace("/", "_")
            )
        return cls(keys)

    @staticmethod
    def generate_entry(version: int) -> str:
        return f"v{version}:{base64.urlsafe_b64encode(os.urandom(32)).decode()}"

    @property
    def versions(self) -> list[int]:
        return sorted(self._ciphers)

    def encrypt(self, plaintext: str, aad: bytes) -> Sealed:
        nonce = os.urandom(NONCE_BYTES)
        cipher = self._ciphers[self.current_version]
        return Sealed(self.current_version, nonce + cipher.encrypt(nonce, plaintext.encode(), aad))

    def decrypt(self, sealed: Sealed, aad: bytes) -> str:
        cipher = self._ciphers.get(sealed.key_version)
        if cipher is None:
            raise DecryptionFailed(f"key version v{sealed.key_version} is not in the keyring")
        nonce, body = sealed.blob[:NONCE_BYTES], sealed.blob[NONCE_BYTES:]
        try:
            return cipher.decrypt(nonce, body, aad).decode()
        except InvalidTag:
            raise DecryptionFailed("ciphertext does not belong here or was tampered with") from None
