"""PnL over real HTTP: scripted fills on the exchange simulator against a hand-computed table."""

from __future__ import annotations

from decimal import Decimal as D

import ccxt.async_support as ccxt

from tests.support.bridge_analytics import AnalyticsStack, analytics_stack

SYMBOL = "SHARP/USDT"
FUNDS = {"USDT": "10000", "SHARP": "100000"}

# Maker fills at the limit prices below; the simulator charges 0.1 %: buyers in SHARP,
# sellers in USDT. Then the price is set to 0.05 (bid 0.049975, ask 0.050025: mid 0.05).
#
# | fill              | fee          | fee in USDT | position | average cost | realised        |
# |-------------------|--------------|-------------|----------|--------------|-----------------|
# | buy 1000 @ 0.04   | 1 SHARP      | 0.04        | 999      | 0.04         | 0               |
# | buy 1000 @ 0.03   | 1 SHARP      | 0.03        | 1998     | 0.035        | 0               |
# | sell 500 @ 0.06   | 0.03 USDT    | 0.03        | 1498     | 0.035        | 500 x 0.025     |
#
# volume 40 + 30 + 30 = 100; realised 12.5; fees 0.1; unrealised 1498 x (0.05 - 0.035) = 22.47;
# net 12.5 + 22.47 - 0.1 = 34.87. Against holding: the start balances (reconstructed, no
# snapshot predates the window) are 100000 SHARP and 10000 USDT = 15000 USD at 0.05; now
# 101498 SHARP and 9959.97 USDT = 15034.87 USD: 34.87 better than holding.
EXPECTED_PAIR = {
    "fills": 3,
    "position": "1498",
    "average_cost": "0.035",
    "mid_price": "0.05",
    "volume_quote": "100",
    "realised_quote": "12.5",
    "unrealised_quote": "22.47",
    "fees_quote": "0.1",
    "net_quote": "34.87",
    "fees_by_currency": {"SHARP": "2", "USDT": "0.03"},
    "quote_usd": "1",
    "net_usd": "34.87",
    "unavailable": {},
}


async def maker_fill(
    stack: AnalyticsStack, trader: ccxt.binance, side: str, amount: int, price: str, through: str
) -> None:
    """Rest a limit order at `price`, then move the market `through` it so it fills there."""
    await trader.create_order(SYMBOL, "limit", side, amount, float(price))
    await stack.exchange.set_price(SYMBOL, through)


async def test_pnl_matches_the_hand_computed_table(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with analytics_stack(database_url, fresh_streams, schema_suffix, FUNDS) as stack:
        trader = stack.exchange.binance(stack.exchange_key)
        await maker_fill(stack, trader, "buy", 1000, "0.04", through="0.039")
        await maker_fill(stack, trader, "buy", 1000, "0.03", through="0.029")
        await maker_fill(stack, trader, "sell", 500, "0.06", through="0.061")
        await stack.exchange.set_price(SYMBOL, "0.05")

        response = await stack.get("/api/pnl", days=1)

    assert response.status_code == 200, response.text
    report = response.json()
    assert report["method"] == "average_cost"
    [pair] = report["pairs"]
    assert {k: pair[k] for k in EXPECTED_PAIR} == EXPECTED_PAIR
    assert report["total"] == {
        "volume_usd": "100",
        "realised_usd": "12.5",
        "unrealised_usd": "22.47",
        "fees_usd": "0.1",
        "net_usd": "34.87",
        "unavailable": {},
    }
    [hold] = report["vs_hold"]
    assert hold["start_balances_source"] == "reconstructed_from_fills"
    assert hold["start_balances"] == {"SHARP": "100000", "USDT": "10000"}
    assert (hold["hold_value_usd"], hold["current_value_usd"]) == ("15000", "15034.87")
    assert report["vs_hold_total"]["pnl_vs_hold_usd"] == "34.87"


async def test_volume_totals_the_notionals_by_pair_connector_and_day(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with analytics_stack(database_url, fresh_streams, schema_suffix, FUNDS) as stack:
        trader = stack.exchange.binance(stack.exchange_key)
        await maker_fill(stack, trader, "buy", 1000, "0.04", through="0.039")
        await maker_fill(stack, trader, "sell", 500, "0.06", through="0.061")

        response = await stack.get("/api/volume", days=7)

    assert response.status_code == 200, response.text
    volume = response.json()
    assert (volume["total_usd"], volume["fills"], volume["unavailable"]) == ("70", 2, {})
    assert volume["by_pair"] == [
        {
            "trading_pair": "SHARP-USDT",
            "quote": "USDT",
            "fills": 2,
            "volume_quote": "70",
            "volume_usd": "70",
        }
    ]
    assert [c["volume_usd"] for c in volume["by_connector"]] == ["70"]
    assert sum(D(d["volume_usd"]) for d in volume["by_day"]) == 70  # one day, or two at midnight


async def test_unreadable_balances_leave_pnl_against_holding_unknown_not_zero(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with analytics_stack(
        database_url, fresh_streams, schema_suffix, FUNDS, snapshot_interval_s=3600
    ) as stack:
        await stack.bridge.pool.execute("DELETE FROM balance_snapshots")
        await stack.exchange.set_fault(down=True)
        response = await stack.get("/api/pnl", days=1)
        await stack.exchange.clear_faults()

    assert response.status_code == 200, response.text
    [hold] = response.json()["vs_hold"]
    assert (hold["start_balances"], hold["current_balances"]) == (None, None)
    assert (hold["hold_value_usd"], hold["current_value_usd"], hold["pnl_vs_hold_usd"]) == (
        None,
        None,
        None,
    )
    assert hold["unavailable"]["hold_value_usd"] == (
        "no snapshot before the window; the exchange is unavailable"
    )
    assert response.json()["vs_hold_total"]["hold_value_usd"] is None
