from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from services.trading_bridge.amounts import Amount
from services.trading_bridge.pnl.average_cost import Fee, PairFill


class FillFee(BaseModel):
    cost: Amount
    currency: str


class Fill(BaseModel):
    """One of the account's own trades on an exchange, as synced."""

    connector_id: uuid.UUID
    trade_id: str
    account: str
    exchange: str
    symbol: str = Field(description="ccxt symbol, BASE/QUOTE")
    base: str
    quote: str
    side: Literal["buy", "sell"]
    price: Decimal
    amount: Decimal = Field(description="base amount traded")
    cost: Decimal = Field(description="price x amount, in the quote currency")
    fee: FillFee | None = None
    order_id: str | None = None
    taker_or_maker: Literal["taker", "maker"] | None = None
    executed_at: datetime

    @property
    def trading_pair(self) -> str:
        return f"{self.base}-{self.quote}"

    def for_pnl(self) -> PairFill:
        fee = Fee(self.fee.cost, self.fee.currency) if self.fee else None
        return PairFill(self.side, self.price, self.amount, fee)


class SyncState(BaseModel):
    """How fresh one connector's fills of one pair are."""

    connector_id: uuid.UUID
    exchange: str
    symbol: str
    synced_at: datetime | None = Field(description="end of the last sync that succeeded")
    stale: bool = Field(description="the last attempt failed, or none succeeded yet")
    error: str | None = Field(None, description="why the last attempt failed")


class Trade(BaseModel):
    trade_id: str
    connector_id: uuid.UUID
    exchange: str
    trading_pair: str
    side: Literal["buy", "sell"]
    price: Amount
    amount: Amount
    cost: Amount
    fee: FillFee | None
    order_id: str | None
    taker_or_maker: Literal["taker", "maker"] | None
    timestamp: datetime

    @classmethod
    def of(cls, fill: Fill) -> Trade:
        return cls(
            trade_id=fill.trade_id,
            connector_id=fill.connector_id,
            exchange=fill.exchange,
            trading_pair=fill.trading_pair,
            side=fill.side,
            price=fill.price,
            amount=fill.amount,
            cost=fill.cost,
            fee=fill.fee,
            order_id=fill.order_id,
            taker_or_maker=fill.taker_or_maker,
            timestamp=fill.executed_at,
        )


class TradesPage(BaseModel):
    account: str
    trading_pair: str | None
    days: int
    trades: list[Trade] = Field(description="newest first, at most `limit`")
    sync: list[SyncState]
    synced_at: datetime | None = Field(description="oldest successful sync among `sync`")
    stale: bool = Field(description="some connector's fills could not be synced just now")
    note: str | None = None
