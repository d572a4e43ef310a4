"""The accounts' resting limit orders of one market, in price-time priority."""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from simulators.exchange.orders import Order, Side


class Level(NamedTuple):
    price: Decimal
    qty: Decimal


def _bid_priority(order: Order) -> tuple[Decimal, int]:
    return (-order.price, order.order_id)


def _ask_priority(order: Order) -> tuple[Decimal, int]:
    return (order.price, order.order_id)


class RestingOrders:
    def __init__(self) -> None:
        self.bids: list[Order] = []
        self.asks: list[Order] = []

    def add(self, order: Order) -> None:
        if order.side is Side.BUY:
            insort(self.bids, order, key=_bid_priority)
        else:
            insort(self.asks, order, key=_ask_priority)

    def remove(self, order: Order) -> None:
        (self.bids if order.side is Side.BUY else self.asks).remove(order)

    def makers_for(self, taker_side: Side) -> list[Order]:
        """The orders a taker on `taker_side` would trade against, best first."""
        return self.asks if taker_side is Side.BUY else self.bids

    def clear(self) -> None:
        self.bids.clear()
        self.asks.clear()


def aggregate(orders: Iterable[Order], levels: Iterable[Level]) -> dict[Decimal, Decimal]:
    """Quantity per price of resting orders plus synthetic levels."""
    depth: dict[Decimal, Decimal] = {}
    for level in levels:
        depth[level.price] = depth.get(level.price, Decimal(0)) + level.qty
    for order in orders:
        depth[order.price] = depth.get(order.price, Decimal(0)) + order.remaining_qty
    return depth
