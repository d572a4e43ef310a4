"""The background price walk: every `interval` seconds, every market takes one step."""

from __future__ import annotations

import asyncio

from simulators.exchange.exchange import Exchange


async def walk_forever(exchange: Exchange, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        exchange.step()
