"""Pure market making: a bid and an ask at the configured spreads around the mid,
cancelled and replaced every `executor_refresh_time` seconds."""

from __future__ import annotations

from decimal import Decimal

from ccxt.async_support import Exchange

from simulators.hummingbot.bots.controller import Controller
from simulators.hummingbot.bots.logbook import Logbook
from simulators.hummingbot.bots.market import mid_price
from simulators.hummingbot.controller_configs import QuoteLevel, SpreadControllerConfig


class SpreadController(Controller):
    config: SpreadControllerConfig

    def __init__(self, config: SpreadControllerConfig, logbook: Logbook, since_ms: int) -> None:
        super().__init__(config, logbook, since_ms)

    @property
    def interval(self) -> float:
        return self.config.executor_refresh_time

    async def tick(self, exchange: Exchange) -> None:
        await self.cancel_open_orders(exchange)
        mid = await mid_price(exchange, self.config.symbol)
        quotes = [await self._place(exchange, level, mid) for level in self.config.levels()]
        self.logbook.info(self.id, f"Quoting {self.config.trading_pair} around {mid}: {quotes}")

    async def _place(self, exchange: Exchange, level: QuoteLevel, mid: Decimal) -> str:
        offset = -level.spread if level.side == "buy" else level.spread
        price = mid * (1 + offset)
        amount = level.amount_quote / price
        order = await exchange.create_order(
            self.config.symbol, "limit", level.side, float(amount), float(price)
        )
        self.remember(order)
        return f"{level.side} {order['amount']} @ {order['price']}"
