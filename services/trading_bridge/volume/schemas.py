from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from services.trading_bridge.amounts import Amount

USD_CONVERSION = (
    "notional = price x amount in the quote currency; stablecoin quotes count 1 USD (exact at "
    "fill time); any other quote is converted at its current price on the same exchange"
)


class PairVolume(BaseModel):
    trading_pair: str
    quote: str
    fills: int
    volume_quote: Amount
    volume_usd: Amount | None = Field(description="None when the quote cannot be priced")


class ConnectorVolume(BaseModel):
    connector_id: uuid.UUID
    exchange: str
    fills: int
    volume_usd: Amount | None


class DayVolume(BaseModel):
    day: date = Field(description="UTC date")
    fills: int
    volume_usd: Amount | None


class VolumeReport(BaseModel):
    account: str
    days: int
    since: datetime
    fills: int
    total_usd: Amount | None
    by_pair: list[PairVolume]
    by_connector: list[ConnectorVolume]
    by_day: list[DayVolume]
    usd_conversion: str = USD_CONVERSION
    unavailable: dict[str, str] = Field(default_factory=dict, description="figure → why it is None")
    sync_stale: bool = Field(description="some pair's fills could not be synced just now")
