"""Balance snapshots taken on an interval, served as portfolio history buckets."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from decimal import Decimal

import asyncpg

from services.trading_bridge.history import repository
from services.trading_bridge.history.schemas import Snapshot, SnapshotAsset
from shared.events import utc_now
from tests.support.bridge_analytics import analytics_stack

FUNDS = {"USDT": "10000", "SHARP": "100000"}  # 10000 + 100000 x 0.05 = 15000 USD


async def wait_for_snapshots(pool: asyncpg.Pool, count: int, timeout_s: float = 10) -> None:
    deadline = time.monotonic() + timeout_s
    while await pool.fetchval("SELECT count(*) FROM balance_snapshots") < count:
        assert time.monotonic() < deadline, f"fewer than {count} snapshots"
        await asyncio.sleep(0.05)


def held(asset: str, total: str) -> SnapshotAsset:
    return SnapshotAsset(asset=asset, total=Decimal(total), price_usd=None, value_usd=None)


async def test_history_buckets_come_from_real_snapshots(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with analytics_stack(
        database_url, fresh_streams, schema_suffix, FUNDS, snapshot_interval_s=0.1
    ) as stack:
        await wait_for_snapshots(stack.bridge.pool, 2)
        response = await stack.get("/api/portfolio/history", interval="5m", days=1)
        bad_interval = await stack.get("/api/portfolio/history", interval="2h")

    assert response.status_code == 200, response.text
    history = response.json()
    assert 1 <= len(history["buckets"]) <= 2  # two if a 5-minute boundary passed meanwhile
    bucket = history["buckets"][-1]
    assert bucket["total_usd"] == "15000"
    [point] = bucket["connectors"]
    assert point["connector_id"] == str(stack.connector_id)
    assert (point["total_usd"], point["unpriced_assets"]) == ("15000", [])
    assert bad_interval.status_code == 422


async def test_history_of_an_account_without_snapshots_is_empty_with_a_note(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with analytics_stack(
        database_url, fresh_streams, schema_suffix, FUNDS, snapshot_interval_s=3600
    ) as stack:
        await stack.bridge.pool.execute("DELETE FROM balance_snapshots")
        response = await stack.get("/api/portfolio/history", interval="1h", days=7)

    assert response.json()["buckets"] == []
    assert response.json()["note"] == "no balance snapshots in this window yet"


async def test_pnl_against_holding_starts_from_a_snapshot_before_the_window(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with analytics_stack(
        database_url, fresh_streams, schema_suffix, FUNDS, snapshot_interval_s=3600
    ) as stack:
        taken_at = utc_now() - timedelta(days=2)
        earlier = Snapshot(
            connector_id=stack.connector_id,
            account=stack.account,
            exchange="binance",
            taken_at=taken_at,
            total_usd=Decimal("17500"),
            unpriced_assets=[],
            assets=[held("USDT", "12500"), held("SHARP", "50000")],
        )
        async with stack.bridge.pool.acquire() as connection:
            await repository.insert_snapshot(connection, earlier)
        response = await stack.get("/api/pnl", days=1)

    [hold] = response.json()["vs_hold"]
    assert hold["start_balances_source"] == "snapshot"
    assert hold["start_balances"] == {"SHARP": "50000", "USDT": "12500"}
    # 50000 x 0.05 + 12500 = 15000 held, against 100000 x 0.05 + 10000 = 15000 now
    assert (hold["hold_value_usd"], hold["current_value_usd"]) == ("15000", "15000")
    assert hold["pnl_vs_hold_usd"] == "0"


async def test_history_of_holdings_none_of_them_priced_is_null_not_zero(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with analytics_stack(
        database_url, fresh_streams, schema_suffix, {"NOMARKET": "5"}, snapshot_interval_s=0.1
    ) as stack:
        await wait_for_snapshots(stack.bridge.pool, 1)
        stored = await stack.bridge.pool.fetchval("SELECT total_usd FROM balance_snapshots")
        response = await stack.get("/api/portfolio/history", interval="5m", days=1)

    bucket = response.json()["buckets"][-1]
    [point] = bucket["connectors"]
    assert stored is None
    assert (point["total_usd"], point["unpriced_assets"]) == (None, ["NOMARKET"])
    assert (bucket["total_usd"], bucket["partial"], bucket["unpriced_assets"]) == (
        None,
        True,
        ["NOMARKET"],
    )
