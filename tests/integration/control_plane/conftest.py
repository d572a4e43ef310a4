from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.control_plane import RunningControlPlane, running_control_plane


@pytest.fixture
async def cp(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> AsyncIterator[RunningControlPlane]:
    async with running_control_plane(database_url, fresh_streams, schema_suffix) as running:
        yield running
