"""The analytics background parts: the fill sync and the balance snapshots, on intervals.

They run inside the bridge's own parts (they need the session registry, the balance book and
the price book those set on `app.state`), and stop before them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import cast

import asyncpg
from fastapi import FastAPI

from services.trading_bridge.analytics.settings import AnalyticsSettings
from services.trading_bridge.fills.sync import FillSync
from services.trading_bridge.fills.worker import FillSyncWorker
from services.trading_bridge.history.snapshots import SnapshotTaker
from shared.app import Runtime

log = logging.getLogger(__name__)

# A round that fails on the database (or anything unexpected) is logged and retried next
# interval: exchange failures are already handled, and recorded, inside each round.
ROUND_ERRORS: tuple[type[BaseException], ...] = (asyncpg.PostgresError, OSError, TimeoutError)


async def every(name: str, work: Callable[[], Awaitable[None]], interval_s: float) -> None:
    while True:
        try:
            await work()
        except ROUND_ERRORS as exc:
            log.warning(
                "analytics round failed", extra={"part": name, "error_type": type(exc).__name__}
            )
        await asyncio.sleep(interval_s)


@asynccontextmanager
async def analytics_parts(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
    settings = cast(AnalyticsSettings, runtime.settings)
    registry = app.state.sessions
    sync = FillSync(runtime.pool)
    fills = FillSyncWorker(
        runtime.pool,
        registry,
        sync,
        max_age_s=settings.fill_sync_max_age_s,
        concurrency=settings.analytics_concurrency,
    )
    snapshots = SnapshotTaker(
        runtime.pool, registry, app.state.balances, app.state.prices, settings.analytics_concurrency
    )
    app.state.fill_sync = sync
    app.state.snapshots = snapshots
    tasks = [
        asyncio.create_task(every("fills", fills.run_once, settings.fill_sync_interval_s)),
        asyncio.create_task(every("snapshots", snapshots.run_once, settings.snapshot_interval_s)),
    ]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
