from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, SecretStr, StringConstraints

from services.control_plane.api_keys.pairs import TrackedPairs
from services.control_plane.storable_text import StorableSecret, StorableText

Secret = Annotated[SecretStr, Field(min_length=1, max_length=512), StorableSecret]
Label = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100), StorableText]
ExchangeId = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=64)
]
PairList = Annotated[TrackedPairs, Field(max_length=100)]
KeyStatus = Literal[
    "pending", "ready", "invalid_credentials", "withdrawal_enabled", "unreachable", "error"
]


class ApiKeySecrets(BaseModel):
    api_key: Secret
    api_secret: Secret
    passphrase: Secret | None = None
    uid: Secret | None = None

    def given_fields(self) -> set[str]:
        return {
            name for name in ("api_key", "api_secret", "passphrase", "uid") if getattr(self, name)
        }


class ApiKeyCreate(ApiKeySecrets):
    exchange: ExchangeId
    label: Label = ""
    tracked_pairs: PairList = Field(default_factory=list, examples=[["SHARP/USDT"]])


class ApiKeyReplace(ApiKeySecrets):
    """New credentials for the same key (same id, version + 1); label and pairs optional."""

    label: Label | None = None
    tracked_pairs: PairList | None = None


class ApiKeyUpdate(BaseModel):
    label: Label | None = None
    tracked_pairs: PairList | None = None


class ApiKey(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    exchange: str
    label: str
    api_key_masked: str
    version: int
    tracked_pairs: list[str]
    status: KeyStatus = Field(description="The bridge's last report for this version.")
    last_checked_at: datetime | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime


class ApiKeyWritten(ApiKey):
    trading_bridge_configured: bool
    trading_bridge_warning: str | None = None


class ApiKeyList(BaseModel):
    items: list[ApiKey]
