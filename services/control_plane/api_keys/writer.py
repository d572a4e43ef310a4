"""Applying a key change in its own transaction, then reporting what the bridge made of it.

These endpoints cannot use the request-scoped transaction: the bridge can only answer after the
commit (the outbox relay publishes committed events), and the answer must go in the response.
So the change commits here, the connection goes back to the pool, and the wait follows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import asyncpg
from fastapi import Depends

from services.control_plane.api_keys import repository, status_repository
from services.control_plane.api_keys.confirmation import BridgeConfirmations, outcome
from services.control_plane.api_keys.presentation import present
from services.control_plane.api_keys.schemas import ApiKeyWritten
from services.control_plane.api_keys.service import KeyChange
from services.control_plane.api_keys.status_repository import StoredStatus
from services.control_plane.dependencies import BusDep, ConfirmationsDep, PoolDep, SettingsDep
from shared.bus import Bus
from shared.db import Connection

Change = Callable[[Connection], Awaitable[KeyChange]]


class KeyWriter:
    def __init__(
        self, pool: asyncpg.Pool, bus: Bus, confirmations: BridgeConfirmations, timeout_s: float
    ) -> None:
        self.pool = pool
        self.bus = bus
        self.confirmations = confirmations
        self.timeout_s = timeout_s

    async def apply(self, change: Change) -> ApiKeyWritten:
        async with self.pool.acquire() as connection, connection.transaction():
            done = await change(connection)
        # No new version (a label change): report the stored status without waiting.
        timeout_s = self.timeout_s if done.event_id is not None else 0.0
        status = await self.confirmations.wait(
            done.key.id, done.key.version, timeout_s, lambda: self._status(done)
        )
        async with self.pool.acquire() as connection:
            key = await repository.get(connection, done.key.client_id, done.key.id) or done.key
            published = done.event_id is None or await status_repository.event_published(
                connection, done.event_id
            )
        result = outcome(status, self.timeout_s, published, self.bus.connected)
        return ApiKeyWritten(
            **present(key).model_dump(),
            trading_bridge_configured=result.configured,
            trading_bridge_warning=result.warning,
        )

    async def _status(self, done: KeyChange) -> StoredStatus | None:
        async with self.pool.acquire() as connection:
            return await status_repository.get(connection, done.key.id)


def key_writer(
    pool: PoolDep, bus: BusDep, confirmations: ConfirmationsDep, settings: SettingsDep
) -> KeyWriter:
    return KeyWriter(pool, bus, confirmations, settings.bridge_confirm_timeout_s)


KeyWriterDep = Annotated[KeyWriter, Depends(key_writer)]
