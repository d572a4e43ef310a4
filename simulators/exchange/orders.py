"""Orders and fills as the exchange keeps them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from simulators.exchange.amounts import ZERO


class Side(StrEnum):
    BUY = "BUY"
    SELL = "SELL"


class OrderType(StrEnum):
    LIMIT = "LIMIT"
    LIMIT_MAKER = "LIMIT_MAKER"
    MARKET = "MARKET"


class TimeInForce(StrEnum):
    GTC = "GTC"
    IOC = "IOC"
    FOK = "FOK"


class OrderStatus(StrEnum):
    NEW = "NEW"
    PARTIALLY_FILLED = "PARTIALLY_FILLED"
    FILLED = "FILLED"
    CANCELED = "CANCELED"
    EXPIRED = "EXPIRED"


@dataclass(slots=True, frozen=True)
class Fill:
    """One side of one trade: what the account paid, received and was charged."""

    trade_id: int
    order_id: int
    symbol: str
    side: Side
    price: Decimal
    qty: Decimal
    commission: Decimal
    commission_asset: str
    time: int
    is_maker: bool

    @property
    def quote_qty(self) -> Decimal:
        return self.price * self.qty


@dataclass(slots=True)
class Order:
    """An account's order. `reserved` is what is still locked for it in the reserve asset."""

    order_id: int
    symbol: str
    api_key: str
    client_order_id: str
    side: Side
    type: OrderType
    time_in_force: TimeInForce | None
    price: Decimal
    orig_qty: Decimal
    orig_quote_qty: Decimal
    time: int
    update_time: int
    reserved: Decimal = ZERO
    executed_qty: Decimal = ZERO
    cumulative_quote_qty: Decimal = ZERO
    status: OrderStatus = OrderStatus.NEW
    fills: list[Fill] = field(default_factory=list)

    @property
    def remaining_qty(self) -> Decimal:
        return self.orig_qty - self.executed_qty

    @property
    def is_open(self) -> bool:
        return self.status in (OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED)

    def record(self, fill: Fill) -> None:
        self.fills.append(fill)
        self.executed_qty += fill.qty
        self.cumulative_quote_qty += fill.quote_qty
        self.update_time = fill.time
        filled = self.orig_qty > ZERO and self.executed_qty >= self.orig_qty
        self.status = OrderStatus.FILLED if filled else OrderStatus.PARTIALLY_FILLED
