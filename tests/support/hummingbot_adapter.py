"""A running Hummingbot adapter for tests: real HTTP, PostgreSQL, NATS, control plane and host.

    async with running_adapter(
        database_url, nats_url, schema_suffix,
        control_plane_url=cp.url, hummingbot_url=hummingbot.base_url,
        service_token=cp.service_token, jwt_public_key=cp.jwt_public_key,
    ) as adapter:
        bot = await adapter.create_bot(cp.admin_headers(), name="mm", account=..., ...)
        await adapter.wait_for_bot(bot["id"], headers, lambda b: b["status"] == "running")

The poll cycle runs every 0.2 s, the breaker cools down in 1 s and the host read timeout is
1 s, so outages and recoveries show within a test's patience; `overrides` change any setting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from services.hummingbot_adapter.app import create_app
from services.hummingbot_adapter.settings import HummingbotAdapterSettings
from tests.support.hummingbot_simulator import eventually
from tests.support.servers import serve

Json = dict[str, Any]
Headers = dict[str, str]


@dataclass
class RunningAdapter:
    url: str
    app: FastAPI
    settings: HummingbotAdapterSettings
    http: httpx.AsyncClient

    async def create_bot(self, headers: Headers, **body: Any) -> Json:
        response = await self.http.post("/api/bots", json=body, headers=headers)
        assert response.status_code == 201, response.text
        created: Json = response.json()
        return created

    async def command(self, bot_id: str, action: str, headers: Headers) -> Json:
        """POST `start` or `stop`; the bot as answered."""
        response = await self.http.post(f"/api/bots/{bot_id}/{action}", headers=headers)
        assert response.status_code == 200, response.text
        answered: Json = response.json()
        return answered

    async def bot(self, bot_id: str, headers: Headers) -> Json:
        response = await self.http.get(f"/api/bots/{bot_id}", headers=headers)
        assert response.status_code == 200, response.text
        found: Json = response.json()
        return found

    async def wait_for_bot(
        self, bot_id: str, headers: Headers, condition: Callable[[Json], bool], within: float = 10
    ) -> Json:
        return await eventually(lambda: self.bot(bot_id, headers), condition, within)

    async def runs(self, bot_id: str, headers: Headers) -> list[Json]:
        response = await self.http.get(f"/api/bots/{bot_id}/runs", headers=headers)
        assert response.status_code == 200, response.text
        found: list[Json] = response.json()
        return found


def adapter_settings(
    database_url: str,
    nats_url: str,
    schema_suffix: str,
    *,
    control_plane_url: str,
    hummingbot_url: str,
    **overrides: Any,
) -> HummingbotAdapterSettings:
    values: Json = {
        "database_url": database_url,
        "nats_url": nats_url,
        "db_schema": f"adapter_{schema_suffix}",
        "consumer_durable": f"hummingbot-adapter-{schema_suffix}",
        "control_plane_url": control_plane_url,
        "hummingbot_url": hummingbot_url,
        "poll_interval_s": 0.2,
        "outbox_poll_interval_s": 0.2,
        "hummingbot_read_timeout_s": 1.0,
        "hummingbot_command_timeout_s": 10.0,
        "hummingbot_retry_attempts": 2,
        "breaker_reset_timeout_s": 1.0,
        "startup_grace_s": 5.0,
        **overrides,
    }
    return HummingbotAdapterSettings(**values)


@asynccontextmanager
async def running_adapter(
    database_url: str,
    nats_url: str,
    schema_suffix: str,
    *,
    control_plane_url: str,
    hummingbot_url: str,
    **overrides: Any,
) -> AsyncIterator[RunningAdapter]:
    """Serve an adapter on a free port; `overrides` are HummingbotAdapterSettings fields
    (`service_token` and `jwt_public_key` usually come from the control plane)."""
    settings = adapter_settings(
        database_url,
        nats_url,
        schema_suffix,
        control_plane_url=control_plane_url,
        hummingbot_url=hummingbot_url,
        **overrides,
    )
    app = create_app(settings)
    async with serve(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as http:
        await app.state.runtime.bus.wait_ready(10)
        yield RunningAdapter(url=url, app=app, settings=settings, http=http)
