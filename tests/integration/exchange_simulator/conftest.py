from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.exchange_simulator import RunningExchange, running_exchange


@pytest.fixture(scope="session")
async def shared_sim() -> AsyncIterator[RunningExchange]:
    async with running_exchange(seed=7) as running:
        yield running


@pytest.fixture
async def sim(shared_sim: RunningExchange) -> AsyncIterator[RunningExchange]:
    """The session's simulator, reset: configured markets only, no accounts, orders or faults."""
    yield shared_sim
    await shared_sim.reset()
