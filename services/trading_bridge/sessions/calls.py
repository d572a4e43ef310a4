"""Calling an exchange through a session: bounded in time, measured, failures in our words.

`await exchange_call(session, "fetch_balance", session.exchange.fetch_balance, timeout_s)`
returns the ccxt result or raises `ExchangeCallFailed` carrying a `Failure` (state and our own
detail, never the exchange's text); the call's latency and any failure are recorded in the
venue's telemetry and the Prometheus metrics.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from services.trading_bridge.monitoring.telemetry import RecordedError
from services.trading_bridge.sessions.failures import EXCHANGE_ERRORS, Failure, describe
from services.trading_bridge.sessions.session import ConnectorSession

T = TypeVar("T")


class ExchangeCallFailed(Exception):
    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.detail)
        self.failure = failure


async def exchange_call(
    session: ConnectorSession,
    operation: str,
    call: Callable[[], Awaitable[T]],
    timeout_s: float,
) -> T:
    telemetry = session.venue.telemetry
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_s):
            result = await call()
    except EXCHANGE_ERRORS as exc:
        failure = describe(exc)
        telemetry.failed(
            RecordedError(
                exchange=session.venue.exchange_id,
                connector_id=str(session.connector_id),
                operation=operation,
                state=failure.state,
                detail=failure.detail,
                error_type=failure.error_type,
            )
        )
        raise ExchangeCallFailed(failure) from None
    telemetry.observe(session.venue.exchange_id, operation, time.perf_counter() - started)
    return result
