"""The one FastAPI factory every service uses.

It wires what all three share: JSON logs with a request id, the error shape, Prometheus
metrics, `/health`, and a lifespan that opens the database pool (waiting for PostgreSQL),
applies the service's migrations, connects to NATS in the background and runs the outbox relay.
A service adds its routers and its own background parts (consumers, pollers) as an async
context manager that receives the app and the runtime.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from fastapi import APIRouter, FastAPI, Request, Response

from shared import health, metrics, outbox
from shared.bus import Bus
from shared.config import ServiceSettings
from shared.db import create_pool
from shared.errors import install_error_handlers, internal_error
from shared.logging import reset_request_id, set_request_id
from shared.migrations import apply_migrations


@dataclass
class Runtime:
    name: str
    settings: ServiceSettings
    pool: asyncpg.Pool
    bus: Bus
    relay: outbox.OutboxRelay


ServiceParts = Callable[[FastAPI, Runtime], AbstractAsyncContextManager[None]]


async def _request_id(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    token = set_request_id(request_id[:64])
    try:
        response = await call_next(request)
    except Exception as exc:  # answered here so the log line and body carry the request id
        response = internal_error(exc)
    finally:
        reset_request_id(token)
    response.headers["x-request-id"] = request_id[:64]
    return response


def create_service_app(
    *,
    name: str,
    title: str,
    settings: ServiceSettings,
    migrations: Path,
    routers: Sequence[APIRouter],
    parts: ServiceParts | None = None,
    description: str = "",
) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        schema = settings.db_schema
        pool = await create_pool(
            settings.database_url,
            schema,
            min_size=settings.db_pool_min,
            max_size=settings.db_pool_max,
            wait_s=settings.db_connect_timeout_s,
        )
        try:
            async with pool.acquire() as connection:
                await apply_migrations(
                    connection, schema, {"outbox": outbox.MIGRATIONS, name: migrations}
                )
            bus = Bus(settings.nats_url, name)
            bus.start()
            relay = outbox.OutboxRelay(
                pool, bus, schema, poll_interval_s=settings.outbox_poll_interval_s
            )
            relay.start()
            runtime = Runtime(name, settings, pool, bus, relay)
            app.state.runtime = runtime
            try:
                if parts is None:
                    yield
                else:
                    async with parts(app, runtime):
                        yield
            finally:
                await relay.stop()
                await bus.close()
        finally:
            await pool.close()

    app = FastAPI(title=title, description=description, lifespan=lifespan)
    install_error_handlers(app)
    app.middleware("http")(metrics.metrics_middleware(name))
    app.middleware("http")(_request_id)
    app.include_router(health.router)
    app.include_router(metrics.router)
    for router in routers:
        app.include_router(router)
    return app
