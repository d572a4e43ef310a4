"""Accounts: an API key pair, balances split into free and locked, orders and fills."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from simulators.exchange.amounts import ZERO
from simulators.exchange.binance_errors import insufficient_balance
from simulators.exchange.orders import Fill, Order


@dataclass(slots=True)
class Balance:
    free: Decimal = ZERO
    locked: Decimal = ZERO


@dataclass
class Account:
    api_key: str
    api_secret: str
    can_withdraw: bool
    created_at: int
    balances: dict[str, Balance] = field(default_factory=dict)
    orders: dict[int, Order] = field(default_factory=dict)
    latest_by_client_id: dict[tuple[str, str], Order] = field(default_factory=dict)
    fills: dict[str, list[Fill]] = field(default_factory=dict)

    def balance(self, asset: str) -> Balance:
        return self.balances.setdefault(asset, Balance())

    def lock(self, asset: str, amount: Decimal) -> None:
        balance = self.balance(asset)
        if balance.free < amount:
            raise insufficient_balance()
        balance.free -= amount
        balance.locked += amount

    def release(self, asset: str, amount: Decimal) -> None:
        balance = self.balance(asset)
        balance.locked -= amount
        balance.free += amount

    def spend_locked(self, asset: str, amount: Decimal) -> None:
        self.balance(asset).locked -= amount

    def credit(self, asset: str, amount: Decimal) -> None:
        self.balance(asset).free += amount

    def add_order(self, order: Order) -> None:
        self.orders[order.order_id] = order
        self.latest_by_client_id[(order.symbol, order.client_order_id)] = order

    def open_order_with_client_id(self, symbol: str, client_order_id: str) -> Order | None:
        order = self.latest_by_client_id.get((symbol, client_order_id))
        return order if order is not None and order.is_open else None

    def add_fill(self, fill: Fill) -> None:
        self.fills.setdefault(fill.symbol, []).append(fill)
