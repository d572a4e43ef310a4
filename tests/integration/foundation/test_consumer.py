"""Durable pull consumers: retry with backoff, terminate poison, resume after a restart."""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
import uuid
from collections.abc import AsyncIterator

import nats
import pytest

from shared.bus import Bus
from shared.consumer import Consumer
from shared.events import CONTROL_STREAM, ClientCreated, Envelope


@pytest.fixture
async def bus(fresh_streams: str) -> AsyncIterator[Bus]:
    bus = Bus(fresh_streams, "consumer-test")
    bus.start()
    assert await bus.wait_ready(10)
    yield bus
    await bus.close()


def client_created(account: str) -> Envelope:
    return Envelope.wrap(ClientCreated(client_id=uuid.uuid4(), account=account, name=account))


async def eventually(condition: object, timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


async def test_transient_failure_is_retried_with_backoff_then_succeeds(bus: Bus) -> None:
    attempts: list[float] = []
    handled: list[str] = []

    async def flaky(event: ClientCreated) -> None:
        attempts.append(time.monotonic())
        if len(attempts) < 3:
            raise ConnectionError("downstream not ready")
        handled.append(event.account)

    consumer = Consumer(
        bus,
        stream=CONTROL_STREAM,
        durable="flaky",
        handlers={ClientCreated: flaky},
        backoff_s=(0.3, 0.6),
    )
    consumer.start()
    await bus.publish(client_created("acct-a"))
    try:
        await eventually(lambda: handled == ["acct-a"])
    finally:
        await consumer.stop()
    gaps = [later - earlier for earlier, later in itertools.pairwise(attempts)]
    assert len(attempts) == 3
    assert gaps[0] >= 0.25 and gaps[1] >= 0.5


async def test_poison_message_is_terminated_after_max_deliveries_and_logged(
    bus: Bus, caplog: pytest.LogCaptureFixture
) -> None:
    attempts: list[int] = []

    async def always_fails(event: ClientCreated) -> None:
        attempts.append(1)
        raise ValueError("cannot handle")

    consumer = Consumer(
        bus,
        stream=CONTROL_STREAM,
        durable="poison",
        handlers={ClientCreated: always_fails},
        max_deliver=3,
        backoff_s=(0.05,),
    )
    envelope = client_created("acct-poison")
    with caplog.at_level(logging.ERROR, logger="shared.consumer"):
        consumer.start()
        await bus.publish(envelope)
        try:
            await eventually(
                lambda: any(
                    getattr(r, "event_id", None) == str(envelope.id) for r in caplog.records
                )
            )
            await asyncio.sleep(0.5)  # a redelivery after termination would show up here
        finally:
            await consumer.stop()
    assert len(attempts) == 3
    terminated = [r for r in caplog.records if r.getMessage().startswith("message terminated")]
    assert [getattr(r, "event_id", None) for r in terminated] == [str(envelope.id)]


async def test_unparseable_message_is_terminated_at_once(
    bus: Bus, fresh_streams: str, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[str] = []

    async def handler(event: ClientCreated) -> None:
        seen.append(event.account)

    consumer = Consumer(
        bus, stream=CONTROL_STREAM, durable="garbage", handlers={ClientCreated: handler}
    )
    connection = await nats.connect(fresh_streams)
    with caplog.at_level(logging.ERROR, logger="shared.consumer"):
        consumer.start()
        await connection.jetstream().publish("control.client.created", b"{not json")
        await bus.publish(client_created("after-garbage"))
        try:
            await eventually(lambda: seen == ["after-garbage"])
        finally:
            await consumer.stop()
            await connection.close()
    assert any(r.getMessage() == "poison message terminated" for r in caplog.records)


async def test_restarted_consumer_resumes_where_it_stopped(bus: Bus) -> None:
    seen: list[str] = []

    async def record(event: ClientCreated) -> None:
        seen.append(event.account)

    def make() -> Consumer:
        return Consumer(
            bus, stream=CONTROL_STREAM, durable="resume", handlers={ClientCreated: record}
        )

    first = make()
    first.start()
    for account in ("one", "two"):
        await bus.publish(client_created(account))
    await eventually(lambda: seen == ["one", "two"])
    await first.stop()
    for account in ("three", "four"):
        await bus.publish(client_created(account))
    second = make()
    second.start()
    try:
        await eventually(lambda: len(seen) >= 4)
        await asyncio.sleep(0.3)
    finally:
        await second.stop()
    assert seen == ["one", "two", "three", "four"]
