"""Encrypting a key's credential fields at rest, each bound to (client id, key id, field)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from pydantic import SecretStr

from shared.control_plane_client import Credential
from shared.keyring import Keyring, Sealed, associated_data
from shared.logging import register_secret

FIELDS = ("api_key", "api_secret", "passphrase", "uid")
MASK_MIN_LENGTH = 12  # shorter keys are masked entirely


@dataclass(frozen=True)
class EncryptedCredential:
    key_version: int
    blobs: dict[str, bytes | None]  # field → ciphertext (None when the field is not set)


def mask(api_key: str) -> str:
    return "****" + (api_key[-4:] if len(api_key) >= MASK_MIN_LENGTH else "")


def encrypt(
    keyring: Keyring, client_id: uuid.UUID, key_id: uuid.UUID, credential: Credential
) -> EncryptedCredential:
    blobs: dict[str, bytes | None] = {}
    for field in FIELDS:
        value = _reveal(getattr(credential, field))
        aad = associated_data(client_id, key_id, field)
        blobs[field] = None if value is None else keyring.encrypt(value, aad).blob
    return EncryptedCredential(keyring.current_version, blobs)


def decrypt(
    keyring: Keyring, client_id: uuid.UUID, key_id: uuid.UUID, encrypted: EncryptedCredential
) -> Credential:
    """The plaintext credential; every value is registered so logs blank it."""
    values: dict[str, str | None] = {}
    for field in FIELDS:
        blob = encrypted.blobs[field]
        if blob is None:
            values[field] = None
            continue
        aad = associated_data(client_id, key_id, field)
        values[field] = keyring.decrypt(Sealed(encrypted.key_version, blob), aad)
        register_secret(values[field])
    return Credential.model_validate(values)


def plaintext_json(credential: Credential) -> bytes:
    """The JSON the internal API seals for the bridge: `{"api_key", "api_secret", …}`."""
    values = {field: _reveal(getattr(credential, field)) for field in FIELDS}
    return json.dumps(values).encode()


def _reveal(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None
