from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from services.control_plane.access import require_manageable, require_visible
from services.control_plane.api_keys import repository, service
from services.control_plane.api_keys.presentation import present
from services.control_plane.api_keys.schemas import (
    ApiKeyCreate,
    ApiKeyList,
    ApiKeyReplace,
    ApiKeyUpdate,
    ApiKeyWritten,
)
from services.control_plane.api_keys.writer import KeyWriterDep
from services.control_plane.audit.service import Actor
from services.control_plane.clients import repository as clients
from services.control_plane.dependencies import KeyringDep
from shared.auth import CurrentPrincipal
from shared.db import DbConn
from shared.errors import (
    DependencyUnavailable,
    Forbidden,
    NotFound,
    Unauthorized,
    Unprocessable,
    responses,
)

router = APIRouter(prefix="/api/clients/{client_id}/api-keys", tags=["api keys"])

_READ_ERRORS = responses(Unauthorized, NotFound)
_WRITE_ERRORS = responses(Unauthorized, Forbidden, NotFound, Unprocessable, DependencyUnavailable)


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=ApiKeyWritten, responses=_WRITE_ERRORS
)
async def add_key(
    client_id: uuid.UUID,
    body: ApiKeyCreate,
    principal: CurrentPrincipal,
    keyring: KeyringDep,
    writer: KeyWriterDep,
) -> ApiKeyWritten:
    """Add an exchange key (encrypted at rest) and report whether the trading bridge took it.

    The key is saved whatever happens downstream. The answer waits briefly for the bridge's
    status of this version: `status` is `pending` when it has not reported, and
    `trading_bridge_warning` says why the bridge is not configured yet.
    """
    require_manageable(principal, client_id)
    actor = Actor.of(principal)
    return await writer.apply(lambda db: service.add(db, keyring, actor, client_id, body))


@router.get("", response_model=ApiKeyList, responses=_READ_ERRORS)
async def list_keys(client_id: uuid.UUID, principal: CurrentPrincipal, db: DbConn) -> ApiKeyList:
    """The client's keys, masked, each with the bridge's last status and error."""
    require_visible(principal, client_id)
    if await clients.get(db, client_id) is None:
        raise NotFound(f"client {client_id} not found")
    return ApiKeyList(items=[present(key) for key in await repository.for_client(db, client_id)])


@router.put("/{key_id}", response_model=ApiKeyWritten, responses=_WRITE_ERRORS)
async def replace_key(
    client_id: uuid.UUID,
    key_id: uuid.UUID,
    body: ApiKeyReplace,
    principal: CurrentPrincipal,
    keyring: KeyringDep,
    writer: KeyWriterDep,
) -> ApiKeyWritten:
    """Replace the key's credentials: same id, version + 1, the bridge re-validates."""
    require_manageable(principal, client_id)
    actor = Actor.of(principal)
    return await writer.apply(
        lambda db: service.replace(db, keyring, actor, client_id, key_id, body)
    )


@router.patch("/{key_id}", response_model=ApiKeyWritten, responses=_WRITE_ERRORS)
async def update_key(
    client_id: uuid.UUID,
    key_id: uuid.UUID,
    body: ApiKeyUpdate,
    principal: CurrentPrincipal,
    writer: KeyWriterDep,
) -> ApiKeyWritten:
    """Change the label or tracked pairs; new pairs mean a new version for the bridge."""
    require_manageable(principal, client_id)
    actor = Actor.of(principal)
    return await writer.apply(lambda db: service.update(db, actor, client_id, key_id, body))


@router.post("/{key_id}/reinitialize", response_model=ApiKeyWritten, responses=_WRITE_ERRORS)
async def reinitialize_key(
    client_id: uuid.UUID, key_id: uuid.UUID, principal: CurrentPrincipal, writer: KeyWriterDep
) -> ApiKeyWritten:
    """Version + 1 with the same credentials, so every consumer re-validates the key."""
    require_manageable(principal, client_id)
    actor = Actor.of(principal)
    return await writer.apply(lambda db: service.reinitialize(db, actor, client_id, key_id))


@router.delete(
    "/{key_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(Unauthorized, Forbidden, NotFound),
)
async def delete_key(
    client_id: uuid.UUID, key_id: uuid.UUID, principal: CurrentPrincipal, db: DbConn
) -> None:
    """Delete the key; the bridge is told to close its session."""
    require_manageable(principal, client_id)
    await service.remove(db, Actor.of(principal), client_id, key_id)
