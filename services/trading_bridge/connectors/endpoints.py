"""Connector probes: test a connector's key now, on its warm session."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from services.trading_bridge.connectors.schemas import CAPABILITIES, AssetAmount, ConnectionTest
from services.trading_bridge.dependencies import BridgeSettings, Sessions
from services.trading_bridge.portfolio.balances import parse_balance
from services.trading_bridge.sessions.lookup import visible_session
from services.trading_bridge.sessions.validation import validate
from shared.auth import CurrentPrincipal
from shared.errors import NotFound, Unauthorized, Unprocessable, responses

router = APIRouter(prefix="/api/connectors", tags=["connectors"])


@router.post(
    "/{connector_id}/test",
    response_model=ConnectionTest,
    responses=responses(Unauthorized, NotFound, Unprocessable),
)
async def test_connector(
    connector_id: uuid.UUID,
    principal: CurrentPrincipal,
    registry: Sessions,
    settings: BridgeSettings,
) -> ConnectionTest:
    """Check the connector's key now (admin, or the client owning it): whether the exchange
    accepts it, its balances, what the exchange supports, whether the key can withdraw (it
    must not), and the balance round trip in milliseconds."""
    session = await visible_session(registry, connector_id, principal)
    verdict = await validate(session, settings.exchange_timeout_s)
    assets = parse_balance(verdict.balance) if verdict.balance else []
    return ConnectionTest(
        connector_id=session.connector_id,
        exchange=session.connector.exchange,
        version=session.version,
        state=verdict.state,
        detail=verdict.detail,
        credentials_valid=verdict.balance is not None,
        can_withdraw=verdict.can_withdraw,
        latency_ms=None if verdict.latency_ms is None else round(verdict.latency_ms, 2),
        balances=[AssetAmount(**vars(a)) for a in assets],
        capabilities={name: bool(session.exchange.has.get(name)) for name in CAPABILITIES},
        checked_at=verdict.checked_at,
    )
