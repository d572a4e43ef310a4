from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class Account(BaseModel):
    account: str
    client_id: uuid.UUID
    name: str
    on_host: bool
    deleted_at: datetime | None


class Connector(BaseModel):
    connector_id: uuid.UUID
    client_id: uuid.UUID
    account: str
    exchange: str
    version: int
    removed_at: datetime | None

    @property
    def live(self) -> bool:
        return self.removed_at is None
