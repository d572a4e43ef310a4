from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field


class WalletCreate(BaseModel):
    chain: str = Field("evm", min_length=1, max_length=32, examples=["evm"])
    address: str = Field(
        min_length=1, max_length=128, examples=["0x52908400098527886E0F7030069857D2E4169EE7"]
    )


class Wallet(BaseModel):
    id: uuid.UUID
    chain: str
    address: str
    created_at: datetime
