"""The whole platform behind the real gateway, and `tradectl` driven against it.

The services run in the test's event loop, so each `tradectl` call runs in a worker thread
(Typer's CliRunner is synchronous) with its own `TRADECTL_HOME`.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import SecretStr
from typer.testing import CliRunner, Result

from tests.integration.tradectl.gateway import running_gateway
from tests.support.bus import delete_streams
from tests.support.control_plane import RunningControlPlane, running_control_plane
from tests.support.exchange_simulator import RunningExchange, running_exchange
from tests.support.hummingbot_adapter import running_adapter
from tests.support.hummingbot_simulator import running_hummingbot
from tests.support.trading_bridge import RunningBridge, running_bridge
from tradectl.main import app

ADMIN_USERNAME = "operator"
ADMIN_PASSWORD = "correct horse battery staple"


@dataclass
class Platform:
    gateway_url: str
    cp: RunningControlPlane
    exchange: RunningExchange
    bridge: RunningBridge


@dataclass
class Tradectl:
    """`tradectl` as a user runs it, with its login kept under `home`."""

    home: Path
    gateway_url: str

    async def __call__(self, *args: str, **env: str) -> Result:
        environment = {"TRADECTL_HOME": str(self.home), "COLUMNS": "250", **env}

        def invoke() -> Result:
            return CliRunner().invoke(app, list(args), env=environment)

        return await asyncio.to_thread(invoke)

    async def login_admin(self) -> None:
        result = await self(
            "--url",
            self.gateway_url,
            "login",
            "admin",
            "--username",
            ADMIN_USERNAME,
            TRADECTL_ADMIN_PASSWORD=ADMIN_PASSWORD,
        )
        assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
async def platform(database_url: str, nats_url: str) -> AsyncIterator[Platform]:
    """One platform for the module (each test makes its own clients and has its own login)."""
    await delete_streams(nats_url)
    suffix = uuid.uuid4().hex[:8]
    async with (
        running_control_plane(
            database_url,
            nats_url,
            suffix,
            bootstrap_admin_username=ADMIN_USERNAME,
            bootstrap_admin_password=SecretStr(ADMIN_PASSWORD),
            login_rate_per_minute=1000,
        ) as cp,
        running_exchange() as exchange,
        running_bridge(
            database_url, nats_url, suffix, control_plane=cp, exchange_url=exchange.url
        ) as bridge,
        running_hummingbot(exchange.url) as hummingbot,
        running_adapter(
            database_url,
            nats_url,
            suffix,
            control_plane_url=cp.url,
            hummingbot_url=hummingbot.base_url,
            service_token=cp.service_token,
            jwt_public_key=cp.jwt_public_key,
        ) as adapter,
        running_gateway(cp.url, bridge.url, adapter.url) as gateway_url,
    ):
        yield Platform(gateway_url, cp, exchange, bridge)


@pytest.fixture
def tradectl(platform: Platform, tmp_path: Path) -> Tradectl:
    return Tradectl(tmp_path / "tradectl", platform.gateway_url)
