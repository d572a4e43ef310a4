"""Dollar-cost averaging: a market buy of `amount_quote` every `interval_seconds`, and with
a `price_step` only once the mid is that fraction below the previous buy's."""

from __future__ import annotations

from decimal import Decimal

from ccxt.async_support import Exchange

from simulators.hummingbot.bots.controller import Controller
from simulators.hummingbot.bots.logbook import Logbook
from simulators.hummingbot.bots.market import mid_price
from simulators.hummingbot.controller_configs import DcaControllerConfig


class DcaController(Controller):
    config: DcaControllerConfig

    def __init__(self, config: DcaControllerConfig, logbook: Logbook, since_ms: int) -> None:
        super().__init__(config, logbook, since_ms)
        self._last_buy_mid: Decimal | None = None

    @property
    def interval(self) -> float:
        return self.config.interval_seconds

    async def tick(self, exchange: Exchange) -> None:
        mid = await mid_price(exchange, self.config.symbol)
        threshold = self._buy_threshold()
        if threshold is not None and mid > threshold:
            self.logbook.info(self.id, f"Mid {mid} above the next step {threshold}: no buy")
            return
        order = await exchange.create_market_buy_order_with_cost(
            self.config.symbol, float(self.config.amount_quote)
        )
        self.remember(order)
        self._last_buy_mid = mid
        self.logbook.info(
            self.id, f"Bought {self.config.amount_quote} quote of {self.config.symbol}"
        )

    def _buy_threshold(self) -> Decimal | None:
        if self._last_buy_mid is None or not self.config.price_step:
            return None
        return self._last_buy_mid * (1 - self.config.price_step)
