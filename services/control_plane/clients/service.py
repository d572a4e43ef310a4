"""Clients: creation with their wallets in one transaction, lookup, cascade deletion."""

from __future__ import annotations

import uuid

from services.control_plane.access import is_visible
from services.control_plane.api_keys import repository as api_keys
from services.control_plane.api_keys.service import removal_event
from services.control_plane.audit import service as audit
from services.control_plane.audit.service import Actor
from services.control_plane.clients import accounts, repository
from services.control_plane.clients.schemas import Client, ClientCreate
from services.control_plane.wallets import service as wallets
from services.control_plane.wallets.chains import InvalidAddress, parse_any
from shared.auth import Principal
from shared.db import Connection
from shared.errors import NotFound, Unprocessable
from shared.events import ClientCreated, ClientDeleted
from shared.outbox import add_event


async def get(connection: Connection, client_id: uuid.UUID) -> Client:
    client = await repository.get(connection, client_id)
    if client is None:
        raise NotFound(f"client {client_id} not found")
    return client


async def by_wallet(
    connection: Connection, address: str, viewer: Principal | None = None
) -> Client:
    """The wallet's client; for a `viewer` who may not see that client, as if none had it
    (so a client token cannot learn another client's id from a wallet address)."""
    try:
        parsed = parse_any(address)
    except InvalidAddress as exc:
        raise Unprocessable(str(exc)) from None
    client = await repository.by_wallet(connection, parsed.key)
    if client is None or (viewer is not None and not is_visible(viewer, client.id)):
        raise NotFound(f"no client has wallet {parsed.display}")
    return client


async def _account_for(connection: Connection, body: ClientCreate) -> str:
    if body.account_identifier:
        return body.account_identifier
    base = accounts.slugify(body.name)
    return accounts.first_free(base, await repository.accounts_starting_with(connection, base))


async def create(connection: Connection, actor: Actor, body: ClientCreate) -> Client:
    addresses = wallets.parse_new(body.wallets)
    client_id = uuid.uuid4()
    account = await _account_for(connection, body)
    await repository.insert(connection, client_id, body.name, account)
    for address in addresses:
        await wallets.attach(connection, client_id, address)
    await add_event(connection, ClientCreated(client_id=client_id, account=account, name=body.name))
    await audit.record(
        connection,
        actor,
        "client.created",
        ("client", client_id),
        client_id,
        name=body.name,
        account=account,
        wallets=[a.display for a in addresses],
    )
    return await get(connection, client_id)


async def delete(connection: Connection, actor: Actor, client_id: uuid.UUID) -> None:
    """Delete the client, its wallets and keys; tell consumers each key is gone, then the client."""
    client = await get(connection, client_id)
    keys = await api_keys.for_client(connection, client_id)
    for key in keys:
        await removal_event(connection, key)
    await add_event(
        connection,
        ClientDeleted(client_id=client.id, account=client.account_identifier, name=client.name),
    )
    await audit.record(
        connection,
        actor,
        "client.deleted",
        ("client", client_id),
        client_id,
        name=client.name,
        account=client.account_identifier,
        api_keys_removed=[str(key.id) for key in keys],
    )
    await repository.delete(connection, client_id)
