"""Exchange API keys: add, replace, reconfigure, reinitialize, remove.

Every change the bridge must apply raises the key's version and writes a
`control.connector.configured` event and an audit entry in the same transaction. The secret is
encrypted before it reaches SQL and never appears in an event, an audit entry or a response.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from services.control_plane.api_keys import repository, secrets
from services.control_plane.api_keys.records import KeyRecord
from services.control_plane.api_keys.schemas import (
    ApiKeyCreate,
    ApiKeyReplace,
    ApiKeySecrets,
    ApiKeyUpdate,
)
from services.control_plane.audit import service as audit
from services.control_plane.audit.service import Actor
from services.control_plane.clients import repository as clients
from services.control_plane.exchanges.catalogue import require_supported
from shared.control_plane_client import Credential
from shared.db import Connection
from shared.errors import NotFound
from shared.events import ConnectorConfigured, ConnectorRemoved
from shared.keyring import Keyring
from shared.outbox import add_event


@dataclass(frozen=True)
class KeyChange:
    key: KeyRecord
    event_id: uuid.UUID | None  # the `configured` event the bridge answers (None: no new version)


def _credential(body: ApiKeySecrets) -> Credential:
    return Credential(
        api_key=body.api_key, api_secret=body.api_secret, passphrase=body.passphrase, uid=body.uid
    )


async def _existing(connection: Connection, client_id: uuid.UUID, key_id: uuid.UUID) -> KeyRecord:
    key = await repository.get(connection, client_id, key_id)
    if key is None:
        raise NotFound(f"api key {key_id} not found")
    return key


def _facts(key: KeyRecord) -> dict[str, Any]:
    """What the audit trail keeps about a key: never a secret."""
    return {
        "exchange": key.exchange,
        "version": key.version,
        "label": key.label,
        "api_key_masked": key.api_key_masked,
        "tracked_pairs": key.tracked_pairs,
    }


async def _configured(
    connection: Connection, actor: Actor, client_id: uuid.UUID, key_id: uuid.UUID, action: str
) -> KeyChange:
    key = await _existing(connection, client_id, key_id)
    event = ConnectorConfigured(
        connector_id=key.id,
        client_id=key.client_id,
        account=key.account,
        exchange=key.exchange,
        version=key.version,
        tracked_pairs=key.tracked_pairs,
    )
    envelope = await add_event(connection, event)
    await audit.record(connection, actor, action, ("api_key", key.id), client_id, **_facts(key))
    return KeyChange(key, envelope.id)


async def add(
    connection: Connection, keyring: Keyring, actor: Actor, client_id: uuid.UUID, body: ApiKeyCreate
) -> KeyChange:
    if await clients.get(connection, client_id) is None:
        raise NotFound(f"client {client_id} not found")
    exchange = require_supported(body.exchange, body.given_fields())
    key_id = uuid.uuid4()
    credential = _credential(body)
    await repository.insert(
        connection,
        key_id,
        client_id,
        exchange.id,
        body.label,
        secrets.mask(body.api_key.get_secret_value()),
        secrets.encrypt(keyring, client_id, key_id, credential),
        body.tracked_pairs,
    )
    return await _configured(connection, actor, client_id, key_id, "api_key.created")


async def replace(
    connection: Connection,
    keyring: Keyring,
    actor: Actor,
    client_id: uuid.UUID,
    key_id: uuid.UUID,
    body: ApiKeyReplace,
) -> KeyChange:
    key = await _existing(connection, client_id, key_id)
    require_supported(key.exchange, body.given_fields())
    await repository.replace_secret(
        connection,
        key_id,
        secrets.mask(body.api_key.get_secret_value()),
        secrets.encrypt(keyring, client_id, key_id, _credential(body)),
    )
    await repository.reconfigure(connection, key_id, body.label, body.tracked_pairs, True)
    return await _configured(connection, actor, client_id, key_id, "api_key.replaced")


async def reinitialize(
    connection: Connection, actor: Actor, client_id: uuid.UUID, key_id: uuid.UUID
) -> KeyChange:
    await _existing(connection, client_id, key_id)
    await repository.reconfigure(connection, key_id, None, None, True)
    return await _configured(connection, actor, client_id, key_id, "api_key.reinitialized")


async def update(
    connection: Connection,
    actor: Actor,
    client_id: uuid.UUID,
    key_id: uuid.UUID,
    body: ApiKeyUpdate,
) -> KeyChange:
    """Label and tracked pairs; a new version (and event) only when the pairs change."""
    key = await _existing(connection, client_id, key_id)
    pairs_changed = body.tracked_pairs is not None and body.tracked_pairs != key.tracked_pairs
    await repository.reconfigure(connection, key_id, body.label, body.tracked_pairs, pairs_changed)
    if pairs_changed:
        return await _configured(connection, actor, client_id, key_id, "api_key.updated")
    key = await _existing(connection, client_id, key_id)
    await audit.record(
        connection, actor, "api_key.updated", ("api_key", key.id), client_id, **_facts(key)
    )
    return KeyChange(key, None)


async def removal_event(connection: Connection, key: KeyRecord) -> None:
    await add_event(
        connection,
        ConnectorRemoved(
            connector_id=key.id, client_id=key.client_id, account=key.account, exchange=key.exchange
        ),
    )


async def remove(
    connection: Connection, actor: Actor, client_id: uuid.UUID, key_id: uuid.UUID
) -> None:
    key = await _existing(connection, client_id, key_id)
    await removal_event(connection, key)
    await audit.record(
        connection, actor, "api_key.deleted", ("api_key", key.id), client_id, **_facts(key)
    )
    await repository.delete(connection, key_id)
