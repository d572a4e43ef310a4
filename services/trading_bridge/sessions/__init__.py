"""Connector sessions: see `registry.py` for the interface other domains use."""

from services.trading_bridge.sessions.registry import SessionRegistry, UnknownAccount
from services.trading_bridge.sessions.session import ConnectorSession, SessionState

__all__ = ["ConnectorSession", "SessionRegistry", "SessionState", "UnknownAccount"]
