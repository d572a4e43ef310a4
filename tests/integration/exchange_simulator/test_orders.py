"""Placing, reading and cancelling orders through unmodified ccxt."""

from __future__ import annotations

import asyncio

import ccxt.async_support as ccxt
import pytest

from simulators.exchange.clock import now_ms
from tests.support.exchange_simulator import RunningExchange

FUNDS = {"USDT": "100000", "BTC": "2", "ETH": "10", "SHARP": "1000000"}


@pytest.fixture
async def binance(sim: RunningExchange) -> ccxt.binance:
    client = sim.binance(await sim.add_account(FUNDS))
    await client.load_markets()
    return client


async def _next_millisecond(after: int) -> None:
    """Let the exchange clock pass `after`, so the next trade gets a later timestamp."""
    await asyncio.sleep(max(0, after + 1 - now_ms()) / 1000 + 0.001)


async def test_market_buy_and_sell_fill_at_the_synthetic_quotes(binance: ccxt.binance) -> None:
    ticker = await binance.fetch_ticker("BTC/USDT")

    bought = await binance.create_order("BTC/USDT", "market", "buy", 0.01)
    sold = await binance.create_order("BTC/USDT", "market", "sell", 0.01)

    assert (bought["status"], bought["filled"], bought["average"]) == (
        "closed",
        0.01,
        ticker["ask"],
    )
    assert (sold["status"], sold["filled"], sold["average"]) == ("closed", 0.01, ticker["bid"])
    assert bought["fee"] == {"currency": "BTC", "cost": 0.00001}
    assert sold["fee"]["currency"] == "USDT"


async def test_market_buy_with_a_price_spends_that_quote_amount(binance: ccxt.binance) -> None:
    order = await binance.create_order("BTC/USDT", "market", "buy", 0.01, 60000)

    assert order["info"]["origQuoteOrderQty"] == "600.00000000"
    assert order["status"] == "closed"
    assert 599 < order["cost"] <= 600


async def test_market_buy_by_cost(binance: ccxt.binance) -> None:
    order = await binance.create_market_buy_order_with_cost("SHARP/USDT", 100)

    assert order["info"]["origQuoteOrderQty"] == "100.00000000"
    assert 99.9 < order["cost"] <= 100
    assert order["filled"] == int(order["filled"])


async def test_limit_order_rests_until_cancelled(binance: ccxt.binance) -> None:
    placed = await binance.create_order("ETH/USDT", "limit", "buy", 0.5, 2900)

    open_orders = await binance.fetch_open_orders("ETH/USDT")
    fetched = await binance.fetch_order(placed["id"], "ETH/USDT")
    cancelled = await binance.cancel_order(placed["id"], "ETH/USDT")

    assert placed["status"] == "open"
    assert [o["id"] for o in open_orders] == [placed["id"]]
    assert (fetched["price"], fetched["amount"], fetched["remaining"]) == (2900, 0.5, 0.5)
    assert cancelled["status"] == "canceled"
    assert await binance.fetch_open_orders("ETH/USDT") == []
    assert (await binance.fetch_order(placed["id"], "ETH/USDT"))["status"] == "canceled"


async def test_crossing_limit_fills_at_the_better_resting_price(binance: ccxt.binance) -> None:
    ticker = await binance.fetch_ticker("ETH/USDT")

    order = await binance.create_order("ETH/USDT", "limit", "buy", 0.1, 3100)

    assert order["status"] == "closed"
    assert order["average"] == ticker["ask"]


async def test_large_crossing_limit_fills_partly_and_rests(binance: ccxt.binance) -> None:
    book = await binance.fetch_order_book("ETH/USDT", limit=5)
    limit_price = book["asks"][1][0]
    available = book["asks"][0][1] + book["asks"][1][1]

    order = await binance.create_order("ETH/USDT", "limit", "buy", 5, limit_price)

    assert order["status"] == "open"
    assert order["filled"] == pytest.approx(available)
    assert order["remaining"] == pytest.approx(5 - available)
    assert [o["id"] for o in await binance.fetch_open_orders("ETH/USDT")] == [order["id"]]


async def test_order_found_by_client_order_id(binance: ccxt.binance) -> None:
    placed = await binance.create_order(
        "ETH/USDT", "limit", "sell", 1, 3200, {"clientOrderId": "bot-1-sell-1"}
    )

    found = await binance.fetch_order(None, "ETH/USDT", {"origClientOrderId": "bot-1-sell-1"})

    assert (found["id"], found["clientOrderId"]) == (placed["id"], "bot-1-sell-1")


