"""The simulator as an ASGI app: Binance spot REST at `/api` and `/sapi`, control at `/sim`."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

from starlette.applications import Starlette

from simulators.exchange.binance_api import binance_routes
from simulators.exchange.config import load_config
from simulators.exchange.control_api import control_routes
from simulators.exchange.state import SimulatorState
from simulators.exchange.walker import walk_forever


def create_app(
    config: str | Path | Mapping[str, Any] | None = None,
    seed: int = 0,
    walk_interval: float | None = None,
) -> Starlette:
    """Build a simulator from a config file path, a config dict, or nothing.

    `walk_interval` (seconds) starts the background random walk; None leaves prices still
    until `POST /sim/step` or `POST /sim/prices` moves them, which keeps tests deterministic.
    """
    state = SimulatorState.from_config(load_config(config), seed)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        walker = None
        if walk_interval:
            walker = asyncio.create_task(walk_forever(state.exchange, walk_interval))
        try:
            yield
        finally:
            if walker is not None:
                walker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await walker

    app = Starlette(routes=[*binance_routes(state), *control_routes(state)], lifespan=lifespan)
    app.state.simulator = state
    return app
