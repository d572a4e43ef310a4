"""Which account a request reads, and its sessions: one dependency for every read endpoint.

- `RequestedAccount`: `?account=` (optional for a client token, which reads its own account;
  required for an admin). Another client's account, or one the control plane does not know,
  answers 404.
- `WalletAccount`: the seed-compatible `?wallet_address=`, resolved by the control plane to
  its client's account; allowed for that client or an admin, otherwise 404.

Both give an `AccountScope` (the account and its sessions, loaded on first ask), so an endpoint
never sees an account the caller may not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

from services.trading_bridge.dependencies import ControlPlane, Sessions
from services.trading_bridge.sessions import ConnectorSession, SessionRegistry, UnknownAccount
from shared.auth import CurrentPrincipal, scoped_account
from shared.control_plane_client import ControlPlaneUnavailable
from shared.errors import DependencyUnavailable, NotFound

ACCOUNT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.@:-]{0,127}$"
WALLET_PATTERN = r"^[A-Za-z0-9]{20,128}$"


@dataclass(frozen=True)
class AccountScope:
    account: str
    sessions: list[ConnectorSession]


async def account_scope(registry: SessionRegistry, account: str) -> AccountScope:
    """The account's sessions; 404 when the control plane does not know the account."""
    try:
        sessions = await registry.for_account(account)
    except UnknownAccount:
        raise NotFound(f"account {account!r} not found") from None
    except ControlPlaneUnavailable:
        raise DependencyUnavailable("the control plane is unavailable") from None
    return AccountScope(account, sessions)


async def requested_account(
    principal: CurrentPrincipal,
    registry: Sessions,
    account: Annotated[
        str | None,
        Query(pattern=ACCOUNT_PATTERN, description="required for an admin token"),
    ] = None,
) -> AccountScope:
    return await account_scope(registry, scoped_account(principal, account))


async def wallet_account(
    principal: CurrentPrincipal,
    registry: Sessions,
    control_plane: ControlPlane,
    wallet_address: Annotated[str, Query(pattern=WALLET_PATTERN)],
) -> AccountScope:
    try:
        owner = await control_plane.account_for_wallet(wallet_address)
    except ControlPlaneUnavailable:
        raise DependencyUnavailable("the control plane is unavailable") from None
    if owner is None or not principal.can_see(owner.account):
        raise NotFound(f"wallet {wallet_address!r} not found")
    return await account_scope(registry, owner.account)


RequestedAccount = Annotated[AccountScope, Depends(requested_account)]
WalletAccount = Annotated[AccountScope, Depends(wallet_account)]
