from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from services.control_plane.access import require_manageable
from services.control_plane.audit.service import Actor
from services.control_plane.wallets import service
from services.control_plane.wallets.schemas import Wallet, WalletCreate
from shared.auth import CurrentPrincipal
from shared.db import DbConn
from shared.errors import Conflict, Forbidden, NotFound, Unauthorized, Unprocessable, responses

router = APIRouter(prefix="/api/clients/{client_id}/wallets", tags=["clients"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Wallet,
    responses=responses(Unauthorized, Forbidden, NotFound, Conflict, Unprocessable),
)
async def add_wallet(
    client_id: uuid.UUID, body: WalletCreate, principal: CurrentPrincipal, db: DbConn
) -> Wallet:
    """Attach a wallet to the client (409 when it already belongs to a client)."""
    require_manageable(principal, client_id)
    return await service.add(db, Actor.of(principal), client_id, body)


@router.delete(
    "/{wallet_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(Unauthorized, Forbidden, NotFound),
)
async def remove_wallet(
    client_id: uuid.UUID, wallet_id: uuid.UUID, principal: CurrentPrincipal, db: DbConn
) -> None:
    """Detach a wallet from the client."""
    require_manageable(principal, client_id)
    await service.remove(db, Actor.of(principal), client_id, wallet_id)
