"""Login routes: admin password, Sign-In With Ethereum, and who the caller is."""

from __future__ import annotations

from fastapi import APIRouter

from services.control_plane.auth import service
from services.control_plane.auth.schemas import (
    AccessToken,
    AdminCredentials,
    ClientAccessToken,
    Me,
    NonceRequest,
    SignInChallenge,
    SiweCredentials,
)
from services.control_plane.auth.throttle import Throttle
from services.control_plane.dependencies import SettingsDep
from shared.auth import CurrentPrincipal
from shared.db import DbConn
from shared.errors import (
    DependencyUnavailable,
    TooManyRequests,
    Unauthorized,
    Unprocessable,
    responses,
)

router = APIRouter(prefix="/api/auth", tags=["auth"])


@router.post(
    "/admin/token",
    response_model=AccessToken,
    responses=responses(Unauthorized, TooManyRequests, DependencyUnavailable),
)
async def admin_token(
    credentials: AdminCredentials, db: DbConn, throttle: Throttle, settings: SettingsDep
) -> AccessToken:
    """Log an operator in with username and password; answers a bearer access token.

    A wrong username and a wrong password answer the same 401.
    """
    await throttle.check("admin-token", credentials.username)
    return await service.admin_login(db, settings, credentials)


@router.post(
    "/siwe/nonce",
    response_model=SignInChallenge,
    responses=responses(Unprocessable, TooManyRequests),
)
async def siwe_nonce(
    body: NonceRequest, db: DbConn, throttle: Throttle, settings: SettingsDep
) -> SignInChallenge:
    """Start a Sign-In With Ethereum (EIP-4361): a single-use nonce and the message to sign.

    The wallet signs `message` verbatim (EIP-191 `personal_sign`) before `expires_at` and sends it
    to `/api/auth/siwe/login`.
    """
    await throttle.check("siwe-nonce", body.address)
    return await service.issue_challenge(db, settings, body)


@router.post(
    "/siwe/login",
    response_model=ClientAccessToken,
    responses=responses(Unauthorized, TooManyRequests, DependencyUnavailable),
)
async def siwe_login(
    credentials: SiweCredentials, db: DbConn, throttle: Throttle, settings: SettingsDep
) -> ClientAccessToken:
    """Finish a Sign-In With Ethereum: verify the signed message and answer a client token.

    Refused with 401 and the reason when the signature does not match the message, the domain or
    chain is not this installation's, the nonce is unknown, used or expired, or the wallet
    belongs to no client.
    """
    await throttle.check("siwe-login")
    return await service.sign_in_with_ethereum(db, settings, throttle, credentials)


@router.get("/me", response_model=Me, responses=responses(Unauthorized))
async def me(principal: CurrentPrincipal, db: DbConn) -> Me:
    """The caller as its access token names it: role, subject, and for a client its account."""
    return await service.describe(db, principal)
