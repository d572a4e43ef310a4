from __future__ import annotations

import json
import uuid
from typing import Any

from services.control_plane.audit.schemas import AuditEntry
from shared.db import Connection


async def insert(
    connection: Connection,
    *,
    actor_subject: str,
    actor_role: str,
    action: str,
    target_type: str,
    target_id: str,
    client_id: uuid.UUID | None,
    request_id: str,
    details: dict[str, Any],
) -> None:
    await connection.execute(
        "INSERT INTO audit_log (actor_subject, actor_role, action, target_type, target_id, "
        "client_id, request_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)",
        actor_subject,
        actor_role,
        action,
        target_type,
        target_id,
        client_id,
        request_id,
        json.dumps(details, default=str),
    )


async def latest(
    connection: Connection, client_id: uuid.UUID | None, limit: int
) -> list[AuditEntry]:
    rows = await connection.fetch(
        "SELECT * FROM audit_log WHERE $1::uuid IS NULL OR client_id = $1 "
        "ORDER BY id DESC LIMIT $2",
        client_id,
        limit,
    )
    return [
        AuditEntry.model_validate({**row, "details": json.loads(row["details"])}) for row in rows
    ]
