"""Orders (admin): place, list open, cancel, through the connector's warm session."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from services.trading_bridge.accounts import RequestedAccount
from services.trading_bridge.dependencies import BridgeSettings, Sessions
from services.trading_bridge.orders import service
from services.trading_bridge.orders.schemas import (
    SYMBOL_PATTERN,
    OpenOrders,
    Order,
    OrderCreate,
    unified_symbol,
)
from services.trading_bridge.sessions.lookup import require_tradable, session_for
from shared.auth import AdminOnly
from shared.errors import (
    Conflict,
    DependencyUnavailable,
    Forbidden,
    NotFound,
    Unauthorized,
    Unprocessable,
    responses,
)

router = APIRouter(prefix="/api/orders", tags=["orders"])
ERRORS = responses(
    Unauthorized, Forbidden, NotFound, Conflict, Unprocessable, DependencyUnavailable
)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=Order, responses=ERRORS)
async def place_order(
    request: OrderCreate, _: AdminOnly, registry: Sessions, settings: BridgeSettings
) -> Order:
    """Place an order. With `client_order_id`, a retry returns the order already placed
    (`replayed: true`) instead of placing a second one. Refused (409) for a key that can
    withdraw, unless the bridge is configured to allow such keys."""
    session = await session_for(registry, request.connector_id, request.account)
    require_tradable(session, settings.allow_withdrawal_keys)
    return await service.place(session, request, settings.exchange_timeout_s)


@router.get("", response_model=OpenOrders, responses=ERRORS)
async def list_open_orders(
    _: AdminOnly,
    scope: RequestedAccount,
    settings: BridgeSettings,
    connector_id: uuid.UUID | None = None,
) -> OpenOrders:
    """Open orders of the account, on every connector or on `connector_id`."""
    sessions = [s for s in scope.sessions if s.is_ready]
    if connector_id is not None:
        sessions = [s for s in scope.sessions if s.connector_id == connector_id]
        if not sessions:
            raise NotFound(f"connector {connector_id} not found")
    orders, errors = await service.open_orders(sessions, settings.exchange_timeout_s)
    return OpenOrders(account=scope.account, orders=orders, errors=errors)


@router.delete("/{order_id}", response_model=Order, responses=ERRORS)
async def cancel_order(
    order_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")],
    connector_id: uuid.UUID,
    symbol: Annotated[str, Query(pattern=SYMBOL_PATTERN)],
    _: AdminOnly,
    registry: Sessions,
    settings: BridgeSettings,
) -> Order:
    """Cancel an open order on the connector it was placed with (allowed for any key that
    reads, even one that can withdraw: cancelling only lowers risk)."""
    session = await session_for(registry, connector_id)
    require_tradable(session, allow_withdrawal_keys=True)
    return await service.cancel(
        session, order_id, unified_symbol(symbol), settings.exchange_timeout_s
    )
