from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from services.control_plane.access import require_manageable, require_visible
from services.control_plane.audit.service import Actor
from services.control_plane.clients import repository, service
from services.control_plane.clients.schemas import Client, ClientCreate, ClientPage
from shared.auth import AdminOnly, CurrentPrincipal
from shared.db import DbConn
from shared.errors import Conflict, Forbidden, NotFound, Unauthorized, Unprocessable, responses

router = APIRouter(prefix="/api/clients", tags=["clients"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Client,
    responses=responses(Unauthorized, Forbidden, Conflict, Unprocessable),
)
async def create_client(body: ClientCreate, principal: AdminOnly, db: DbConn) -> Client:
    """Onboard a client with its wallets (one transaction); the account slug is generated
    from the name when not given."""
    return await service.create(db, Actor.of(principal), body)


@router.get("", response_model=ClientPage, responses=responses(Unauthorized, Forbidden))
async def list_clients(
    _: AdminOnly,
    db: DbConn,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> ClientPage:
    """Clients, oldest first, one page at a time, with the total count (admin)."""
    items, total = await repository.page(db, limit, offset)
    return ClientPage(items=items, total=total, limit=limit, offset=offset)


@router.get(
    "/by-wallet/{address}",
    response_model=Client,
    responses=responses(Unauthorized, NotFound, Unprocessable),
)
async def client_by_wallet(address: str, principal: CurrentPrincipal, db: DbConn) -> Client:
    """The client owning a wallet (any letter case; EVM addresses shown EIP-55 checksummed).

    A client token finds only its own client.
    """
    return await service.by_wallet(db, address, viewer=principal)


@router.get("/{client_id}", response_model=Client, responses=responses(Unauthorized, NotFound))
async def get_client(client_id: uuid.UUID, principal: CurrentPrincipal, db: DbConn) -> Client:
    """One client with its wallets (a client token sees only its own)."""
    require_visible(principal, client_id)
    return await service.get(db, client_id)


@router.delete(
    "/{client_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(Unauthorized, Forbidden, NotFound),
)
async def delete_client(client_id: uuid.UUID, principal: CurrentPrincipal, db: DbConn) -> None:
    """Delete the client with its wallets and keys; consumers are told each key is removed."""
    require_manageable(principal, client_id)
    await service.delete(db, Actor.of(principal), client_id)
