"""Who may reach which client: admins everything, a client token its own client only.

Another client's resources answer 404 (as if they did not exist), never 403, so ids cannot be
probed. Mutations are for admins: a client token changing its own client gets 403.
"""

from __future__ import annotations

import uuid

from shared.auth import Principal
from shared.errors import Forbidden, NotFound


def _is_own(principal: Principal, client_id: uuid.UUID) -> bool:
    return principal.client_id is not None and principal.client_id == client_id


def is_visible(principal: Principal, client_id: uuid.UUID) -> bool:
    return principal.is_admin or _is_own(principal, client_id)


def require_visible(principal: Principal, client_id: uuid.UUID) -> None:
    if not is_visible(principal, client_id):
        raise NotFound(f"client {client_id} not found")


def require_manageable(principal: Principal, client_id: uuid.UUID) -> None:
    require_visible(principal, client_id)
    if not principal.is_admin:
        raise Forbidden("only an admin can change clients and keys")
