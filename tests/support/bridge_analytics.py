"""Helpers for the trading bridge's analytics tests (fills, PnL, volume, history)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from services.trading_bridge.app import MIGRATIONS
from shared.control_plane_client import ConnectorRef
from shared.db import create_pool
from shared.migrations import apply_migrations


@asynccontextmanager
async def bridge_pool(database_url: str, schema: str) -> AsyncIterator[asyncpg.Pool]:
    """A pool on `schema` with the bridge's migrations applied."""
    pool = await create_pool(database_url, schema, max_size=6)
    try:
        async with pool.acquire() as connection:
            await apply_migrations(connection, schema, {"trading-bridge": MIGRATIONS})
        yield pool
    finally:
        await pool.close()


def connector_ref(account: str = "acme", tracked_pairs: list[str] | None = None) -> ConnectorRef:
    return ConnectorRef(
        connector_id=uuid.uuid4(),
        client_id=uuid.uuid4(),
        account=account,
        exchange="binance",
        version=1,
        tracked_pairs=tracked_pairs or ["SHARP-USDT"],
    )
