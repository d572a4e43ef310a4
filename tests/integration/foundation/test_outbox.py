"""The outbox: writes never wait for NATS, and every event goes out exactly once, in order."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from scripts.embedded import NatsServer
from shared import outbox
from shared.bus import Bus
from shared.db import create_pool
from shared.events import CONTROL_STREAM, ClientCreated, Envelope
from shared.migrations import apply_migrations
from tests.support.bus import stream_envelopes, wait_for_envelopes


@pytest.fixture
async def pool(database_url: str, schema_suffix: str) -> AsyncIterator[asyncpg.Pool]:
    schema = f"outbox_{schema_suffix}"
    pool = await create_pool(database_url, schema)
    async with pool.acquire() as connection:
        await apply_migrations(connection, schema, {"outbox": outbox.MIGRATIONS})
    yield pool
    async with pool.acquire() as connection:
        await connection.execute(f"DROP SCHEMA {schema} CASCADE")
    await pool.close()


@pytest.fixture
def private_nats(tmp_path: Path) -> AsyncIterator[NatsServer]:
    server = NatsServer(tmp_path / "nats").start()
    yield server
    server.stop()


async def write_events(pool: asyncpg.Pool, aggregates: list[uuid.UUID], per: int) -> list[str]:
    """Commit `per` events for each aggregate, interleaved; return their ids in write order."""
    ids = []
    for round_ in range(per):
        for aggregate in aggregates:
            async with pool.acquire() as connection, connection.transaction():
                event = ClientCreated(client_id=aggregate, account=f"acct-{round_}", name="n")
                ids.append(str((await outbox.add_event(connection, event)).id))
    return ids


async def test_writes_commit_while_nats_is_down_and_arrive_once_in_order_after(
    pool: asyncpg.Pool, private_nats: NatsServer, schema_suffix: str
) -> None:
    bus = Bus(private_nats.url, "outbox-test")
    bus.start()
    assert await bus.wait_ready(10)
    relay = outbox.OutboxRelay(pool, bus, f"outbox_{schema_suffix}", poll_interval_s=0.2)
    relay.start()
    private_nats.stop()
    aggregates = [uuid.uuid4() for _ in range(4)]
    try:
        written = await write_events(pool, aggregates, per=25)
        async with pool.acquire() as connection:
            waiting = await connection.fetchval(
                "SELECT count(*) FROM outbox WHERE published_at IS NULL"
            )
        private_nats.start()
        arrived = await wait_for_envelopes(private_nats.url, CONTROL_STREAM, 100, timeout_s=30)
    finally:
        await relay.stop()
        await bus.close()
    assert waiting == 100
    arrived_ids = [str(e.id) for e in arrived]
    assert len(arrived_ids) == 100
    assert sorted(arrived_ids) == sorted(written)
    for aggregate in aggregates:
        mine = [e.data["account"] for e in arrived if e.data["client_id"] == str(aggregate)]
        assert mine == [f"acct-{n}" for n in range(25)]


async def test_republish_after_crash_between_publish_and_mark_is_deduplicated(
    pool: asyncpg.Pool, private_nats: NatsServer, schema_suffix: str
) -> None:
    bus = Bus(private_nats.url, "outbox-crash-test")
    bus.start()
    assert await bus.wait_ready(10)
    try:
        await write_events(pool, [uuid.uuid4()], per=3)
        async with pool.acquire() as connection:
            rows = await connection.fetch("SELECT envelope FROM outbox ORDER BY position")
        # What a relay that died after publishing, before marking, left behind:
        for row in rows:
            await bus.publish(Envelope.model_validate_json(row["envelope"]))
        relay = outbox.OutboxRelay(pool, bus, f"outbox_{schema_suffix}")
        republished = await relay.publish_pending()
        stored = await stream_envelopes(private_nats.url, CONTROL_STREAM)
    finally:
        await bus.close()
    assert republished == 3
    assert len(stored) == 3
    assert len({e.id for e in stored}) == 3
