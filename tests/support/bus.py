"""Reading what actually landed in a JetStream stream, for assertions."""

from __future__ import annotations

import asyncio
import time

import nats
from nats.js.errors import NotFoundError

from shared.events import Envelope


async def stream_envelopes(nats_url: str, stream: str) -> list[Envelope]:
    """Every message currently stored in `stream`, in stream order."""
    connection = await nats.connect(nats_url)
    try:
        js = connection.jetstream()
        try:
            info = await js.stream_info(stream)
        except NotFoundError:
            return []
        found = []
        for seq in range(max(info.state.first_seq, 1), info.state.last_seq + 1):
            try:
                message = await js.get_msg(stream, seq)
            except NotFoundError:
                continue
            assert message.data is not None
            found.append(Envelope.model_validate_json(message.data))
        return found
    finally:
        await connection.close()


async def wait_for_envelopes(
    nats_url: str, stream: str, count: int, timeout_s: float = 15.0
) -> list[Envelope]:
    """Poll until `stream` holds at least `count` messages; return them all."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = await stream_envelopes(nats_url, stream)
        if len(found) >= count or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.1)
