"""Transactional outbox: events are rows written with the change, a relay publishes them.

`add_event` inserts into the caller's transaction and notifies the relay (PostgreSQL delivers
the NOTIFY only on commit). The relay wakes on that notification, or on a polling interval if a
notification was missed, publishes unpublished rows in order and marks them. One relay at a
time holds the advisory lock, so order per aggregate is kept even with several replicas. NATS
down: rows wait. A crash between publish and mark: the row is published again with the same
`Nats-Msg-Id`, and JetStream drops the duplicate.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import zlib

import asyncpg

from shared.bus import Bus, BusUnavailable
from shared.db import Connection
from shared.events import Envelope, Event
from shared.migrations import SHARED_SQL

log = logging.getLogger(__name__)

MIGRATIONS = SHARED_SQL / "outbox"


def channel(schema: str) -> str:
    return f"outbox_{schema}"


async def add_event(connection: Connection, event: Event) -> Envelope:
    """Record `event` in the current transaction; it is published after commit."""
    envelope = Envelope.wrap(event)
    await connection.execute(
        "INSERT INTO outbox (event_id, subject, aggregate_id, envelope) VALUES ($1, $2, $3, $4)",
        envelope.id,
        envelope.type,
        event.aggregate_id(),
        envelope.model_dump_json(),
    )
    await connection.execute("SELECT pg_notify('outbox_' || current_schema(), '')")
    return envelope


class OutboxRelay:
    def __init__(
        self,
        pool: asyncpg.Pool,
        bus: Bus,
        schema: str,
        *,
        poll_interval_s: float = 1.0,
        batch_size: int = 100,
    ) -> None:
        self.pool = pool
        self.bus = bus
        self.schema = schema
        self.poll_interval_s = poll_interval_s
        self.batch_size = batch_size
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._lock_key = zlib.crc32(f"outbox-relay:{schema}".encode())

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"outbox-relay:{self.schema}")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                async with self.pool.acquire() as listener:
                    await listener.add_listener(channel(self.schema), self._on_notify)
                    try:
                        await self._relay_until_connection_breaks(listener)
                    finally:
                        with contextlib.suppress(Exception):
                            await listener.remove_listener(channel(self.schema), self._on_notify)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # database gone: wait and listen again
                log.warning("outbox relay interrupted", extra={"error_type": type(exc).__name__})
                await asyncio.sleep(self.poll_interval_s)

    async def _relay_until_connection_breaks(self, listener: Connection) -> None:
        while not listener.is_closed():
            await self.publish_pending()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_interval_s)
            self._wake.clear()

    def _on_notify(self, *_: object) -> None:
        self._wake.set()

    async def publish_pending(self) -> int:
        """Publish every unpublished row that NATS accepts now; return how many."""
        total = 0
        while self.bus.connected:
            published, complete = await self._publish_batch()
            total += published
            if not complete or published < self.batch_size:
                break
        return total

    async def _publish_batch(self) -> tuple[int, bool]:
        async with self.pool.acquire() as connection, connection.transaction():
            if not await connection.fetchval(
                "SELECT pg_try_advisory_xact_lock($1)", self._lock_key
            ):
                return 0, False
            rows = await connection.fetch(
                "SELECT position, envelope FROM outbox WHERE published_at IS NULL "
                "ORDER BY position LIMIT $1",
                self.batch_size,
            )
            done: list[int] = []
            complete = True
            for row in rows:
                try:
                    await self.bus.publish(Envelope.model_validate_json(row["envelope"]))
                except BusUnavailable:
                    complete = False
                    break
                done.append(row["position"])
            await connection.execute(
                "UPDATE outbox SET published_at = now(), attempts = attempts + 1 "
                "WHERE position = ANY($1::bigint[])",
                done,
            )
            return len(done), complete
