"""The last connector status the bridge reported per key (newest version and check wins)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel

from shared.db import Connection
from shared.events import ConnectorStatus

MAX_DETAIL = 1000


class StoredStatus(BaseModel):
    version: int
    state: str
    detail: str
    checked_at: datetime


async def record(connection: Connection, status: ConnectorStatus) -> bool:
    """Keep `status` unless the key is gone, or it is older than the key or the stored status."""
    stored = await connection.fetchval(
        """
        INSERT INTO connector_status (api_key_id, version, state, detail, checked_at)
        SELECT k.id, $2, $3, $4, $5 FROM api_keys k WHERE k.id = $1 AND k.version <= $2
        ON CONFLICT (api_key_id) DO UPDATE
           SET version = EXCLUDED.version, state = EXCLUDED.state, detail = EXCLUDED.detail,
               checked_at = EXCLUDED.checked_at, received_at = now()
         WHERE (connector_status.version, connector_status.checked_at)
               <= (EXCLUDED.version, EXCLUDED.checked_at)
        RETURNING api_key_id
        """,
        status.connector_id,
        status.version,
        status.state,
        status.detail[:MAX_DETAIL],
        status.checked_at,
    )
    return stored is not None


async def get(connection: Connection, key_id: uuid.UUID) -> StoredStatus | None:
    row = await connection.fetchrow(
        "SELECT version, state, detail, checked_at FROM connector_status WHERE api_key_id = $1",
        key_id,
    )
    return StoredStatus.model_validate(dict(row)) if row else None


async def event_published(connection: Connection, event_id: uuid.UUID) -> bool:
    published = await connection.fetchval(
        "SELECT published_at IS NOT NULL FROM outbox WHERE event_id = $1", event_id
    )
    return bool(published)
