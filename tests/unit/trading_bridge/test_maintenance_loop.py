"""The bridge's background loops outlive a failed round."""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg

from services.trading_bridge.sessions.maintenance import _every


async def test_a_database_failure_in_one_round_does_not_end_the_loop() -> None:
    rounds: list[int] = []
    recovered = asyncio.Event()

    async def reconcile() -> None:
        rounds.append(len(rounds))
        if len(rounds) == 1:
            raise asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed")
        recovered.set()

    loop = asyncio.create_task(_every("reconcile", reconcile, interval_s=0.01))
    try:
        await asyncio.wait_for(recovered.wait(), timeout=5)
    finally:
        loop.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loop
    assert len(rounds) >= 2
