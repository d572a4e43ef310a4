"""The matching engine's bookkeeping under many random orders and price moves."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

import pytest

from simulators.exchange.accounts import Account
from simulators.exchange.binance_errors import BinanceError
from simulators.exchange.config import SimulatorConfig
from simulators.exchange.exchange import Exchange
from simulators.exchange.matching import OrderRequest
from simulators.exchange.orders import OrderType, Side, TimeInForce

START = {"USDT": Decimal(20_000), "ETH": Decimal(5)}
CONFIG = SimulatorConfig.model_validate(
    {
        "markets": [
            {"symbol": "ETH/USDT", "price": "3000", "tick_size": "0.01", "step_size": "0.001"}
        ],
        "accounts": [
            {"api_key": name, "api_secret": "s", "balances": {k: str(v) for k, v in START.items()}}
            for name in ("alice", "bob")
        ],
    }
)


def _random_request(rng: random.Random, mid: Decimal) -> OrderRequest:
    side = rng.choice([Side.BUY, Side.SELL])
    kind = rng.choice([OrderType.LIMIT, OrderType.LIMIT, OrderType.MARKET, OrderType.LIMIT_MAKER])
    qty = Decimal(rng.randint(1, 3000)) / 1000
    if kind is OrderType.MARKET:
        if side is Side.BUY and rng.random() < 0.5:
            return OrderRequest(side, kind, None, quote_qty=Decimal(rng.randint(10, 3000)))
        return OrderRequest(side, kind, None, qty=qty)
    price = (mid * Decimal(1 + rng.uniform(-0.01, 0.01))).quantize(Decimal("0.01"))
    tif = rng.choice(list(TimeInForce)) if kind is OrderType.LIMIT else None
    return OrderRequest(side, kind, None, time_in_force=tif, price=price, qty=qty)


def _expected_totals(account: Account) -> dict[str, Decimal]:
    totals = defaultdict(Decimal, START)
    for fill in account.fills.get("ETHUSDT", []):
        sign = 1 if fill.side is Side.BUY else -1
        totals["ETH"] += sign * fill.qty
        totals["USDT"] -= sign * fill.quote_qty
        totals[fill.commission_asset] -= fill.commission
    return totals


def _check_books(exchange: Exchange) -> None:
    for account in exchange.accounts.values():
        reserved: dict[str, Decimal] = defaultdict(Decimal)
        for order in account.orders.values():
            if order.is_open:
                reserved["USDT" if order.side is Side.BUY else "ETH"] += order.reserved
            else:
                assert order.reserved == 0
        for asset, expected in _expected_totals(account).items():
            balance = account.balance(asset)
            assert balance.free >= 0 and balance.locked >= 0
            assert balance.free + balance.locked == expected
            assert balance.locked == reserved[asset]


@pytest.mark.parametrize("seed", range(5))
def test_balances_follow_fills_exactly_and_never_go_negative(seed: int) -> None:
    exchange = Exchange(CONFIG, seed=seed)
    market = exchange.market("ETHUSDT")
    rng = random.Random(seed)

    for _ in range(300):
        account = exchange.accounts[rng.choice(["alice", "bob"])]
        roll = rng.random()
        try:
            if roll < 0.6:
                exchange.engine.place(account, market, _random_request(rng, market.mid))
            elif roll < 0.75:
                open_orders = [o for o in account.orders.values() if o.is_open]
                if open_orders:
                    exchange.engine.cancel(market, rng.choice(open_orders))
            else:
                exchange.step("ETHUSDT", steps=rng.randint(1, 5))
        except BinanceError:
            pass
        _check_books(exchange)

    assert any(account.fills for account in exchange.accounts.values())


def test_book_never_stays_crossed_after_a_price_move() -> None:
    exchange = Exchange(CONFIG, seed=1)
    market = exchange.market("ETHUSDT")
    alice = exchange.accounts["alice"]
    for price in ("2990", "2995", "2999.99"):
        request = OrderRequest(
            Side.BUY, OrderType.LIMIT, None, TimeInForce.GTC, Decimal(price), Decimal("0.1")
        )
        exchange.engine.place(alice, market, request)

    exchange.set_price("ETHUSDT", Decimal("2994"))

    assert [order.price for order in market.book.bids] == [Decimal("2990")]
    assert all(order.price < market.mid for order in market.book.bids)
