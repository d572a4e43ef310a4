"""A running trading bridge for tests: real HTTP, PostgreSQL, NATS, control plane, exchange.

    async with running_control_plane(database_url, nats_url, suffix) as cp, \\
            running_exchange() as sim, \\
            running_bridge(database_url, nats_url, suffix, control_plane=cp,
                           exchange_url=sim.url) as bridge:
        client = await cp.create_client(name="Sharp")
        key = await sim.add_account({"USDT": "1000"})
        await cp.add_key(client["id"], api_key=key.api_key, api_secret=key.api_secret)
        await bridge.wait_for_state(connector_id, "ready")
        portfolio = await bridge.get("/api/portfolio", cp.client_headers(client))

The bridge's schema is `bridge_<suffix>` and its durable consumer `trading-bridge-<suffix>`, so
starting it again with the same suffix is a restart (it resumes where its consumer was).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI

from services.trading_bridge.app import create_app
from services.trading_bridge.sessions import ConnectorSession, SessionRegistry
from services.trading_bridge.settings import TradingBridgeSettings
from tests.support.control_plane import RunningControlPlane, running_control_plane
from tests.support.exchange_simulator import RunningExchange, running_exchange
from tests.support.servers import serve


@dataclass
class RunningBridge:
    url: str
    app: FastAPI
    settings: TradingBridgeSettings
    http: httpx.AsyncClient

    @property
    def sessions(self) -> SessionRegistry:
        registry: SessionRegistry = self.app.state.sessions
        return registry

    @property
    def pool(self) -> asyncpg.Pool:
        """The bridge's own pool, on its schema."""
        pool: asyncpg.Pool = self.app.state.runtime.pool
        return pool

    async def get(self, path: str, headers: dict[str, str], **params: Any) -> httpx.Response:
        return await self.http.get(path, headers=headers, params=params)

    async def wait_for_session(
        self,
        connector_id: object,
        *,
        state: str | None = None,
        version: int | None = None,
        timeout_s: float = 10.0,
    ) -> ConnectorSession:
        """Wait until the connector's session exists (in `state`, at `version` when given)."""
        wanted = uuid.UUID(str(connector_id))
        deadline = time.monotonic() + timeout_s
        while True:
            session = self.sessions.get(wanted)
            if (
                session is not None
                and (state is None or session.state == state)
                and (version is None or session.version == version)
            ):
                return session
            if time.monotonic() > deadline:
                seen = None if session is None else (session.state, session.version)
                raise TimeoutError(f"connector {wanted}: wanted {state} v{version}, saw {seen}")
            await asyncio.sleep(0.02)

    async def wait_until_gone(self, connector_id: object, timeout_s: float = 10.0) -> None:
        wanted = uuid.UUID(str(connector_id))
        deadline = time.monotonic() + timeout_s
        while self.sessions.get(wanted) is not None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"connector {wanted} still has a session")
            await asyncio.sleep(0.02)


def bridge_settings(
    database_url: str,
    nats_url: str,
    schema_suffix: str,
    control_plane: RunningControlPlane,
    exchange_url: str | None = None,
    **overrides: Any,
) -> TradingBridgeSettings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "nats_url": nats_url,
        "db_schema": f"bridge_{schema_suffix}",
        "consumer_durable": f"trading-bridge-{schema_suffix}",
        "control_plane_url": control_plane.url,
        "service_token": control_plane.service_token,
        "jwt_public_key": control_plane.jwt_public_key,
        "exchange_url_overrides": f"binance={exchange_url}" if exchange_url else "",
        "exchange_timeout_s": 3.0,
        "outbox_poll_interval_s": 0.2,
        **overrides,
    }
    return TradingBridgeSettings(**values)


@asynccontextmanager
async def running_bridge(
    database_url: str,
    nats_url: str,
    schema_suffix: str,
    *,
    control_plane: RunningControlPlane,
    exchange_url: str | None = None,
    wait_for_nats: bool = True,
    **overrides: Any,
) -> AsyncIterator[RunningBridge]:
    """Serve a bridge on a free port; `overrides` are TradingBridgeSettings fields."""
    settings = bridge_settings(
        database_url, nats_url, schema_suffix, control_plane, exchange_url, **overrides
    )
    app = create_app(settings)
    async with serve(app) as url, httpx.AsyncClient(base_url=url, timeout=30) as http:
        if wait_for_nats:
            await app.state.runtime.bus.wait_ready(10)
        yield RunningBridge(url=url, app=app, settings=settings, http=http)


async def wait_for_key_status(
    control_plane: RunningControlPlane,
    client_id: object,
    key_id: object,
    status: str,
    timeout_s: float = 10.0,
) -> dict[str, Any]:
    """Poll the control plane's key listing until the key shows `status`; return the key."""
    deadline = time.monotonic() + timeout_s
    while True:
        response = await control_plane.http.get(
            f"/api/clients/{client_id}/api-keys", headers=control_plane.admin_headers()
        )
        response.raise_for_status()
        key: dict[str, Any] = next(k for k in response.json()["items"] if k["id"] == str(key_id))
        if key["status"] == status:
            return key
        if time.monotonic() > deadline:
            raise TimeoutError(f"key {key_id}: wanted {status}, saw {key['status']}")
        await asyncio.sleep(0.05)


@dataclass
class SimulatedKeys:
    """Clients and keys made through the control plane, for accounts on the simulator."""

    cp: RunningControlPlane
    sim: RunningExchange

    async def client_with_key(
        self, balances: dict[str, str], *, can_withdraw: bool = False, name: str = "Sharp"
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """A new client with one Binance key on a new simulator account holding `balances`."""
        client = await self.cp.create_client(name=name)
        return client, await self.add_key(client, balances, can_withdraw=can_withdraw)

    async def add_key(
        self, client: dict[str, Any], balances: dict[str, str], *, can_withdraw: bool = False
    ) -> dict[str, Any]:
        account = await self.sim.add_account(balances, can_withdraw=can_withdraw)
        return await self.cp.add_key(
            client["id"], api_key=account.api_key, api_secret=account.api_secret
        )


@dataclass
class BridgeStack(SimulatedKeys):
    """A control plane, an exchange simulator and a bridge wired to both."""

    bridge: RunningBridge


@asynccontextmanager
async def bridge_stack(
    database_url: str,
    nats_url: str,
    schema_suffix: str,
    *,
    control_plane_overrides: dict[str, Any] | None = None,
    **bridge_overrides: Any,
) -> AsyncIterator[BridgeStack]:
    """`bridge_overrides` are bridge settings; `control_plane_overrides` the control plane's."""
    async with (
        running_control_plane(
            database_url, nats_url, schema_suffix, **(control_plane_overrides or {})
        ) as cp,
        running_exchange() as sim,
        running_bridge(
            database_url,
            nats_url,
            schema_suffix,
            control_plane=cp,
            exchange_url=sim.url,
            **bridge_overrides,
        ) as bridge,
    ):
        yield BridgeStack(cp, sim, bridge)
