from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel


class AuditEntry(BaseModel):
    id: int
    occurred_at: datetime
    actor_subject: str
    actor_role: str
    action: str
    target_type: str
    target_id: str
    client_id: uuid.UUID | None
    request_id: str
    details: dict[str, Any]


class AuditPage(BaseModel):
    entries: list[AuditEntry]
