"""NATS helpers for tests: start from empty streams, and read what actually landed."""

from __future__ import annotations

import asyncio
import contextlib
import time

import nats
from nats.js.api import RawStreamMsg
from nats.js.errors import NotFoundError

from shared.events import STREAM_SUBJECTS, Envelope


async def delete_streams(nats_url: str) -> None:
    """Delete the CONTROL and STATUS streams (and so their consumers); services recreate them."""
    connection = await nats.connect(nats_url)
    try:
        js = connection.jetstream()
        for stream in STREAM_SUBJECTS:
            with contextlib.suppress(NotFoundError):
                await js.delete_stream(stream)
    finally:
        await connection.close()


async def stored_messages(nats_url: str, stream: str) -> list[RawStreamMsg]:
    """Every message currently stored in `stream`, headers included, in stream order."""
    connection = await nats.connect(nats_url)
    try:
        js = connection.jetstream()
        try:
            info = await js.stream_info(stream)
        except NotFoundError:
            return []
        found = []
        for seq in range(max(info.state.first_seq, 1), info.state.last_seq + 1):
            with contextlib.suppress(NotFoundError):
                found.append(await js.get_msg(stream, seq))
        return found
    finally:
        await connection.close()


async def stream_envelopes(nats_url: str, stream: str) -> list[Envelope]:
    """Every event currently stored in `stream`, in stream order."""
    return [
        Envelope.model_validate_json(message.data or b"")
        for message in await stored_messages(nats_url, stream)
    ]


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
