"""Portfolio history: the account's total USD per time bucket, from real snapshots.

Each bucket holds, per connector, the last snapshot taken in it; a connector with no snapshot
in a bucket carries its previous one forward (its `as_of` says from when), so a missed round
does not read as a drop to $0. Assets that could not be priced are listed, never counted as 0:
a bucket in which nothing could be valued has a null total. Buckets start at the first
snapshot of the window.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

import asyncpg

from services.trading_bridge.history import repository
from services.trading_bridge.history.schemas import (
    Bucket,
    ConnectorPoint,
    Interval,
    PortfolioHistory,
    Snapshot,
)
from shared.events import utc_now

INTERVALS: dict[str, timedelta] = {
    "5m": timedelta(minutes=5),
    "15m": timedelta(minutes=15),
    "1h": timedelta(hours=1),
    "4h": timedelta(hours=4),
    "1d": timedelta(days=1),
}


def _point(snapshot: Snapshot) -> ConnectorPoint:
    return ConnectorPoint(
        connector_id=snapshot.connector_id,
        exchange=snapshot.exchange,
        as_of=snapshot.taken_at,
        total_usd=snapshot.total_usd,
        unpriced_assets=snapshot.unpriced_assets,
    )


def buckets_of(rows: list[tuple[datetime, Snapshot]]) -> list[Bucket]:
    """Buckets in time order, each connector's latest snapshot carried forward."""
    by_start: dict[datetime, list[Snapshot]] = defaultdict(list)
    for start, snapshot in rows:
        by_start[start].append(snapshot)
    latest: dict[uuid.UUID, Snapshot] = {}
    buckets = []
    for start in sorted(by_start):
        latest.update((s.connector_id, s) for s in by_start[start])
        points = [_point(latest[c]) for c in sorted(latest, key=str)]
        buckets.append(bucket_of(start, points))
    return buckets


def bucket_of(start: datetime, points: list[ConnectorPoint]) -> Bucket:
    totals = [p.total_usd for p in points if p.total_usd is not None]
    unpriced = sorted({a for p in points for a in p.unpriced_assets})
    return Bucket(
        start=start,
        total_usd=sum(totals, Decimal(0)) if totals else None,
        partial=bool(unpriced),
        unpriced_assets=unpriced,
        connectors=points,
    )


async def portfolio_history(
    pool: asyncpg.Pool, account: str, interval: Interval, days: int
) -> PortfolioHistory:
    since = utc_now() - timedelta(days=days)
    async with pool.acquire() as connection:
        rows = await repository.last_per_bucket(connection, account, since, INTERVALS[interval])
    buckets = buckets_of(rows)
    note = None if buckets else "no balance snapshots in this window yet"
    return PortfolioHistory(
        account=account, interval=interval, days=days, buckets=buckets, note=note
    )
