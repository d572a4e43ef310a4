"""Background upkeep of the sessions: reconcile, market refresh, re-checking failed keys.

- Reconcile: on start (retrying until the control plane answers) and then every
  `reconcile_interval_s`, the control plane's connector listing is applied and sessions of
  connectors it no longer lists are closed, so nothing depends on having seen every event.
- Markets: each venue's markets are reloaded every `markets_refresh_s` and re-shared.
- Re-checks: sessions left `unreachable` or `error` are validated again every
  `revalidate_interval_s`, so a key comes back to `ready` when its exchange does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import asyncpg
import httpx

from services.trading_bridge.sessions.failures import EXCHANGE_ERRORS
from services.trading_bridge.sessions.registry import SessionRegistry
from services.trading_bridge.sessions.venues import Venues
from services.trading_bridge.settings import TradingBridgeSettings
from shared.control_plane_client import ControlPlaneClient, ControlPlaneUnavailable
from shared.events import utc_now

log = logging.getLogger(__name__)

RETRYABLE_STATES = ("unreachable", "error")
# Anything a round can meet that the next round may not: without the database errors (status
# goes out through the outbox), one PostgreSQL restart ended reconcile for the process's life.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    ControlPlaneUnavailable,
    httpx.HTTPError,
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
    *EXCHANGE_ERRORS,
)


class Maintenance:
    def __init__(
        self,
        registry: SessionRegistry,
        venues: Venues,
        control_plane: ControlPlaneClient,
        settings: TradingBridgeSettings,
    ) -> None:
        self._registry = registry
        self._venues = venues
        self._control_plane = control_plane
        self._settings = settings
        self._tasks: list[asyncio.Task[None]] = []
        self.reconciled = asyncio.Event()

    def start(self) -> None:
        loops: list[tuple[str, Callable[[], Awaitable[None]], float]] = [
            ("reconcile", self.reconcile, self._settings.reconcile_interval_s),
            ("markets", self.refresh_markets, self._settings.markets_refresh_s),
            ("revalidate", self.revalidate, self._settings.revalidate_interval_s),
        ]
        for name, work, interval in loops:
            task = asyncio.create_task(_every(name, work, interval), name=f"bridge:{name}")
            self._tasks.append(task)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def reconcile(self) -> None:
        listed_at = utc_now()
        connectors = await self._control_plane.connectors()
        await self._registry.apply(connectors)
        await self._registry.retain_only({c.connector_id for c in connectors}, listed_at)
        self.reconciled.set()

    async def refresh_markets(self) -> None:
        for venue in self._venues.all():
            if venue.markets_loaded_at is None:
                continue
            instances = [s.exchange for s in self._registry.sessions() if s.venue is venue]
            await venue.refresh_markets(instances)

    async def revalidate(self) -> None:
        failed = [s for s in self._registry.sessions() if s.state in RETRYABLE_STATES]
        await asyncio.gather(*(self._registry.revalidate(s) for s in failed))


async def _every(name: str, work: Callable[[], Awaitable[None]], interval_s: float) -> None:
    """Run `work` now and then every `interval_s`; after a failure, retry sooner."""
    delay = 0.0 if name == "reconcile" else interval_s
    while True:
        await asyncio.sleep(delay)
        try:
            await work()
            delay = interval_s
        except TRANSIENT_ERRORS as exc:
            delay = min(interval_s, 2.0)
            log.warning(
                "background work failed, will retry",
                extra={"work": name, "error_type": type(exc).__name__, "retry_in_s": delay},
            )
