"""Helpers for the trading bridge's analytics tests (fills, PnL, volume, history).

`analytics_stack` is `tests.support.trading_bridge.bridge_stack` plus one ready client and key;
`bridge_pool` is the bridge's schema without the app, for the fill sync on its own.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx

from services.trading_bridge.app import MIGRATIONS
from shared.control_plane_client import ConnectorRef
from shared.db import create_pool
from shared.migrations import apply_migrations
from tests.support.control_plane import RunningControlPlane
from tests.support.exchange_simulator import ApiKey, RunningExchange
from tests.support.trading_bridge import RunningBridge, bridge_stack


@asynccontextmanager
async def bridge_pool(database_url: str, schema: str) -> AsyncIterator[asyncpg.Pool]:
    """A pool on `schema` with the bridge's migrations applied."""
    pool = await create_pool(database_url, schema, max_size=6)
    try:
        async with pool.acquire() as connection:
            await apply_migrations(connection, schema, {"trading-bridge": MIGRATIONS})
        yield pool
    finally:
        await pool.close()


def connector_ref(account: str = "acme", tracked_pairs: list[str] | None = None) -> ConnectorRef:
    return ConnectorRef(
        connector_id=uuid.uuid4(),
        client_id=uuid.uuid4(),
        account=account,
        exchange="binance",
        version=1,
        tracked_pairs=tracked_pairs or ["SHARP-USDT"],
    )


@dataclass
class AnalyticsStack:
    """A control plane, an exchange simulator and a bridge, with one client and its key."""

    control_plane: RunningControlPlane
    exchange: RunningExchange
    bridge: RunningBridge
    client: dict[str, Any]
    connector_id: uuid.UUID
    exchange_key: ApiKey

    @property
    def account(self) -> str:
        return str(self.client["account_identifier"])

    def client_headers(self) -> dict[str, str]:
        return self.control_plane.client_headers(self.client)

    def admin_headers(self) -> dict[str, str]:
        return self.control_plane.admin_headers()

    async def get(self, path: str, **params: Any) -> httpx.Response:
        return await self.bridge.get(path, self.client_headers(), **params)


@asynccontextmanager
async def analytics_stack(
    database_url: str,
    nats_url: str,
    schema_suffix: str,
    balances: dict[str, str],
    wallets: list[str] | None = None,
    **overrides: Any,
) -> AsyncIterator[AnalyticsStack]:
    """A `bridge_stack` with a client whose ready Binance key holds `balances`, tracking
    SHARP-USDT; `overrides` are bridge settings."""
    async with bridge_stack(database_url, nats_url, schema_suffix, **overrides) as stack:
        key = await stack.sim.add_account(balances)
        client = await stack.cp.create_client(
            name="Sharp Token", wallets=wallets, account_identifier=f"sharp-{schema_suffix}"
        )
        added = await stack.cp.add_key(
            client["id"], api_key=key.api_key, api_secret=key.api_secret,
            tracked_pairs=["SHARP-USDT"],
        )  # fmt: skip
        session = await stack.bridge.wait_for_session(added["id"], state="ready")
        yield AnalyticsStack(stack.cp, stack.sim, stack.bridge, client, session.connector_id, key)
