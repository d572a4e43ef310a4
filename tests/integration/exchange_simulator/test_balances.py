"""Every fill moves base, quote and fee exactly; resting orders fill as the price moves."""

from __future__ import annotations

from decimal import ROUND_UP, Decimal
from typing import Any

import ccxt.async_support as ccxt
import pytest

from tests.support.exchange_simulator import ApiKey, RunningExchange


async def _balances(sim: RunningExchange, key: ApiKey) -> dict[str, dict[str, Decimal]]:
    account = await sim.account(key.api_key)
    return {
        asset: {part: Decimal(amount) for part, amount in balance.items()}
        for asset, balance in account["balances"].items()
    }


def _total(fills: list[dict[str, Any]], field: str) -> Decimal:
    return sum((Decimal(fill[field]) for fill in fills), Decimal(0))


async def test_market_buy_moves_quote_base_and_fee_exactly(sim: RunningExchange) -> None:
    key = await sim.add_account({"USDT": "5000"})
    binance = sim.binance(key)

    order = await binance.create_order("ETH/USDT", "market", "buy", 1.2345)
    after = await _balances(sim, key)

    fills = order["info"]["fills"]
    spent = sum((Decimal(f["price"]) * Decimal(f["qty"]) for f in fills), Decimal(0))
    assert {f["commissionAsset"] for f in fills} == {"ETH"}
    assert after["USDT"] == {"free": Decimal(5000) - spent, "locked": Decimal(0)}
    assert after["ETH"]["free"] == _total(fills, "qty") - _total(fills, "commission")
    assert _total(fills, "qty") == Decimal("1.2345")
    assert Decimal(order["info"]["cummulativeQuoteQty"]) == spent


async def test_market_sell_pays_the_fee_in_quote(sim: RunningExchange) -> None:
    key = await sim.add_account({"BTC": "0.5"})

    order = await sim.binance(key).create_order("BTC/USDT", "market", "sell", 0.1)
    after = await _balances(sim, key)

    fills = order["info"]["fills"]
    received = Decimal(order["info"]["cummulativeQuoteQty"])
    assert after["BTC"]["free"] == Decimal("0.4")
    assert after["USDT"]["free"] == received - _total(fills, "commission")
    assert len(fills) > 1
    for fill in fills:
        fee = Decimal(fill["price"]) * Decimal(fill["qty"]) * Decimal("0.001")
        assert Decimal(fill["commission"]) == fee.quantize(Decimal("1e-8"), ROUND_UP)


async def test_resting_buy_locks_quote_and_cancel_releases_it(sim: RunningExchange) -> None:
    key = await sim.add_account({"USDT": "1000"})
    binance = sim.binance(key)

    order = await binance.create_order("ETH/USDT", "limit", "buy", 0.2, 2950)
    locked = await _balances(sim, key)
    await binance.cancel_order(order["id"], "ETH/USDT")
    released = await _balances(sim, key)

    assert locked["USDT"] == {"free": Decimal(410), "locked": Decimal(590)}
    assert released["USDT"] == {"free": Decimal(1000), "locked": Decimal(0)}
    balance = await binance.fetch_balance()
    assert (balance["USDT"]["free"], balance["USDT"]["used"]) == (1000, 0)


async def test_resting_buy_fills_when_the_price_falls_through_it(sim: RunningExchange) -> None:
    key = await sim.add_account({"USDT": "1000"})
    binance = sim.binance(key)
    order = await binance.create_order("ETH/USDT", "limit", "buy", 0.2, 2950)

    await sim.set_price("ETH/USDT", "2960")
    assert (await binance.fetch_order(order["id"], "ETH/USDT"))["status"] == "open"
    await sim.set_price("ETH/USDT", "2949.5")

    filled = await binance.fetch_order(order["id"], "ETH/USDT")
    trades = await binance.fetch_my_trades("ETH/USDT")
    after = await _balances(sim, key)
    assert (filled["status"], filled["average"]) == ("closed", 2950)
    assert [(t["order"], t["takerOrMaker"], t["price"]) for t in trades] == [
        (order["id"], "maker", 2950)
    ]
    assert after["USDT"] == {"free": Decimal(410), "locked": Decimal(0)}
    assert after["ETH"]["free"] == Decimal("0.2") - Decimal("0.0002")


async def test_resting_sell_fills_on_a_random_walk_up(sim: RunningExchange) -> None:
    key = await sim.add_account({"SHARP": "10000"})
    binance = sim.binance(key)
    order = await binance.create_order("SHARP/USDT", "limit", "sell", 1000, 0.05004)

    for _ in range(200):
        await sim.step("SHARP/USDT", steps=5)
        if (await binance.fetch_order(order["id"], "SHARP/USDT"))["status"] != "open":
            break

    assert (await binance.fetch_order(order["id"], "SHARP/USDT"))["status"] == "closed"
    assert (await _balances(sim, key))["USDT"]["free"] == Decimal("50.04") - Decimal("0.05004")


async def test_another_accounts_resting_order_is_matched_before_synthetic_quotes(
    sim: RunningExchange,
) -> None:
    maker_key = await sim.add_account({"ETH": "1"})
    taker_key = await sim.add_account({"USDT": "10000"})
    maker, taker = sim.binance(maker_key), sim.binance(taker_key)
    resting = await maker.create_order("ETH/USDT", "limit", "sell", 0.5, 3000.5)

    bought = await taker.create_order("ETH/USDT", "market", "buy", 0.5)

    maker_trades = await maker.fetch_my_trades("ETH/USDT")
    assert bought["average"] == 3000.5
    assert (await maker.fetch_order(resting["id"], "ETH/USDT"))["status"] == "closed"
    assert maker_trades[0]["takerOrMaker"] == "maker"
    assert maker_trades[0]["id"] == bought["trades"][0]["id"]


async def test_too_little_balance_raises_insufficient_funds(sim: RunningExchange) -> None:
    key = await sim.add_account({"USDT": "100", "BTC": "0.001"})
    binance = sim.binance(key)

    with pytest.raises(ccxt.InsufficientFunds):
        await binance.create_order("BTC/USDT", "limit", "buy", 0.01, 59000)
    with pytest.raises(ccxt.InsufficientFunds):
        await binance.create_order("BTC/USDT", "market", "sell", 0.002)
    assert await _balances(sim, key) == {
        "BTC": {"free": Decimal("0.001"), "locked": Decimal(0)},
        "USDT": {"free": Decimal(100), "locked": Decimal(0)},
    }
