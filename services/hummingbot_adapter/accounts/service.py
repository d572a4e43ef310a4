"""The account projection: kept current by control-plane events, refreshed on demand.

A request naming an account or connector the projection does not know yet (its event may
still be on the way) asks the control plane once before answering 404 or 409.
"""

from __future__ import annotations

import uuid

import httpx

from services.hummingbot_adapter.accounts import repository
from services.hummingbot_adapter.accounts.schemas import Connector
from services.hummingbot_adapter.bot_host.connectors import CONNECTORS, hummingbot_connector
from shared.control_plane_client import AccountRef, ControlPlaneClient, ControlPlaneUnavailable
from shared.db import Connection
from shared.errors import Conflict, DependencyUnavailable, NotFound


async def resolve_connector(
    conn: Connection, control_plane: ControlPlaneClient, account: str, reference: str
) -> Connector:
    """The account's connector named by id (or by exchange, when it has one key there)."""
    match = _match(await _live_connectors(conn, account), reference)
    if match is None:
        await project_account(conn, await fetch_account(control_plane, account))
        connectors = await repository.account_connectors(conn, account)
        match = _match(connectors, reference)
        if match is None:
            raise Conflict(_missing(account, reference, connectors))
    if hummingbot_connector(match.exchange) is None:
        supported = ", ".join(sorted(CONNECTORS))
        raise Conflict(
            f"connector {match.connector_id} is on {match.exchange}, which has no Hummingbot "
            f"connector here (supported: {supported})"
        )
    return match


async def fetch_account(control_plane: ControlPlaneClient, account: str) -> AccountRef:
    try:
        found = await control_plane.account(account)
    except (ControlPlaneUnavailable, httpx.HTTPError) as error:
        raise DependencyUnavailable(f"control plane: {error}") from None
    if found is None:
        raise NotFound(f"account {account!r} not found")
    return found


async def project_account(conn: Connection, found: AccountRef) -> None:
    await repository.upsert_account(conn, found.client_id, found.account, found.name)
    for ref in found.connectors:
        await repository.upsert_connector(
            conn, ref.connector_id, ref.client_id, ref.account, ref.exchange, ref.version
        )


async def _live_connectors(conn: Connection, account: str) -> list[Connector]:
    known = await repository.get_account(conn, account)
    if known is None or known.deleted_at is not None:
        return []
    return await repository.account_connectors(conn, account)


def _match(connectors: list[Connector], reference: str) -> Connector | None:
    try:
        connector_id = uuid.UUID(reference)
    except ValueError:
        on_exchange = [c for c in connectors if c.exchange == reference.lower()]
        if len(on_exchange) > 1:
            ids = ", ".join(str(c.connector_id) for c in on_exchange)
            raise Conflict(
                f"several keys on {reference}: name one by its connector id ({ids})"
            ) from None
        return on_exchange[0] if on_exchange else None
    return next((c for c in connectors if c.connector_id == connector_id), None)


def _missing(account: str, reference: str, connectors: list[Connector]) -> str:
    have = ", ".join(f"{c.exchange} ({c.connector_id})" for c in connectors) or "none"
    return f"account {account!r} has no API key for connector {reference!r}; its keys: {have}"
