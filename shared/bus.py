"""NATS JetStream: a connection that keeps trying, the two streams, and publishing by id.

`Bus.start()` returns at once; a background task connects (and, after a drop, nats-py keeps
reconnecting), so a service starts and answers /health while NATS is still down. Publishing
sets `Nats-Msg-Id` to the envelope id, so a republish inside the stream's duplicate window is
dropped by the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import StorageType, StreamConfig
from nats.js.errors import BadRequestError

from shared.events import STREAM_SUBJECTS, Envelope

log = logging.getLogger(__name__)

DUPLICATE_WINDOW_S = 15 * 60


class BusUnavailable(Exception):
    """NATS is not connected (or did not acknowledge in time)."""


class Bus:
    def __init__(self, url: str, name: str, publish_timeout_s: float = 2.0) -> None:
        self.url = url
        self.name = name
        self.publish_timeout_s = publish_timeout_s
        self._nc: Client | None = None
        self._js: JetStreamContext | None = None
        self._connecting: asyncio.Task[None] | None = None
        self.ready = asyncio.Event()

    @property
    def connected(self) -> bool:
        return self._nc is not None and self._nc.is_connected and self.ready.is_set()

    @property
    def js(self) -> JetStreamContext:
        if self._js is None or not self.connected:
            raise BusUnavailable("NATS is not connected")
        return self._js

    def start(self) -> None:
        self._connecting = asyncio.create_task(self._connect_forever(), name=f"bus:{self.name}")

    async def wait_ready(self, timeout_s: float) -> bool:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.ready.wait(), timeout_s)
        return self.ready.is_set()

    async def _connect_forever(self) -> None:
        delay = 0.2
        while True:
            try:
                self._nc = await nats.connect(
                    self.url,
                    name=self.name,
                    max_reconnect_attempts=-1,
                    reconnect_time_wait=1,
                    connect_timeout=2,
                    error_cb=self._on_error,
                    disconnected_cb=self._on_disconnected,
                    reconnected_cb=self._on_reconnected,
                )
                self._js = self._nc.jetstream()
                await ensure_streams(self._js)
                self.ready.set()
                log.info("connected to NATS", extra={"nats_url": self.url})
                return
            except Exception as exc:  # any failure here means "try again shortly"
                await self._discard_connection()
                log.warning(
                    "NATS not reachable, retrying", extra={"error_type": type(exc).__name__}
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    async def _discard_connection(self) -> None:
        if self._nc is not None:
            with contextlib.suppress(Exception):
                await self._nc.close()
        self._nc = None
        self._js = None

    async def _on_error(self, exc: Exception) -> None:
        log.debug("NATS error", extra={"error_type": type(exc).__name__})

    async def _on_disconnected(self) -> None:
        log.warning("NATS disconnected")

    async def _on_reconnected(self) -> None:
        log.info("NATS reconnected")
        if self._js is not None:
            with contextlib.suppress(Exception):
                await ensure_streams(self._js)

    async def publish(self, envelope: Envelope) -> bool:
        """Publish; return False when the server dropped it as a duplicate."""
        try:
            ack = await self.js.publish(
                envelope.type,
                envelope.model_dump_json().encode(),
                headers={"Nats-Msg-Id": str(envelope.id)},
                timeout=self.publish_timeout_s,
            )
        except BusUnavailable:
            raise
        except Exception as exc:
            raise BusUnavailable(f"publish failed: {type(exc).__name__}") from exc
        return not ack.duplicate

    async def close(self) -> None:
        if self._connecting is not None:
            self._connecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._connecting
        await self._discard_connection()
        self.ready.clear()


async def ensure_streams(js: JetStreamContext) -> None:
    """Create the CONTROL and STATUS streams, or bring an existing one to this config."""
    for name, subjects in STREAM_SUBJECTS.items():
        config = StreamConfig(
            name=name,
            subjects=subjects,
            storage=StorageType.FILE,
            duplicate_window=DUPLICATE_WINDOW_S,
        )
        try:
            await js.add_stream(config)
        except BadRequestError:
            await js.update_stream(config)
