"""Real PostgreSQL and real NATS JetStream for the whole run.

When `DATABASE_URL` / `NATS_URL` are set the suite uses those servers; otherwise it starts
embedded ones once per run. Each test gets its own schema names and fresh streams, so tests
never see each other's rows or events.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from scripts.embedded import NatsServer, start_postgres
from tests.support.bus import delete_streams

warnings.filterwarnings("ignore", module="abnf")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if url := os.environ.get("DATABASE_URL"):
        yield url
        return
    # pgserver stops it when this process exits.
    yield start_postgres(Path(tmp_path_factory.mktemp("pg")))


@pytest.fixture(scope="session")
def nats_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if url := os.environ.get("NATS_URL"):
        yield url
        return
    server = NatsServer(Path(tmp_path_factory.mktemp("nats"))).start()
    yield server.url
    server.stop()


@pytest.fixture
def schema_suffix() -> str:
    """A suffix that makes this test's schema names its own."""
    return uuid.uuid4().hex[:8]


@pytest.fixture
async def fresh_streams(nats_url: str) -> AsyncIterator[str]:
    """Delete the CONTROL and STATUS streams (and their consumers) so the test starts empty."""
    await delete_streams(nats_url)
    yield nats_url
