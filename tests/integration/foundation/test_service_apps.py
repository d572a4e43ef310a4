"""Each service starts on real PostgreSQL and NATS, migrates its own schema and reports health."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from services.control_plane.app import create_app as control_plane_app
from services.control_plane.settings import ControlPlaneSettings
from services.hummingbot_adapter.app import create_app as adapter_app
from services.hummingbot_adapter.settings import HummingbotAdapterSettings
from services.trading_bridge.app import create_app as bridge_app
from services.trading_bridge.settings import TradingBridgeSettings
from tests.support.servers import serve

SERVICES: list[tuple[Callable[..., Any], type[Any]]] = [
    (control_plane_app, ControlPlaneSettings),
    (bridge_app, TradingBridgeSettings),
    (adapter_app, HummingbotAdapterSettings),
]


@pytest.mark.parametrize(("factory", "settings_class"), SERVICES)
async def test_service_reports_healthy_database_and_nats(
    factory: Callable[..., Any],
    settings_class: type[Any],
    database_url: str,
    fresh_streams: str,
    schema_suffix: str,
) -> None:
    settings = settings_class(
        database_url=database_url, nats_url=fresh_streams, db_schema=f"svc_{schema_suffix}"
    )
    app = factory(settings)
    async with serve(app) as url, httpx.AsyncClient(base_url=url) as http:
        await app.state.runtime.bus.wait_ready(10)
        health = await http.get("/health")
        metrics = await http.get("/metrics")
        docs = await http.get("/openapi.json")
    assert health.status_code == 200, health.text
    assert health.json()["checks"] == {"database": "ok", "nats": "ok"}
    assert "http_requests_total" in metrics.text
    assert docs.status_code == 200


async def test_unknown_route_and_malformed_json_answer_the_error_body(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    settings = ControlPlaneSettings(
        database_url=database_url, nats_url=fresh_streams, db_schema=f"svc_{schema_suffix}"
    )
    async with serve(control_plane_app(settings)) as url, httpx.AsyncClient(base_url=url) as http:
        missing = await http.get("/api/nothing-here")
        wrong_method = await http.delete("/health")
    assert missing.status_code == 404
    assert missing.json() == {"error": "NotFound", "detail": "no such route"}
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"] == "MethodNotAllowed"
