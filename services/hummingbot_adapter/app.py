"""Hummingbot adapter: the FastAPI app factory and its background parts.

Parts: the bot host client (with its circuit breaker), the control plane client, the poll
cycle, the CONTROL consumer and the start-up reconcile from the control plane's listing.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from services.hummingbot_adapter.bot_host.breaker import CircuitBreaker
from services.hummingbot_adapter.bot_host.client import BotHostClient
from services.hummingbot_adapter.bots.endpoints import router as bots_router
from services.hummingbot_adapter.bots.lifecycle import BotLifecycle
from services.hummingbot_adapter.bots.poller import StatusPoller
from services.hummingbot_adapter.consumers import ControlEvents
from services.hummingbot_adapter.settings import HummingbotAdapterSettings
from shared.app import Runtime, create_service_app
from shared.consumer import Consumer
from shared.control_plane_client import ControlPlaneClient
from shared.events import CONTROL_STREAM

MIGRATIONS = Path(__file__).parent / "migrations"


def bot_host_client(settings: HummingbotAdapterSettings) -> BotHostClient:
    breaker = CircuitBreaker(settings.breaker_failure_threshold, settings.breaker_reset_timeout_s)
    return BotHostClient(
        settings.hummingbot_url,
        settings.hummingbot_username,
        settings.hummingbot_password,
        breaker,
        read_timeout_s=settings.hummingbot_read_timeout_s,
        command_timeout_s=settings.hummingbot_command_timeout_s,
        connect_timeout_s=settings.hummingbot_connect_timeout_s,
        retry_attempts=settings.hummingbot_retry_attempts,
    )


@asynccontextmanager
async def adapter_parts(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
    settings = runtime.settings
    assert isinstance(settings, HummingbotAdapterSettings)
    host = bot_host_client(settings)
    control_plane = ControlPlaneClient(
        settings.control_plane_url,
        settings.service_token.get_secret_value(),
        timeout_s=settings.control_plane_timeout_s,
    )
    lifecycle = BotLifecycle(host, control_plane)
    app.state.lifecycle = lifecycle
    events = ControlEvents(runtime.pool, lifecycle)
    consumer = Consumer(
        runtime.bus,
        stream=CONTROL_STREAM,
        durable=settings.consumer_durable,
        handlers=events.handlers(),
    )
    poller = StatusPoller(runtime.pool, lifecycle, settings)
    app.state.poller = poller
    reconcile = asyncio.create_task(events.reconcile_until_done(), name="adapter:reconcile")
    consumer.start()
    poller.start()
    try:
        yield
    finally:
        reconcile.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reconcile
        await poller.stop()
        await consumer.stop()
        await control_plane.close()
        await host.close()


def create_app(settings: HummingbotAdapterSettings | None = None) -> FastAPI:
    return create_service_app(
        name="hummingbot-adapter",
        title="Hummingbot adapter",
        settings=settings or HummingbotAdapterSettings(),
        migrations=MIGRATIONS,
        routers=[bots_router],
        parts=adapter_parts,
        description="Trading bots on Hummingbot: definitions, desired state, runs and status.",
    )
