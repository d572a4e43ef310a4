"""The connection test's answer."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from services.trading_bridge.amounts import Amount
from shared.events import ConnectorState

CAPABILITIES = (
    "fetchBalance",
    "fetchMyTrades",
    "fetchOpenOrders",
    "fetchOrder",
    "createOrder",
    "cancelOrder",
    "fetchTickers",
    "fetchOHLCV",
)


class AssetAmount(BaseModel):
    asset: str
    free: Amount | None
    used: Amount | None
    total: Amount


class ConnectionTest(BaseModel):
    connector_id: uuid.UUID
    exchange: str
    version: int
    state: ConnectorState
    detail: str
    credentials_valid: bool
    can_withdraw: bool | None = Field(description="null when the exchange cannot tell")
    latency_ms: float | None = Field(description="round trip of the balance request")
    balances: list[AssetAmount]
    capabilities: dict[str, bool] = Field(description="ccxt `has` flags that the bridge uses")
    checked_at: datetime
