from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from services.control_plane.audit import repository
from services.control_plane.audit.schemas import AuditPage
from shared.auth import AdminOnly
from shared.db import DbConn
from shared.errors import Forbidden, Unauthorized, responses

router = APIRouter(prefix="/api/audit", tags=["audit"])


@router.get("", response_model=AuditPage, responses=responses(Unauthorized, Forbidden))
async def list_audit(
    _: AdminOnly,
    db: DbConn,
    client_id: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> AuditPage:
    """Latest audit entries, newest first (admin): who did what to which client and key."""
    return AuditPage(entries=await repository.latest(db, client_id, limit))
