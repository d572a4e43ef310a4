"""Finding the session a request names, with the checks every write or probe needs."""

from __future__ import annotations

import uuid

from services.trading_bridge.accounts import account_scope
from services.trading_bridge.sessions import ConnectorSession, SessionRegistry
from shared.auth import Principal
from shared.errors import Conflict, NotFound


async def session_for(
    registry: SessionRegistry, connector_id: uuid.UUID, account: str | None = None
) -> ConnectorSession:
    """The connector's session (of `account` when given); 404 when there is none."""
    if account is not None:
        await account_scope(registry, account)
    session = registry.get(connector_id)
    if session is None or (account is not None and session.account != account):
        raise NotFound(f"connector {connector_id} not found")
    return session


async def visible_session(
    registry: SessionRegistry, connector_id: uuid.UUID, principal: Principal
) -> ConnectorSession:
    """The connector's session if the caller may see it: an admin, or its own client."""
    account = None if principal.is_admin else principal.account
    return await session_for(registry, connector_id, account)


def require_tradable(session: ConnectorSession, allow_withdrawal_keys: bool) -> None:
    """409 unless the key reads and, when it can withdraw, such keys are allowed."""
    if session.state == "withdrawal_enabled" and not allow_withdrawal_keys:
        raise Conflict(
            "the API key can withdraw funds, so the bridge refuses to trade with it; "
            "use a key without withdrawal permission"
        )
    if not session.is_ready:
        raise Conflict(f"connector is {session.state}: {session.last_error or 'not checked yet'}")
