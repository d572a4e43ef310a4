"""What every simulated controller shares: its own orders, its fills ledger and how it
measures its performance."""

from __future__ import annotations

from abc import ABC, abstractmethod
from decimal import Decimal
from typing import Any

import ccxt.async_support as ccxt
from ccxt.async_support import Exchange

from simulators.hummingbot.bots.logbook import Logbook
from simulators.hummingbot.bots.market import mid_price, own_fills_since, own_open_orders
from simulators.hummingbot.controller_configs import ControllerConfig
from simulators.hummingbot.performance import Ledger


class Controller(ABC):
    def __init__(self, config: ControllerConfig, logbook: Logbook, since_ms: int) -> None:
        self.config = config
        self.logbook = logbook
        self.order_ids: set[str] = set()
        self.ledger = Ledger()
        self._fills_since_ms = since_ms

    @property
    def id(self) -> str:
        return self.config.id

    @property
    @abstractmethod
    def interval(self) -> float:
        """Seconds between two ticks."""

    @abstractmethod
    async def tick(self, exchange: Exchange) -> None:
        """One round of the strategy."""

    def remember(self, order: dict[str, Any]) -> None:
        self.order_ids.add(str(order["id"]))

    async def measure(self, exchange: Exchange) -> dict[str, Any]:
        symbol = self.config.symbol
        for fill in await own_fills_since(exchange, symbol, self._fills_since_ms, self.order_ids):
            self.ledger.apply(fill)
            self._fills_since_ms = max(self._fills_since_ms, fill.timestamp_ms)
        open_orders = await own_open_orders(exchange, symbol, self.order_ids)
        open_volume = sum(
            (
                Decimal(str(order["remaining"])) * Decimal(str(order["price"]))
                for order in open_orders
            ),
            Decimal(0),
        )
        return self.ledger.report(await mid_price(exchange, symbol), open_volume)

    async def cancel_open_orders(self, exchange: Exchange) -> int:
        """Cancel this controller's resting orders; one filled meanwhile is not an error."""
        cancelled = 0
        for order in await own_open_orders(exchange, self.config.symbol, self.order_ids):
            try:
                await exchange.cancel_order(order["id"], self.config.symbol)
                cancelled += 1
            except ccxt.OrderNotFound:
                continue
        return cancelled
