"""`/internal/*`: the bridge's and adapter's API (service token only; not in the public docs,
never routed by the gateway). The contract is `shared/control_plane_client.py`."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter

from services.control_plane.clients import repository as clients
from services.control_plane.clients import service as clients_service
from services.control_plane.clients.accounts import is_account_identifier
from services.control_plane.dependencies import KeyringDep
from services.control_plane.internal import service
from services.control_plane.internal.schemas import (
    ConnectorList,
    CredentialsAnswer,
    CredentialsRequest,
)
from shared.auth import ServiceOnly
from shared.control_plane_client import AccountRef
from shared.db import DbConn
from shared.errors import NotFound, Unprocessable

router = APIRouter(prefix="/internal", dependencies=[ServiceOnly], include_in_schema=False)


@router.get("/connectors", response_model=ConnectorList)
async def list_connectors(
    db: DbConn, account: str | None = None, updated_since: datetime | None = None
) -> ConnectorList:
    """Every connector (key) with its version, optionally one account's or changed since."""
    return ConnectorList(connectors=await service.connectors(db, account, updated_since))


@router.post("/credentials", response_model=CredentialsAnswer)
async def credentials(
    body: CredentialsRequest, db: DbConn, keyring: KeyringDep
) -> CredentialsAnswer:
    """Each connector's credentials sealed (HPKE) to the caller's ephemeral public key."""
    return await service.sealed_credentials(db, keyring, body.connector_ids, body.public_key)


@router.get("/accounts/{account}", response_model=AccountRef)
async def account(account: str, db: DbConn) -> AccountRef:
    """A client by account identifier, with its wallets and connectors (404 when none,
    including for a string that cannot be an account identifier)."""
    client = await clients.by_account(db, account) if is_account_identifier(account) else None
    if client is None:
        raise NotFound(f"account {account[:64]!r} not found")
    return await service.account_ref(db, client)


@router.get("/wallets/{address}", response_model=AccountRef)
async def wallet(address: str, db: DbConn) -> AccountRef:
    """The account of the client owning this wallet (any letter case; 404 when none, including
    for a string that is not an address, so callers have one answer for "no such wallet")."""
    try:
        client = await clients_service.by_wallet(db, address)
    except Unprocessable:
        raise NotFound(f"no client has wallet {address[:64]!r}") from None
    return await service.account_ref(db, client)
