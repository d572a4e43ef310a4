"""The bridge's background parts, started with the app and stopped with it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import cast

from fastapi import FastAPI

from services.trading_bridge.consumers import connector_consumer
from services.trading_bridge.monitoring.telemetry import Telemetry, count_sessions
from services.trading_bridge.portfolio.balances import BalanceBook
from services.trading_bridge.pricing import PriceBook
from services.trading_bridge.sessions import ConnectorSession, SessionRegistry
from services.trading_bridge.sessions.maintenance import Maintenance
from services.trading_bridge.sessions.registry import ChangeListener
from services.trading_bridge.sessions.status import OutboxStatusSink
from services.trading_bridge.sessions.venues import Venues
from services.trading_bridge.settings import TradingBridgeSettings
from shared.app import Runtime
from shared.control_plane_client import ControlPlaneClient


@asynccontextmanager
async def bridge_parts(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
    settings = cast(TradingBridgeSettings, runtime.settings)
    control_plane = ControlPlaneClient(
        settings.control_plane_url, settings.service_token.get_secret_value()
    )
    telemetry = Telemetry(settings.recent_errors)
    venues = Venues(settings.url_overrides, settings.exchange_timeout_s, telemetry)
    registry = SessionRegistry(
        control_plane,
        venues,
        OutboxStatusSink(runtime.pool),
        timeout_s=settings.exchange_timeout_s,
    )
    balances = BalanceBook(settings.balance_ttl_s, settings.exchange_timeout_s)
    registry.on_change(_keep_books(registry, balances))
    maintenance = Maintenance(registry, venues, control_plane, settings)
    consumer = connector_consumer(runtime.bus, registry, settings.consumer_durable)
    app.state.control_plane = control_plane
    app.state.venues = venues
    app.state.sessions = registry
    app.state.maintenance = maintenance
    app.state.telemetry = telemetry
    app.state.balances = balances
    app.state.prices = PriceBook(settings.ticker_ttl_s, settings.exchange_timeout_s)
    consumer.start()
    maintenance.start()
    try:
        yield
    finally:
        await consumer.stop()
        await maintenance.stop()
        await registry.close()
        await venues.close()
        await control_plane.close()


def _keep_books(registry: SessionRegistry, balances: BalanceBook) -> ChangeListener:
    """Keep the sessions gauge current and drop a removed connector's balances."""

    def changed(session: ConnectorSession | None, previous: ConnectorSession | None) -> None:
        if session is None and previous is not None:
            balances.forget(previous.connector_id)
        count_sessions([(s.connector.exchange, s.state) for s in registry.sessions()])

    return changed
