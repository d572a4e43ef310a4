"""Trading bridge: the FastAPI app factory."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.trading_bridge.lifecycle import bridge_parts
from services.trading_bridge.portfolio import endpoints as portfolio_endpoints
from services.trading_bridge.settings import TradingBridgeSettings
from shared.app import create_service_app

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: TradingBridgeSettings | None = None) -> FastAPI:
    return create_service_app(
        name="trading-bridge",
        title="Trading bridge",
        settings=settings or TradingBridgeSettings(),
        migrations=MIGRATIONS,
        routers=[portfolio_endpoints.router],
        parts=bridge_parts,
    )
