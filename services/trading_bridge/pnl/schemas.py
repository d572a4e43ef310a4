from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from services.trading_bridge.amounts import Amount

POSITION_START = (
    "each connector's pair starts flat at the window start; a sell beyond the window's buys "
    "opens a negative position measured from its sell price (that base was held before)"
)
USD_CONVERSION = (
    "quote figures x the quote currency's USD price: 1 for stablecoins, else its current price "
    "on the same exchange; fees in a third currency are converted at current prices"
)

Unavailable = dict[str, str]


class PairPnl(BaseModel):
    connector_id: uuid.UUID
    exchange: str
    trading_pair: str
    base: str
    quote: str
    fills: int
    position: Amount = Field(description="base bought minus sold in the window (fees in base)")
    average_cost: Amount | None
    mid_price: Amount | None
    volume_quote: Amount
    realised_quote: Amount
    unrealised_quote: Amount | None
    fees_quote: Amount | None
    net_quote: Amount | None = Field(description="realised + unrealised - fees")
    fees_by_currency: dict[str, Amount]
    quote_usd: Amount | None
    volume_usd: Amount | None
    realised_usd: Amount | None
    unrealised_usd: Amount | None
    fees_usd: Amount | None
    net_usd: Amount | None
    unavailable: Unavailable = Field(description="figure → why it is None")


class PnlTotals(BaseModel):
    volume_usd: Amount | None
    realised_usd: Amount | None
    unrealised_usd: Amount | None
    fees_usd: Amount | None
    net_usd: Amount | None
    unavailable: Unavailable


class HoldComparison(BaseModel):
    connector_id: uuid.UUID
    exchange: str
    start_balances_source: Literal["snapshot", "reconstructed_from_fills"] | None = Field(
        description="null when the start is unknown: no snapshot and no current balances"
    )
    start_as_of: datetime | None
    start_balances: dict[str, Amount] | None
    current_balances: dict[str, Amount] | None = Field(description="null when never read")
    current_as_of: datetime | None
    hold_value_usd: Amount | None = Field(description="start balances at today's prices")
    current_value_usd: Amount | None = Field(description="current balances at today's prices")
    pnl_vs_hold_usd: Amount | None
    unavailable: Unavailable


class HoldTotals(BaseModel):
    hold_value_usd: Amount | None
    current_value_usd: Amount | None
    pnl_vs_hold_usd: Amount | None
    unavailable: Unavailable


class PnlReport(BaseModel):
    account: str
    days: int
    since: datetime
    method: Literal["average_cost"] = "average_cost"
    position_start: str = POSITION_START
    usd_conversion: str = USD_CONVERSION
    pairs: list[PairPnl]
    total: PnlTotals
    vs_hold: list[HoldComparison]
    vs_hold_total: HoldTotals
    sync_stale: bool = Field(description="some pair's fills could not be synced just now")
