"""A spot market: trading rules, a mid price that walks, resting orders and 24h statistics."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

from simulators.exchange.amounts import ZERO, floor_to_step
from simulators.exchange.book import Level, RestingOrders


@dataclass(slots=True, frozen=True)
class MarketRules:
    """What exchangeInfo publishes as PRICE_FILTER, LOT_SIZE and NOTIONAL."""

    tick_size: Decimal
    step_size: Decimal
    min_notional: Decimal
    min_qty: Decimal
    max_qty: Decimal = Decimal(9_000_000_000)
    max_price: Decimal = Decimal(1_000_000_000)
    max_notional: Decimal = Decimal(9_000_000_000)

    def to_tick(self, price: Decimal, rounding: str = ROUND_HALF_EVEN) -> Decimal:
        return (price / self.tick_size).to_integral_value(rounding) * self.tick_size


@dataclass(slots=True, frozen=True)
class LiquidityProfile:
    """Shape of the synthetic book quoted around the mid, and how far the mid moves per step."""

    spread_bps: Decimal = Decimal(10)
    levels: int = 20
    level_step_bps: Decimal = Decimal(5)
    level_notional: Decimal = Decimal(5000)
    volatility_bps: Decimal = Decimal(10)


@dataclass(slots=True)
class TickerStats:
    open_price: Decimal
    high: Decimal
    low: Decimal
    open_time: int
    volume: Decimal = ZERO
    quote_volume: Decimal = ZERO
    count: int = 0
    first_trade_id: int = -1
    last_trade_id: int = -1
    last_qty: Decimal = ZERO

    def observe_price(self, price: Decimal) -> None:
        self.high = max(self.high, price)
        self.low = min(self.low, price)

    def observe_trade(self, trade_id: int, price: Decimal, qty: Decimal) -> None:
        if self.first_trade_id < 0:
            self.first_trade_id = trade_id
        self.last_trade_id = trade_id
        self.volume += qty
        self.quote_volume += price * qty
        self.last_qty = qty
        self.count += 1


@dataclass
class Market:
    symbol: str
    base: str
    quote: str
    rules: MarketRules
    profile: LiquidityProfile
    mid: Decimal
    rng: random.Random
    stats: TickerStats
    book: RestingOrders = field(default_factory=RestingOrders)
    update_id: int = 1
    _levels: tuple[list[Level], list[Level]] | None = None

    @property
    def unified_symbol(self) -> str:
        return f"{self.base}/{self.quote}"

    def move_to(self, price: Decimal) -> None:
        self.mid = max(self.rules.to_tick(price), self.rules.tick_size)
        self.stats.observe_price(self.mid)
        self._levels = None
        self.update_id += 1

    def walk(self) -> None:
        """One step of the seeded random walk (a Gaussian return of `volatility_bps`)."""
        shock = self.rng.gauss(0.0, 1.0) * float(self.profile.volatility_bps) / 10_000
        self.move_to(self.mid * Decimal(repr(1.0 + shock)))

    def synthetic_levels(self) -> tuple[list[Level], list[Level]]:
        """Bids (best first) and asks (best first) quoted by the synthetic market makers."""
        if self._levels is None:
            self._levels = (self._quote_side(-1), self._quote_side(1))
        return self._levels

    def _quote_side(self, direction: int) -> list[Level]:
        rounding = ROUND_CEILING if direction > 0 else ROUND_FLOOR
        half_spread = self.mid * self.profile.spread_bps / 20_000
        levels: list[Level] = []
        for index in range(self.profile.levels):
            offset = half_spread + self.mid * index * self.profile.level_step_bps / 10_000
            price = self.rules.to_tick(self.mid + direction * offset, rounding)
            if price == self.mid:
                price += direction * self.rules.tick_size
            if price <= ZERO or (levels and price == levels[-1].price):
                continue
            levels.append(Level(price, self._level_qty(price)))
        return levels

    def _level_qty(self, price: Decimal) -> Decimal:
        qty = floor_to_step(self.profile.level_notional / price, self.rules.step_size)
        return max(qty, self.rules.min_qty, self.rules.step_size)
