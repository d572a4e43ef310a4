"""Balances read through the sessions, with the last good reading of each connector kept.

A reading younger than `ttl_s` is served again without asking the exchange. When a read fails,
`last(connector_id)` is what the portfolio shows as `stale`, with its own time.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from services.trading_bridge.amounts import to_decimal
from services.trading_bridge.sessions import ConnectorSession
from services.trading_bridge.sessions.calls import exchange_call
from shared.events import utc_now


@dataclass(frozen=True)
class AssetBalance:
    asset: str
    free: Decimal | None
    used: Decimal | None
    total: Decimal


@dataclass(frozen=True)
class BalanceReading:
    as_of: datetime
    assets: list[AssetBalance]
    read_at: float


def parse_balance(balance: dict[str, Any]) -> list[AssetBalance]:
    """ccxt's unified balance, without the assets it holds none of."""
    free, used = balance.get("free") or {}, balance.get("used") or {}
    assets = []
    for asset, total in sorted((balance.get("total") or {}).items()):
        if not total:
            continue
        assets.append(
            AssetBalance(
                asset=asset,
                free=None if free.get(asset) is None else to_decimal(free[asset]),
                used=None if used.get(asset) is None else to_decimal(used[asset]),
                total=to_decimal(total),
            )
        )
    return assets


class BalanceBook:
    def __init__(self, ttl_s: float, timeout_s: float) -> None:
        self._ttl_s = ttl_s
        self._timeout_s = timeout_s
        self._last: dict[uuid.UUID, BalanceReading] = {}

    def last(self, connector_id: uuid.UUID) -> BalanceReading | None:
        return self._last.get(connector_id)

    def forget(self, connector_id: uuid.UUID) -> None:
        self._last.pop(connector_id, None)

    async def read(self, session: ConnectorSession) -> BalanceReading:
        """Fresh balances (or ones younger than the TTL); raises `ExchangeCallFailed`."""
        cached = self._last.get(session.connector_id)
        if cached and time.monotonic() - cached.read_at < self._ttl_s:
            return cached
        balance = await exchange_call(
            session, "fetch_balance", session.exchange.fetch_balance, self._timeout_s
        )
        reading = BalanceReading(utc_now(), parse_balance(balance), time.monotonic())
        self._last[session.connector_id] = reading
        return reading
