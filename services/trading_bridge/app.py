"""Trading bridge: the FastAPI app factory.

The bridge's own parts (sessions, consumers, pricing, portfolio, orders, monitoring) start
first; the analytics parts (fill sync, balance snapshots: `analytics/`) run on top of them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from services.trading_bridge.analytics.wiring import ANALYTICS_ROUTERS, analytics_parts
from services.trading_bridge.connectors import endpoints as connector_endpoints
from services.trading_bridge.lifecycle import bridge_parts
from services.trading_bridge.monitoring import endpoints as monitoring_endpoints
from services.trading_bridge.orders import endpoints as order_endpoints
from services.trading_bridge.portfolio import endpoints as portfolio_endpoints
from services.trading_bridge.settings import TradingBridgeSettings
from shared.app import Runtime, create_service_app

MIGRATIONS = Path(__file__).parent / "migrations"


@asynccontextmanager
async def all_parts(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
    async with bridge_parts(app, runtime), analytics_parts(app, runtime):
        yield


def create_app(settings: TradingBridgeSettings | None = None) -> FastAPI:
    return create_service_app(
        name="trading-bridge",
        title="Trading bridge",
        settings=settings or TradingBridgeSettings(),
        migrations=MIGRATIONS,
        routers=[
            portfolio_endpoints.router,
            connector_endpoints.router,
            order_endpoints.router,
            monitoring_endpoints.router,
            *ANALYTICS_ROUTERS,
        ],
        parts=all_parts,
    )
