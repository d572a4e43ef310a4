"""The background fill sync: every ready connector's pairs, one round per interval."""

from __future__ import annotations

import asyncio

import asyncpg

from services.trading_bridge.fills.service import synced_symbols
from services.trading_bridge.fills.sync import FillSync
from services.trading_bridge.sessions import ConnectorSession, SessionRegistry


class FillSyncWorker:
    def __init__(
        self,
        pool: asyncpg.Pool,
        registry: SessionRegistry,
        sync: FillSync,
        *,
        max_age_s: float,
        concurrency: int,
    ) -> None:
        self._pool = pool
        self._registry = registry
        self._sync = sync
        self._max_age_s = max_age_s
        self._limit = asyncio.Semaphore(concurrency)

    async def run_once(self) -> None:
        """Sync each tracked (or once asked for) pair of every ready connector."""
        targets = [
            (session, symbol)
            for session in self._registry.ready_sessions()
            for symbol in await synced_symbols(self._pool, session)
        ]
        await asyncio.gather(*(self._one(session, symbol) for session, symbol in targets))

    async def _one(self, session: ConnectorSession, symbol: str) -> None:
        async with self._limit:
            await self._sync.sync(session, symbol, self._max_age_s)
