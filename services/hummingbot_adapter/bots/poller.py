"""The poll cycle: one `GET /bot-orchestration/status` for every bot, every `poll_interval_s`.

Each cycle stores every bot's runtime (a status change is announced on `status.bot` through
the outbox) and then converges pending stops. One replica polls at a time (advisory lock).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import zlib
from datetime import timedelta

import asyncpg

from services.hummingbot_adapter.bot_host.client import BotHostRefused, BotHostUnavailable
from services.hummingbot_adapter.bot_host.schemas import HostBotStatus
from services.hummingbot_adapter.bots import repository
from services.hummingbot_adapter.bots.convergence import converge
from services.hummingbot_adapter.bots.lifecycle import BotLifecycle
from services.hummingbot_adapter.bots.runtime import BotRuntime, observe
from services.hummingbot_adapter.bots.status import RuntimeChange, record_runtimes
from services.hummingbot_adapter.settings import HummingbotAdapterSettings
from shared.control_plane_client import ControlPlaneUnavailable
from shared.db import Connection
from shared.events import utc_now

log = logging.getLogger(__name__)
POLL_LOCK = zlib.crc32(b"hummingbot-adapter:poll")


class StatusPoller:
    def __init__(
        self, pool: asyncpg.Pool, lifecycle: BotLifecycle, settings: HummingbotAdapterSettings
    ) -> None:
        self.pool = pool
        self.lifecycle = lifecycle
        self.interval_s = settings.poll_interval_s
        self.startup_grace = timedelta(seconds=settings.startup_grace_s)
        self.errors_kept = settings.recent_errors_kept
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="hummingbot-adapter:poll")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                await self.run_cycle()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # database gone: try again next cycle
                log.warning("poll cycle failed", extra={"error_type": type(error).__name__})
            await asyncio.sleep(self.interval_s)

    async def run_cycle(self) -> None:
        async with self.pool.acquire() as conn, conn.transaction():
            if not await conn.fetchval("SELECT pg_try_advisory_xact_lock($1)", POLL_LOCK):
                return
            statuses = await self._host_statuses()
            await self._store(conn, statuses)
        if statuses is not None:
            await self._converge()

    async def _host_statuses(self) -> dict[str, HostBotStatus] | None:
        try:
            return await self.lifecycle.host.bot_statuses()
        except (BotHostUnavailable, BotHostRefused) as error:
            log.warning("bot host status unavailable", extra={"reason": str(error)})
            return None

    async def _store(self, conn: Connection, statuses: dict[str, HostBotStatus] | None) -> None:
        now = utc_now()
        changes = [
            RuntimeChange(
                bot.id,
                bot.account,
                bot.runtime,
                observe(
                    bot.runtime or BotRuntime(),
                    bot.deployment,
                    statuses,
                    now,
                    startup_grace=self.startup_grace,
                    errors_kept=self.errors_kept,
                ),
            )
            for bot in await repository.tracked_bots(conn)
        ]
        await record_runtimes(conn, changes)

    async def _converge(self) -> None:
        try:
            await converge(self.pool, self.lifecycle)
        except (BotHostUnavailable, BotHostRefused, ControlPlaneUnavailable) as error:
            log.warning("pending stops not carried out yet", extra={"reason": str(error)})
