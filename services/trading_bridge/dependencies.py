"""The bridge's long-lived parts, as request dependencies."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from services.trading_bridge.monitoring.telemetry import Telemetry
from services.trading_bridge.portfolio.balances import BalanceBook
from services.trading_bridge.pricing import PriceBook
from services.trading_bridge.sessions import SessionRegistry
from services.trading_bridge.settings import TradingBridgeSettings
from shared.control_plane_client import ControlPlaneClient


def _sessions(request: Request) -> SessionRegistry:
    return cast(SessionRegistry, request.app.state.sessions)


def _prices(request: Request) -> PriceBook:
    return cast(PriceBook, request.app.state.prices)


def _balances(request: Request) -> BalanceBook:
    return cast(BalanceBook, request.app.state.balances)


def _control_plane(request: Request) -> ControlPlaneClient:
    return cast(ControlPlaneClient, request.app.state.control_plane)


def _telemetry(request: Request) -> Telemetry:
    return cast(Telemetry, request.app.state.telemetry)


def _settings(request: Request) -> TradingBridgeSettings:
    return cast(TradingBridgeSettings, request.app.state.runtime.settings)


Sessions = Annotated[SessionRegistry, Depends(_sessions)]
Prices = Annotated[PriceBook, Depends(_prices)]
Balances = Annotated[BalanceBook, Depends(_balances)]
ControlPlane = Annotated[ControlPlaneClient, Depends(_control_plane)]
TelemetryDep = Annotated[Telemetry, Depends(_telemetry)]
BridgeSettings = Annotated[TradingBridgeSettings, Depends(_settings)]
