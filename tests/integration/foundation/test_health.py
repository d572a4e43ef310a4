"""`/health` says which dependency is down, and recovers without a restart."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from scripts.embedded import start_postgres, stop_postgres
from services.control_plane.app import create_app
from services.control_plane.settings import ControlPlaneSettings
from tests.support.servers import serve


async def poll_health(
    http: httpx.AsyncClient, status: int, timeout_s: float = 20.0
) -> httpx.Response:
    deadline = time.monotonic() + timeout_s
    while True:
        response = await http.get("/health")
        if response.status_code == status or time.monotonic() > deadline:
            return response


async def test_health_names_the_database_while_it_is_stopped_and_recovers(
    tmp_path: Path, fresh_streams: str
) -> None:
    datadir = tmp_path / "pg"
    settings = ControlPlaneSettings(
        database_url=start_postgres(datadir, stop_on_exit=False), nats_url=fresh_streams
    )
    app = create_app(settings)
    try:
        async with serve(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as http:
            await app.state.runtime.bus.wait_ready(10)
            healthy = await poll_health(http, 200)
            stop_postgres(datadir)
            down = await poll_health(http, 503)
            start_postgres(datadir, stop_on_exit=False)
            recovered = await poll_health(http, 200)
    finally:
        stop_postgres(datadir)
    assert healthy.status_code == 200
    assert down.status_code == 503
    assert down.json()["checks"]["database"].startswith("down")
    assert down.json()["checks"]["nats"] == "ok"
    assert down.json()["detail"] == "unreachable: database"
    assert recovered.status_code == 200


async def test_health_names_nats_when_it_is_unreachable(
    database_url: str, schema_suffix: str
) -> None:
    from scripts.embedded import free_port

    settings = ControlPlaneSettings(
        database_url=database_url,
        nats_url=f"nats://127.0.0.1:{free_port()}",
        db_schema=f"health_{schema_suffix}",
    )
    async with serve(create_app(settings)) as url, httpx.AsyncClient(base_url=url) as http:
        response = await http.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "nats": "down: not connected"}
