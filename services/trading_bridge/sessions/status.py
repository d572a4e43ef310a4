"""Connector status goes out through the bridge's outbox, so NATS being down loses nothing."""

from __future__ import annotations

import asyncpg

from shared.events import ConnectorStatus
from shared.outbox import add_event


class OutboxStatusSink:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def __call__(self, status: ConnectorStatus) -> None:
        async with self._pool.acquire() as connection, connection.transaction():
            await add_event(connection, status)
