"""What the bridge's app factory and parts include: see the package docstring."""

from __future__ import annotations

from services.trading_bridge.analytics.parts import analytics_parts
from services.trading_bridge.fills.endpoints import router as trades_router
from services.trading_bridge.history.endpoints import router as history_router
from services.trading_bridge.pnl.endpoints import router as pnl_router
from services.trading_bridge.volume.endpoints import router as volume_router

ANALYTICS_ROUTERS = [trades_router, volume_router, pnl_router, history_router]

__all__ = ["ANALYTICS_ROUTERS", "analytics_parts"]
