"""Durable JetStream pull consumers with explicit ack, bounded redelivery and backoff.

A handler receives the typed event. It returning means the work is committed and the message is
acked. Raising `PoisonMessage` (or sending an envelope that does not parse) terminates the
message at once; any other exception naks it with a growing delay until MaxDeliver, after which
it is terminated and logged with its id. The durable consumer keeps its position on the server,
so a restarted service resumes where it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeout
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from pydantic import ValidationError

from shared.bus import Bus
from shared.events import Envelope, Event

log = logging.getLogger(__name__)

EventHandler = Callable[[Any], Awaitable[None]]


class PoisonMessage(Exception):
    """The message can never be handled; do not redeliver it."""


class Consumer:
    def __init__(
        self,
        bus: Bus,
        *,
        stream: str,
        durable: str,
        handlers: dict[type[Event], EventHandler],
        max_deliver: int = 5,
        backoff_s: Sequence[float] = (0.5, 1.0, 2.0, 5.0, 10.0),
        ack_wait_s: float = 30.0,
        batch: int = 20,
        pull_timeout_s: float = 0.25,
    ) -> None:
        self.bus = bus
        self.stream = stream
        self.durable = durable
        self.handlers = {cls.subject: handler for cls, handler in handlers.items()}
        self.max_deliver = max_deliver
        self.backoff_s = tuple(backoff_s)
        self.ack_wait_s = ack_wait_s
        self.batch = batch
        # How long one pull waits for messages: also the longest a stop waits for a clean exit.
        self.pull_timeout_s = pull_timeout_s
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name=f"consumer:{self.durable}")

    async def stop(self, grace_s: float = 3.0) -> None:
        """Finish the pull in flight (so no fetched message waits out its ack_wait), then stop."""
        if self._task is None:
            return
        self._stopping.set()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), grace_s)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def config(self) -> ConsumerConfig:
        return ConsumerConfig(
            durable_name=self.durable,
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=self.ack_wait_s,
            max_deliver=self.max_deliver,
            filter_subjects=sorted(self.handlers),
        )

    async def _run(self) -> None:
        while not self._stopping.is_set():
            await self.bus.ready.wait()
            try:
                await self.bus.js.add_consumer(self.stream, self.config())
                subscription = await self.bus.js.pull_subscribe_bind(
                    self.durable, stream=self.stream
                )
                try:
                    await self._pull(subscription)
                finally:
                    with contextlib.suppress(Exception):
                        await subscription.unsubscribe()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # connection lost, stream recreated: set up again
                log.warning(
                    "consumer interrupted, resubscribing",
                    extra={"consumer": self.durable, "error_type": type(exc).__name__},
                )
                await asyncio.sleep(1.0)

    async def _pull(self, subscription: Any) -> None:
        while not self._stopping.is_set():
            try:
                messages = await subscription.fetch(self.batch, timeout=self.pull_timeout_s)
            except NatsTimeout:
                continue
            for message in messages:
                await self.handle(message)

    async def handle(self, message: Msg) -> None:
        try:
            envelope = Envelope.model_validate_json(message.data)
            handler = self.handlers[envelope.type]
            event = envelope.payload()
        except (ValidationError, KeyError, ValueError):
            log.error("poison message terminated", extra=self._describe(message, "unparseable"))
            await message.term()
            return
        try:
            await handler(event)
        except PoisonMessage as exc:
            log.error(
                "poison message terminated", extra=self._describe(message, str(exc), envelope)
            )
            await message.term()
            return
        except Exception as exc:
            await self._retry_or_give_up(message, envelope, exc)
            return
        await message.ack()

    async def _retry_or_give_up(self, message: Msg, envelope: Envelope, exc: Exception) -> None:
        delivered = message.metadata.num_delivered or 1
        if delivered >= self.max_deliver:
            log.error(
                "message terminated after max deliveries",
                extra=self._describe(message, type(exc).__name__, envelope),
            )
            await message.term()
            return
        delay = self.backoff_s[min(delivered - 1, len(self.backoff_s) - 1)]
        log.warning(
            "handler failed, will retry",
            extra={**self._describe(message, type(exc).__name__, envelope), "retry_in_s": delay},
        )
        await message.nak(delay=delay)

    def _describe(
        self, message: Msg, reason: str, envelope: Envelope | None = None
    ) -> dict[str, Any]:
        return {
            "consumer": self.durable,
            "event_id": str(envelope.id) if envelope else None,
            "event_type": envelope.type if envelope else None,
            "stream_seq": message.metadata.sequence.stream if message.metadata else None,
            "deliveries": message.metadata.num_delivered if message.metadata else None,
            "reason": reason,
        }
