from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from services.trading_bridge.amounts import Amount

Interval = Literal["5m", "15m", "1h", "4h", "1d"]


class SnapshotAsset(BaseModel):
    asset: str
    total: Decimal
    price_usd: Decimal | None
    value_usd: Decimal | None


class Snapshot(BaseModel):
    """One connector's balances and their USD value at one time."""

    connector_id: uuid.UUID
    account: str
    exchange: str
    taken_at: datetime
    total_usd: Decimal = Field(description="value of the priced assets")
    unpriced_assets: list[str]
    assets: list[SnapshotAsset] = []


class ConnectorPoint(BaseModel):
    connector_id: uuid.UUID
    exchange: str
    as_of: datetime = Field(description="time of the snapshot used (the last at or before)")
    total_usd: Amount
    unpriced_assets: list[str] = Field(description="held but not valued in total_usd")


class Bucket(BaseModel):
    start: datetime
    total_usd: Amount = Field(description="sum over connectors of their last snapshot so far")
    connectors: list[ConnectorPoint]


class PortfolioHistory(BaseModel):
    account: str
    interval: Interval
    days: int
    buckets: list[Bucket] = Field(description="oldest first; only from the first snapshot on")
    note: str | None = None
