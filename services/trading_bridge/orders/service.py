"""Placing, listing and cancelling orders through a connector's session.

A `client_order_id` is passed to the exchange (ccxt `clientOrderId`, Binance
`newClientOrderId`). When placing fails and an id was given, the exchange is asked for the
order with that id: if it exists (a retried request, or an answer lost on the way back), it is
returned instead of an error, so a retry places one order, not two.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from services.trading_bridge.amounts import to_decimal
from services.trading_bridge.orders.schemas import Order, OrderCreate
from services.trading_bridge.sessions import ConnectorSession
from services.trading_bridge.sessions.calls import ExchangeCallFailed, exchange_call
from services.trading_bridge.sessions.failures import Failure
from shared.errors import AppError, Conflict, DependencyUnavailable, NotFound, Unprocessable


async def place(session: ConnectorSession, request: OrderCreate, timeout_s: float) -> Order:
    params = {"clientOrderId": request.client_order_id} if request.client_order_id else {}
    exchange = session.exchange

    async def create() -> dict[str, Any]:
        order: dict[str, Any] = await exchange.create_order(
            request.symbol,
            request.type,
            request.side,
            float(request.amount),
            None if request.price is None else float(request.price),
            params,
        )
        return order

    try:
        placed = await exchange_call(session, "create_order", create, timeout_s)
    except ExchangeCallFailed as failed:
        existing = await _existing(session, request, timeout_s)
        if existing is None:
            raise as_http_error(failed.failure) from None
        return to_order(session, existing, replayed=True)
    return to_order(session, placed)


async def _existing(
    session: ConnectorSession, request: OrderCreate, timeout_s: float
) -> dict[str, Any] | None:
    if request.client_order_id is None:
        return None

    async def lookup() -> dict[str, Any]:
        order: dict[str, Any] = await session.exchange.fetch_order(
            "", request.symbol, {"origClientOrderId": request.client_order_id}
        )
        return order

    try:
        return await exchange_call(session, "fetch_order", lookup, timeout_s)
    except ExchangeCallFailed:
        return None


async def open_orders(
    sessions: list[ConnectorSession], timeout_s: float
) -> tuple[list[Order], dict[str, str]]:
    """Open orders of every session, read concurrently; failures listed per connector."""

    async def of(session: ConnectorSession) -> list[Order]:
        orders = await exchange_call(
            session, "fetch_open_orders", session.exchange.fetch_open_orders, timeout_s
        )
        return [to_order(session, o) for o in orders]

    results = await asyncio.gather(*(of(s) for s in sessions), return_exceptions=True)
    orders: list[Order] = []
    errors: dict[str, str] = {}
    for session, result in zip(sessions, results, strict=True):
        if isinstance(result, ExchangeCallFailed):
            errors[str(session.connector_id)] = result.failure.detail
        elif isinstance(result, BaseException):
            raise result
        else:
            orders.extend(result)
    return orders, errors


async def cancel(session: ConnectorSession, order_id: str, symbol: str, timeout_s: float) -> Order:
    async def call() -> dict[str, Any]:
        order: dict[str, Any] = await session.exchange.cancel_order(order_id, symbol)
        return order

    try:
        return to_order(session, await exchange_call(session, "cancel_order", call, timeout_s))
    except ExchangeCallFailed as failed:
        raise as_http_error(failed.failure) from None


def as_http_error(failure: Failure) -> AppError:
    if failure.state == "unreachable":
        return DependencyUnavailable(failure.detail)
    if failure.state == "invalid_credentials":
        return Conflict(failure.detail)
    if failure.error_type == "OrderNotFound":
        return NotFound(failure.detail)
    return Unprocessable(failure.detail)


def to_order(session: ConnectorSession, order: dict[str, Any], replayed: bool = False) -> Order:
    def amount(key: str) -> Any:
        value = order.get(key)
        return None if value is None else to_decimal(value)

    timestamp = order.get("timestamp")
    return Order(
        id=str(order["id"]),
        client_order_id=order.get("clientOrderId"),
        connector_id=session.connector_id,
        symbol=order["symbol"],
        side=order["side"],
        type=order.get("type"),
        status=order.get("status"),
        amount=amount("amount"),
        filled=amount("filled"),
        remaining=amount("remaining"),
        price=amount("price"),
        average=amount("average"),
        created_at=None if timestamp is None else datetime.fromtimestamp(timestamp / 1000, UTC),
        replayed=replayed,
    )