async def test_duplicate_client_order_id_of_an_open_order_is_refused(
    binance: ccxt.binance,
) -> None:
    await binance.create_order("ETH/USDT", "limit", "buy", 0.1, 2800, {"clientOrderId": "once"})

    with pytest.raises(ccxt.InvalidOrder, match="Duplicate order sent"):
        await binance.create_order("ETH/USDT", "limit", "buy", 0.1, 2800, {"clientOrderId": "once"})
    assert len(await binance.fetch_open_orders("ETH/USDT")) == 1


async def test_post_only_order_that_would_take_is_refused(binance: ccxt.binance) -> None:
    with pytest.raises(ccxt.InvalidOrder, match="immediately match"):
        await binance.create_order("ETH/USDT", "limit", "buy", 0.1, 3100, {"postOnly": True})


async def test_off_tick_price_and_off_step_amount_are_invalid_orders(
    sim: RunningExchange, binance: ccxt.binance
) -> None:
    order = {"symbol": "ETHUSDT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC"}

    with pytest.raises(ccxt.InvalidOrder, match="PRICE_FILTER"):
        await binance.private_post_order(order | {"quantity": "0.1", "price": "2900.001"})
    with pytest.raises(ccxt.InvalidOrder, match="LOT_SIZE"):
        await binance.private_post_order(order | {"quantity": "0.00001", "price": "2900"})


async def test_my_trades_since_a_time(binance: ccxt.binance) -> None:
    first = await binance.create_order("ETH/USDT", "market", "buy", 0.01)
    await _next_millisecond(first["timestamp"])
    second = await binance.create_order("ETH/USDT", "market", "buy", 0.02)

    trades = await binance.fetch_my_trades("ETH/USDT", since=second["timestamp"])

    assert [t["order"] for t in trades] == [second["id"]]
    assert (trades[0]["amount"], trades[0]["side"], trades[0]["takerOrMaker"]) == (
        0.02,
        "buy",
        "taker",
    )


async def test_my_trades_page_by_trade_id(binance: ccxt.binance) -> None:
    for _ in range(5):
        await binance.create_order("SHARP/USDT", "market", "buy", 200)

    newest = await binance.fetch_my_trades("SHARP/USDT", limit=2)
    first_page = await binance.fetch_my_trades("SHARP/USDT", limit=3, params={"fromId": 1})
    next_id = int(first_page[-1]["id"]) + 1
    second_page = await binance.fetch_my_trades("SHARP/USDT", limit=3, params={"fromId": next_id})

    ids = [int(t["id"]) for t in first_page + second_page]
    assert ids == sorted(ids) and len(ids) == 5
    assert [t["id"] for t in newest] == [t["id"] for t in second_page]


async def test_ccxt_dynamic_pagination_collects_trades_of_distinct_milliseconds(
    binance: ccxt.binance,
) -> None:
    # ccxt pages by time (until = oldest seen - 1 ms): trades sharing a millisecond with a
    # page boundary are skipped, on Binance as here. Page by fromId to be exact.
    start = now_ms()
    for _ in range(7):
        order = await binance.create_order("SHARP/USDT", "market", "sell", 150)
        await _next_millisecond(order["timestamp"])

    trades = await binance.fetch_my_trades(
        "SHARP/USDT", since=start, params={"paginate": True, "maxEntriesPerRequest": 2}
    )

    assert len({t["id"] for t in trades}) == 7


async def test_cancel_all_open_orders_of_a_symbol(binance: ccxt.binance) -> None:
    for price in (2800, 2810, 2820):
        await binance.create_order("ETH/USDT", "limit", "buy", 0.1, price)

    cancelled = await binance.cancel_all_orders("ETH/USDT")

    assert {o["status"] for o in cancelled} == {"canceled"}
    assert await binance.fetch_open_orders("ETH/USDT") == []


async def test_all_orders_lists_open_and_closed(binance: ccxt.binance) -> None:
    await binance.create_order("ETH/USDT", "market", "buy", 0.01)
    await binance.create_order("ETH/USDT", "limit", "buy", 0.01, 2500)

    orders = await binance.fetch_orders("ETH/USDT")

    assert [o["status"] for o in orders] == ["closed", "open"]
