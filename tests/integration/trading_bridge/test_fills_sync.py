"""Fill sync against the exchange simulator through unmodified ccxt, into real PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any, cast

import asyncpg
import ccxt.async_support as ccxt
import pytest
from ccxt.async_support import Exchange

from services.trading_bridge.fills.sync import FillSync
from tests.support.bridge_analytics import bridge_pool, connector_ref
from tests.support.exchange_simulator import RunningExchange, running_exchange

FUNDS = {"USDT": "100000", "SHARP": "1000000"}
SYMBOL = "SHARP/USDT"


@pytest.fixture
async def sim() -> AsyncIterator[RunningExchange]:
    async with running_exchange(seed=3) as running:
        yield running


@pytest.fixture
async def pool(database_url: str, schema_suffix: str) -> AsyncIterator[asyncpg.Pool]:
    async with bridge_pool(database_url, f"bridge_{schema_suffix}") as created:
        yield created


async def trade_burst(trader: ccxt.binance, orders: int) -> None:
    for number in range(orders):
        await trader.create_order(SYMBOL, "market", "buy" if number % 2 else "sell", 400)


async def exchange_trade_ids(trader: ccxt.binance) -> list[str]:
    trades = await trader.fetch_my_trades(SYMBOL, limit=1000, params={"fromId": 0})
    return sorted(str(trade["id"]) for trade in trades)


async def stored_trade_ids(pool: asyncpg.Pool) -> list[str]:
    rows = await pool.fetch("SELECT trade_id FROM fills ORDER BY trade_id")
    return sorted(row["trade_id"] for row in rows)


async def test_burst_synced_repeatedly_and_concurrently_is_complete_without_duplicates(
    sim: RunningExchange, pool: asyncpg.Pool
) -> None:
    key = await sim.add_account(FUNDS)
    trader, reader = sim.binance(key), sim.binance(key)
    connector = connector_ref()
    workers = [FillSync(pool, page_size=4) for _ in range(3)]  # as three bridge processes
    await trade_burst(trader, 9)

    await asyncio.gather(*(w.sync_exchange(connector, reader, SYMBOL) for w in workers * 2))
    await trade_burst(trader, 5)
    await asyncio.gather(*(w.sync_exchange(connector, reader, SYMBOL) for w in workers))
    await workers[0].sync_exchange(connector, reader, SYMBOL)

    expected = await exchange_trade_ids(trader)
    assert len(expected) >= 14
    assert await stored_trade_ids(pool) == expected


async def test_sync_stores_price_amount_fee_side_order_and_role(
    sim: RunningExchange, pool: asyncpg.Pool
) -> None:
    key = await sim.add_account(FUNDS)
    trader = sim.binance(key)
    order = await trader.create_order(SYMBOL, "market", "buy", 1000)
    connector = connector_ref()

    cursor = await FillSync(pool).sync_exchange(connector, trader, SYMBOL)

    [trade] = await trader.fetch_my_trades(SYMBOL)
    row = await pool.fetchrow("SELECT * FROM fills")
    assert row is not None
    assert (row["side"], row["order_id"], row["taker_or_maker"]) == ("buy", order["id"], "taker")
    assert (row["account"], row["symbol"], row["base"], row["quote"]) == (
        "acme",
        SYMBOL,
        "SHARP",
        "USDT",
    )
    assert row["price"] == Decimal(str(trade["price"])) and row["amount"] == 1000
    assert row["cost"] == row["price"] * row["amount"]
    assert (row["fee_cost"], row["fee_currency"]) == (1, "SHARP")  # 0.1 % of 1000, in base
    assert cursor.next_from_id == int(trade["id"]) + 1
    assert cursor.error is None and cursor.synced_at is not None


async def test_exchange_down_keeps_stored_fills_and_reports_the_failure(
    sim: RunningExchange, pool: asyncpg.Pool
) -> None:
    key = await sim.add_account(FUNDS)
    trader = sim.binance(key)
    await trader.load_markets()
    connector, sync = connector_ref(), FillSync(pool)
    await trade_burst(trader, 3)
    first = await sync.sync_exchange(connector, trader, SYMBOL)

    await sim.set_fault(down=True)
    failed = await sync.sync_exchange(connector, trader, SYMBOL)
    await sim.clear_faults()

    assert failed.error == "the exchange is unavailable"
    assert failed.synced_at == first.synced_at
    assert len(await stored_trade_ids(pool)) == len(await exchange_trade_ids(trader))
    recovered = await sync.sync_exchange(connector, trader, SYMBOL)
    assert recovered.error is None and recovered.synced_at > first.synced_at  # type: ignore[operator]


async def test_a_recent_attempt_is_not_repeated_within_max_age(
    sim: RunningExchange, pool: asyncpg.Pool
) -> None:
    trader = sim.binance(await sim.add_account(FUNDS))
    connector, sync = connector_ref(), FillSync(pool)
    await sync.sync_exchange(connector, trader, SYMBOL)
    await trade_burst(trader, 1)

    await sync.sync_exchange(connector, trader, SYMBOL, max_age_s=60)
    assert await stored_trade_ids(pool) == []
    await sync.sync_exchange(connector, trader, SYMBOL, max_age_s=0)
    assert len(await stored_trade_ids(pool)) >= 1


class OneTradeWithoutPrice:
    """Serves the account's real trades, as ccxt parsed them, with the first one's price gone
    (as ccxt leaves it when an exchange sends none); the simulator never sends such a trade."""

    id = "binance"

    def __init__(self, trades: list[dict[str, Any]]) -> None:
        self.trades = [{**trades[0], "price": None}, *trades[1:]]

    async def fetch_my_trades(self, symbol: str, **_: Any) -> list[dict[str, Any]]:
        return self.trades


async def test_trade_without_price_is_skipped_and_reported_and_the_rest_stored(
    sim: RunningExchange, pool: asyncpg.Pool
) -> None:
    trader = sim.binance(await sim.add_account(FUNDS))
    await trade_burst(trader, 3)
    trades = await trader.fetch_my_trades(SYMBOL)
    exchange = OneTradeWithoutPrice(trades)

    cursor = await FillSync(pool).sync_exchange(connector_ref(), cast(Exchange, exchange), SYMBOL)

    assert await stored_trade_ids(pool) == sorted(str(t["id"]) for t in trades[1:])
    assert cursor.error == "1 trade(s) sent by the exchange could not be read and were skipped"
    assert cursor.next_from_id == max(int(t["id"]) for t in trades) + 1
