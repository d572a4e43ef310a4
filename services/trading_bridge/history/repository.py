"""Every SQL statement about balance snapshots."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import asyncpg

from services.trading_bridge.history.schemas import Snapshot, SnapshotAsset
from shared.db import Connection


async def insert_snapshot(connection: Connection, snapshot: Snapshot) -> None:
    snapshot_id = await connection.fetchval(
        """INSERT INTO balance_snapshots
               (connector_id, account, exchange, taken_at, total_usd, unpriced_assets)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""",
        snapshot.connector_id,
        snapshot.account,
        snapshot.exchange,
        snapshot.taken_at,
        snapshot.total_usd,
        snapshot.unpriced_assets,
    )
    await connection.executemany(
        """INSERT INTO balance_snapshot_assets (snapshot_id, asset, total, price_usd, value_usd)
           VALUES ($1, $2, $3, $4, $5)""",
        [(snapshot_id, a.asset, a.total, a.price_usd, a.value_usd) for a in snapshot.assets],
    )


async def last_per_bucket(
    connection: Connection, account: str, since: datetime, width: timedelta
) -> list[tuple[datetime, Snapshot]]:
    """Each connector's last snapshot in each bucket of `width` since `since`, by bucket."""
    rows = await connection.fetch(
        """SELECT DISTINCT ON (connector_id, bucket)
                  date_bin($3::interval, taken_at, TIMESTAMPTZ 'epoch') AS bucket,
                  connector_id, account, exchange, taken_at, total_usd, unpriced_assets
           FROM balance_snapshots
           WHERE account = $1 AND taken_at >= $2
           ORDER BY connector_id, bucket, taken_at DESC""",
        account,
        since,
        width,
    )
    pairs = [(row["bucket"], _snapshot(row)) for row in rows]
    return sorted(pairs, key=lambda pair: (pair[0], str(pair[1].connector_id)))


async def snapshot_at(
    connection: Connection, connector_id: uuid.UUID, at: datetime
) -> Snapshot | None:
    """The connector's last snapshot taken at or before `at`, with its assets."""
    row = await connection.fetchrow(
        """SELECT id, connector_id, account, exchange, taken_at, total_usd, unpriced_assets
           FROM balance_snapshots WHERE connector_id = $1 AND taken_at <= $2
           ORDER BY taken_at DESC LIMIT 1""",
        connector_id,
        at,
    )
    if row is None:
        return None
    assets = await connection.fetch(
        """SELECT asset, total, price_usd, value_usd FROM balance_snapshot_assets
           WHERE snapshot_id = $1 ORDER BY asset""",
        row["id"],
    )
    return _snapshot(row).model_copy(update={"assets": [SnapshotAsset(**a) for a in assets]})


def _snapshot(row: asyncpg.Record) -> Snapshot:
    return Snapshot(
        connector_id=row["connector_id"],
        account=row["account"],
        exchange=row["exchange"],
        taken_at=row["taken_at"],
        total_usd=row["total_usd"],
        unpriced_assets=list(row["unpriced_assets"]),
    )
