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
    total_usd: Decimal | None = Field(
        description="value of the priced assets; None when assets are held and none is priced"
    )
    unpriced_assets: list[str]
    assets: list[SnapshotAsset] = []


class ConnectorPoint(BaseModel):
    connector_id: uuid.UUID
    exchange: str
    as_of: datetime = Field(description="time of the snapshot used (the last at or before)")
    total_usd: Amount | None = Field(
        description="value of the priced assets; null when assets were held and none of them "
        "could be priced (see unpriced_assets)"
    )
    unpriced_assets: list[str] = Field(description="held but not valued in total_usd")


class Bucket(BaseModel):
    start: datetime
    total_usd: Amount | None = Field(
        description="sum over connectors of their last snapshot so far; null when none of "
        "them could be valued"
    )
    partial: bool = Field(
        description="true when an asset is unpriced (see unpriced_assets): the total is then "
        "a lower bound, or null"
    )
    unpriced_assets: list[str] = []
    connectors: list[ConnectorPoint]


class PortfolioHistory(BaseModel):
    account: str
    interval: Interval
    days: int
    buckets: list[Bucket] = Field(description="oldest first; only from the first snapshot on")
    note: str | None = None
