"""One control plane per test module (its own schema and fresh streams): tests tell their rows
and events apart by the ids they create. Tests needing other settings start their own."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from tests.support.bus import delete_streams
from tests.support.control_plane import RunningControlPlane, running_control_plane


@pytest.fixture(scope="module")
async def cp(database_url: str, nats_url: str) -> AsyncIterator[RunningControlPlane]:
    await delete_streams(nats_url)
    suffix = uuid.uuid4().hex[:8]
    async with running_control_plane(database_url, nats_url, suffix) as running:
        yield running
