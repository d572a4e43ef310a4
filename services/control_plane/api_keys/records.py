"""Rows of api_keys as the service sees them: metadata and last status, or ciphertexts."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel

from services.control_plane.api_keys.secrets import EncryptedCredential
from shared.events import ConnectorState


class KeyRecord(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    account: str
    exchange: str
    label: str
    api_key_masked: str
    version: int
    tracked_pairs: list[str]
    created_at: datetime
    updated_at: datetime
    status_version: int | None = None
    state: ConnectorState | None = None
    detail: str | None = None
    checked_at: datetime | None = None

    def status_is_current(self) -> bool:
        return self.status_version is not None and self.status_version >= self.version


class EncryptedKey(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    exchange: str
    version: int
    key_version: int
    api_key_enc: bytes
    api_secret_enc: bytes
    passphrase_enc: bytes | None
    uid_enc: bytes | None

    def encrypted(self) -> EncryptedCredential:
        return EncryptedCredential(
            self.key_version,
            {
                "api_key": self.api_key_enc,
                "api_secret": self.api_secret_enc,
                "passphrase": self.passphrase_enc,
                "uid": self.uid_enc,
            },
        )
