"""One connector's live exchange session."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from ccxt.async_support import Exchange

from services.trading_bridge.sessions.venues import Venue
from shared.control_plane_client import ConnectorRef
from shared.events import ConnectorState, utc_now

SessionState = ConnectorState | Literal["initializing"]
"""`initializing` until the first validation ends, then the state last published for it."""


@dataclass(eq=False)
class ConnectorSession:
    """A connector (`connector`: id, account, exchange, version, tracked_pairs) and its ccxt
    instance (`exchange`), which shares markets, rate-limit budget and connection pool with
    every other session of its `venue`.

    `state` and `last_error` are the outcome of the last validation (or of the last call that
    showed the exchange unreachable); `last_error` is our own wording, never exchange text.
    `can_withdraw` is None when the exchange offers no way to check.
    """

    connector: ConnectorRef
    exchange: Exchange
    venue: Venue
    state: SessionState = "initializing"
    detail: str = ""
    last_error: str | None = None
    can_withdraw: bool | None = None
    checked_at: datetime | None = None
    status_reported: bool = False
    opened_at: datetime = field(default_factory=utc_now)

    @property
    def connector_id(self) -> uuid.UUID:
        return self.connector.connector_id

    @property
    def account(self) -> str:
        return self.connector.account

    @property
    def version(self) -> int:
        return self.connector.version

    @property
    def is_ready(self) -> bool:
        return self.state in ("ready", "withdrawal_enabled")

    def record(self, state: ConnectorState, detail: str, checked_at: datetime) -> None:
        self.state = state
        self.detail = detail
        self.last_error = None if state == "ready" else detail
        self.checked_at = checked_at
