"""Portfolio and balances responses. Amounts are decimal strings (see `amounts.py`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from services.trading_bridge.amounts import Amount

ConnectorHealth = Literal["ok", "stale", "error", "initializing"]


class BalanceLine(BaseModel):
    asset: str
    free: Amount | None
    used: Amount | None
    total: Amount
    price_usd: Amount | None = Field(description="null when the exchange cannot price it")
    value_usd: Amount | None


class ConnectorPortfolio(BaseModel):
    connector_id: uuid.UUID
    exchange: str
    status: ConnectorHealth = Field(
        description="ok: read now; stale: the last good balances (see as_of) because this read "
        "failed; error: failed with nothing to show; initializing: key still being checked"
    )
    error: str | None = None
    as_of: datetime | None = Field(description="when these balances were read")
    total_usd: Amount | None = Field(
        description="sum of the priced balances; null when nothing was read, or when assets "
        "are held and none of them can be priced (see unpriced_assets)"
    )
    unpriced_assets: list[str] = []
    prices_as_of: datetime | None = Field(
        description="when the exchange's tickers behind price_usd were fetched; null if never"
    )
    prices_stale: bool = Field(
        description="true when the latest ticker refresh failed: prices are those of "
        "prices_as_of, older than usual"
    )
    balances: list[BalanceLine] = []


class Portfolio(BaseModel):
    account: str
    as_of: datetime
    total_usd: Amount | None = Field(
        description="sum over connectors with balances; null when no connector has any to show"
    )
    partial: bool = Field(
        description="true when a connector is not ok, an asset is unpriced or a connector's "
        "prices are stale: the total is then not the whole account at current prices"
    )
    unpriced_assets: list[str] = []
    connectors: list[ConnectorPortfolio]


class BalanceRow(BaseModel):
    connector_id: uuid.UUID
    exchange: str
    status: ConnectorHealth
    as_of: datetime | None
    asset: str
    free: Amount | None
    used: Amount | None
    total: Amount


class Balances(BaseModel):
    account: str
    as_of: datetime
    partial: bool
    errors: dict[str, str] = Field(
        default_factory=dict, description="connector id → why its balances are stale or missing"
    )
    balances: list[BalanceRow]
