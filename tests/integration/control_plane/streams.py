"""What landed on NATS, and a fake trading bridge that answers `configured` with a status."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import nats
from nats.aio.msg import Msg

from shared.events import ConnectorConfigured, ConnectorState, ConnectorStatus, Envelope
from tests.support.bus import stored_messages


async def raw_messages(nats_url: str, stream: str) -> list[bytes]:
    """Every message stored in `stream`, body and headers, in order."""
    return [
        (m.data or b"") + repr(m.headers).encode() for m in await stored_messages(nats_url, stream)
    ]


async def envelopes(nats_url: str, stream: str = "CONTROL") -> list[Envelope]:
    return [
        Envelope.model_validate_json(m.data or b"") for m in await stored_messages(nats_url, stream)
    ]


async def wait_for(
    nats_url: str, matches: Callable[[Envelope], bool], timeout_s: float = 15.0
) -> list[Envelope]:
    """Poll CONTROL until some envelope matches; return the matching ones (empty on timeout)."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = [e for e in await envelopes(nats_url) if matches(e)]
        if found or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.05)


async def publish_status(nats_url: str, status: ConnectorStatus) -> None:
    connection = await nats.connect(nats_url)
    try:
        envelope = Envelope.wrap(status)
        await connection.jetstream().publish(
            envelope.type,
            envelope.model_dump_json().encode(),
            headers={"Nats-Msg-Id": str(envelope.id)},
        )
    finally:
        await connection.close()


@asynccontextmanager
async def fake_bridge(
    nats_url: str, state: ConnectorState = "ready", detail: str = ""
) -> AsyncIterator[None]:
    """Answer every `control.connector.configured` with a status of `state` for its version."""
    connection = await nats.connect(nats_url)

    async def answer(message: Msg) -> None:
        event = Envelope.model_validate_json(message.data).payload()
        assert isinstance(event, ConnectorConfigured)
        status = ConnectorStatus(
            connector_id=event.connector_id, version=event.version, state=state, detail=detail
        )
        envelope = Envelope.wrap(status)
        await connection.jetstream().publish(
            envelope.type,
            envelope.model_dump_json().encode(),
            headers={"Nats-Msg-Id": str(envelope.id)},
        )

    await connection.subscribe(ConnectorConfigured.subject, cb=answer)
    try:
        yield
    finally:
        await connection.close()


def event_of(subject: str, **data: object) -> Callable[[Envelope], bool]:
    """A matcher for envelopes of `subject` whose data has these values (ids as strings)."""

    def matches(envelope: Envelope) -> bool:
        return envelope.type == subject and all(
            envelope.data.get(name) == value for name, value in data.items()
        )

    return matches
