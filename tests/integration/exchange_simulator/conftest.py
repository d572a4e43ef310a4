from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.exchange_simulator import RunningExchange, running_exchange


@pytest.fixture
async def sim() -> AsyncIterator[RunningExchange]:
    async with running_exchange(seed=7) as running:
        yield running
