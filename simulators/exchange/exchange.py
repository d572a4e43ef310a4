"""The exchange's whole in-memory state, and the operations the control API drives."""

from __future__ import annotations

import random
from decimal import Decimal

from simulators.exchange import binance_errors as errors
from simulators.exchange.accounts import Account
from simulators.exchange.clock import now_ms
from simulators.exchange.config import AccountSpec, MarketSpec, SimulatorConfig
from simulators.exchange.market import LiquidityProfile, Market, MarketRules, TickerStats
from simulators.exchange.matching import Fees, MatchingEngine

SYNTHETIC_PREFIX = "SYN"


class Exchange:
    """Markets keyed by Binance symbol id (`BTCUSDT`), accounts keyed by API key.

    Each market walks with its own `random.Random(f"{seed}:{symbol}")`, so one market's steps
    never change another's path and the same seed gives the same prices.
    """

    def __init__(self, config: SimulatorConfig, seed: int) -> None:
        self.config = config
        self.seed = seed
        self.markets: dict[str, Market] = {}
        self.accounts: dict[str, Account] = {}
        self.markets_version = 0
        self.fees = Fees(config.maker_fee, config.taker_fee)
        self.engine: MatchingEngine
        self.reset()

    def reset(self) -> None:
        """Back to the configured markets and accounts, with no orders and no fills."""
        self.markets.clear()
        self.accounts.clear()
        self.engine = MatchingEngine(self.accounts, self.fees, now_ms)
        for market in self.config.markets:
            self.add_market(market)
        for account in self.config.accounts:
            self.upsert_account(account)
        self.markets_version += 1

    def market(self, symbol_id: str) -> Market:
        market = self.markets.get(symbol_id)
        if market is None:
            raise errors.invalid_symbol()
        return market

    def add_market(self, spec: MarketSpec) -> Market:
        """Create a market; for one that exists, move its price to `spec.price`."""
        symbol_id = f"{spec.base}{spec.quote}"
        if symbol_id in self.markets:
            self.set_price(symbol_id, spec.price)
            return self.markets[symbol_id]
        market = _new_market(spec, random.Random(f"{self.seed}:{symbol_id}"))
        self.markets[symbol_id] = market
        self.markets_version += 1
        return market

    def add_synthetic_markets(self, count: int) -> list[Market]:
        """`count` more markets SYN<n>/USDT with prices spread from 0.001 to 10,000."""
        first = 1 + sum(1 for symbol in self.markets if symbol.startswith(SYNTHETIC_PREFIX))
        rng = random.Random(f"{self.seed}:synthetic:{first}")
        return [
            self.add_market(
                MarketSpec(
                    base=f"{SYNTHETIC_PREFIX}{number}",
                    quote="USDT",
                    price=Decimal(f"{10 ** rng.uniform(-3, 4):.6g}"),
                )
            )
            for number in range(first, first + count)
        ]

    def upsert_account(self, spec: AccountSpec) -> Account:
        """Create an account, or update its secret, permissions and the listed free balances."""
        account = self.accounts.get(spec.api_key)
        secret = spec.api_secret.get_secret_value()
        if account is None:
            account = Account(spec.api_key, secret, spec.can_withdraw, now_ms())
            self.accounts[spec.api_key] = account
        account.api_secret, account.can_withdraw = secret, spec.can_withdraw
        for asset, amount in spec.balances.items():
            account.balance(asset).free = amount
        return account

    def set_price(self, symbol_id: str, price: Decimal) -> Market:
        """Move the mid and let the synthetic takers fill what it crossed."""
        market = self.market(symbol_id)
        market.move_to(price)
        self.engine.sweep(market)
        return market

    def step(self, symbol_id: str | None = None, steps: int = 1) -> list[Market]:
        """Advance the random walk of one market (or all, in symbol order) by `steps`."""
        markets = (
            [self.market(symbol_id)]
            if symbol_id
            else [self.markets[symbol] for symbol in sorted(self.markets)]
        )
        for market in markets:
            for _ in range(steps):
                market.walk()
                self.engine.sweep(market)
        return markets


def _new_market(spec: MarketSpec, rng: random.Random) -> Market:
    assert spec.base and spec.quote
    step_size = spec.resolved_step_size
    rules = MarketRules(
        tick_size=spec.resolved_tick_size,
        step_size=step_size,
        min_notional=spec.min_notional,
        min_qty=step_size,
    )
    profile = LiquidityProfile(
        spread_bps=spec.spread_bps,
        levels=spec.levels,
        level_step_bps=spec.level_step_bps,
        level_notional=spec.level_notional,
        volatility_bps=spec.volatility_bps,
    )
    mid = max(rules.to_tick(spec.price), rules.tick_size)
    stats = TickerStats(open_price=mid, high=mid, low=mid, open_time=now_ms())
    return Market(
        symbol=f"{spec.base}{spec.quote}",
        base=spec.base,
        quote=spec.quote,
        rules=rules,
        profile=profile,
        mid=mid,
        rng=rng,
        stats=stats,
    )
