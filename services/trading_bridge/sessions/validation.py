"""Checking a connector's key: can it read the balance, and can it withdraw (it must not)?

ccxt has no unified withdraw-permission call. Binance answers
`GET /sapi/v1/account/apiRestrictions` (`enableWithdrawals`); OKX `GET /api/v5/account/config`
(`perm` lists `withdraw`). Elsewhere the permission is unknown (`can_withdraw` None) and the
detail says so.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ccxt.async_support import Exchange

from services.trading_bridge.sessions.calls import ExchangeCallFailed, exchange_call
from services.trading_bridge.sessions.session import ConnectorSession
from shared.events import ConnectorState, utc_now

WITHDRAWAL_DETAIL = (
    "the API key can withdraw funds; create a key without withdrawal permission "
    "(orders are refused for this key)"
)


@dataclass(frozen=True)
class Verdict:
    state: ConnectorState
    detail: str
    can_withdraw: bool | None
    checked_at: datetime
    balance: dict[str, Any] | None = None
    latency_ms: float | None = None


async def validate(session: ConnectorSession, timeout_s: float) -> Verdict:
    """Read the balance and the withdraw permission with the session's key."""
    try:
        await exchange_call(session, "load_markets", session.venue.ensure_markets, timeout_s)
        session.venue.share_markets(session.exchange)
        started = time.perf_counter()
        balance = await exchange_call(
            session, "fetch_balance", session.exchange.fetch_balance, timeout_s
        )
        latency_ms = (time.perf_counter() - started) * 1000
        can_withdraw = await exchange_call(
            session, "withdraw_permission", lambda: withdraw_permission(session.exchange), timeout_s
        )
    except ExchangeCallFailed as failed:
        return Verdict(failed.failure.state, failed.failure.detail, None, utc_now())
    return _verdict(session.exchange.id, can_withdraw, balance, latency_ms)


def _verdict(
    exchange_id: str, can_withdraw: bool | None, balance: dict[str, Any], latency_ms: float
) -> Verdict:
    if can_withdraw:
        state: ConnectorState = "withdrawal_enabled"
        detail = WITHDRAWAL_DETAIL
    else:
        state = "ready"
        detail = (
            "balance read"
            if can_withdraw is False
            else (f"balance read; {exchange_id} offers no way to check withdrawal permission")
        )
    return Verdict(state, detail, can_withdraw, utc_now(), balance, latency_ms)


async def withdraw_permission(exchange: Exchange) -> bool | None:
    """Whether the key may withdraw; None when this exchange cannot tell us."""
    if exchange.id == "binance":
        restrictions = await exchange.sapi_get_account_apirestrictions()
        return bool(restrictions.get("enableWithdrawals"))
    if exchange.id == "okx":
        config = await exchange.private_get_account_config()
        permissions = str(config["data"][0].get("perm", ""))
        return "withdraw" in permissions.split(",")
    return None
