"""NATS handlers: the bridge's `status.connector` reports, kept per key and version."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from services.control_plane.api_keys import status_repository
from services.control_plane.api_keys.confirmation import BridgeConfirmations
from shared.app import Runtime
from shared.consumer import Consumer
from shared.events import STATUS_STREAM, ConnectorStatus


class ConnectorStatusHandler:
    """Store a status (idempotent: older versions and checks change nothing), wake waiters."""

    def __init__(self, pool: asyncpg.Pool, confirmations: BridgeConfirmations) -> None:
        self.pool = pool
        self.confirmations = confirmations

    async def __call__(self, status: ConnectorStatus) -> None:
        async with self.pool.acquire() as connection:
            stored = await status_repository.record(connection, status)
        if stored:
            self.confirmations.notify(status.connector_id)


def durable_name(schema: str) -> str:
    """One durable consumer per deployment (its schema), shared by its replicas."""
    return f"control-plane-{schema}"


@asynccontextmanager
async def consume_status(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
    handler = ConnectorStatusHandler(runtime.pool, app.state.confirmations)
    consumer = Consumer(
        runtime.bus,
        stream=STATUS_STREAM,
        durable=durable_name(runtime.settings.db_schema),
        handlers={ConnectorStatus: handler},
    )
    consumer.start()
    try:
        yield
    finally:
        await consumer.stop()
