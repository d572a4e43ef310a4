"""The audit trail: every mutation writes one entry in the transaction that makes it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from services.control_plane.audit import repository
from shared.auth import Principal
from shared.db import Connection
from shared.logging import current_request_id


@dataclass(frozen=True)
class Actor:
    subject: str
    role: str

    @classmethod
    def of(cls, principal: Principal) -> Actor:
        return cls(principal.subject, principal.role)


# Internal API callers (bridge, adapter) carry the service token, not a JWT.
SERVICE = Actor("internal-service", "service")


async def record(
    connection: Connection,
    actor: Actor,
    action: str,
    target: tuple[str, object],
    client_id: uuid.UUID | None,
    **details: Any,
) -> None:
    """Record `actor` doing `action` on `target` (type, id); `details` must hold no secret."""
    target_type, target_id = target
    await repository.insert(
        connection,
        actor_subject=actor.subject,
        actor_role=actor.role,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        client_id=client_id,
        request_id=current_request_id(),
        details=details,
    )
