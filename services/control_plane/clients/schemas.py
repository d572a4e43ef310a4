from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from services.control_plane.storable_text import StorableText
from services.control_plane.wallets.schemas import Wallet, WalletCreate

ACCOUNT_PATTERN = r"^[a-z0-9][a-z0-9_-]{1,62}$"

ClientName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), StorableText
]
AccountIdentifier = Annotated[str, StringConstraints(pattern=ACCOUNT_PATTERN)]


class ClientCreate(BaseModel):
    name: ClientName
    account_identifier: AccountIdentifier | None = Field(
        None, description="Unique slug; generated from the name when not given."
    )
    wallets: list[WalletCreate] = Field(default_factory=list, max_length=50)


class Client(BaseModel):
    id: uuid.UUID
    name: str
    account_identifier: str
    wallets: list[Wallet]
    created_at: datetime


class ClientPage(BaseModel):
    items: list[Client]
    total: int
    limit: int
    offset: int
