"""Access tokens: Ed25519 JWTs issued by the control plane, verified locally by every service.

Claims: `iss=control-plane`, `aud=trading-api`, `sub`, `role` (`admin` or `client`), and for a
client its `client_id` and `account`. No service trusts a header a gateway could have added;
each verifies the signature with the control plane's public key (setting `JWT_PUBLIC_KEY`).
`/internal/*` routes take the shared service token instead (`INTERNAL_SERVICE_TOKEN`).
"""

from __future__ import annotations

import base64
import hmac
import uuid
from functools import lru_cache
from typing import Annotated, Literal

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from shared.errors import Forbidden, NotFound, Unauthorized, Unprocessable

ISSUER = "control-plane"
AUDIENCE = "trading-api"
ALGORITHM = "EdDSA"

Role = Literal["admin", "client"]


class Principal(BaseModel):
    subject: str
    role: Role
    client_id: uuid.UUID | None = None
    account: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def can_see(self, account: str) -> bool:
        return self.is_admin or self.account == account


def private_key_text(key: Ed25519PrivateKey) -> str:
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return base64.b64encode(raw).decode()


def public_key_text(key: Ed25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def load_private_key(text: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(text))


@lru_cache(maxsize=8)
def load_public_key(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text))


def decode_token(token: str, public_key: str) -> Principal:
    if not public_key:
        raise Unauthorized("token verification key is not configured")
    try:
        claims = jwt.decode(
            token,
            load_public_key(public_key),
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthorized("token expired") from None
    except jwt.PyJWTError:
        raise Unauthorized("invalid token") from None
    try:
        return Principal(
            subject=claims["sub"],
            role=claims.get("role"),
            client_id=claims.get("client_id"),
            account=claims.get("account"),
        )
    except ValueError:
        raise Unauthorized("invalid token claims") from None


_bearer = HTTPBearer(auto_error=False)
BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _public_key(request: Request) -> str:
    return str(request.app.state.runtime.settings.jwt_public_key)


async def current_principal(request: Request, credentials: BearerCredentials) -> Principal:
    if credentials is None:
        raise Unauthorized("missing bearer token")
    return decode_token(credentials.credentials, _public_key(request))


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


async def require_admin(principal: CurrentPrincipal) -> Principal:
    if not principal.is_admin:
        raise Forbidden("admin role required")
    return principal


AdminOnly = Annotated[Principal, Depends(require_admin)]
ClientOrAdmin = CurrentPrincipal


def scoped_account(principal: Principal, account: str | None) -> str:
    """The account a request reads: a client's own, or the one an admin names.

    A client naming another account gets 404, as if it did not exist.
    """
    if principal.is_admin:
        if not account:
            raise Unprocessable("account is required for an admin token")
        return account
    assert principal.account is not None
    if account and account != principal.account:
        raise NotFound(f"account {account!r} not found")
    return principal.account


async def require_service(request: Request, credentials: BearerCredentials) -> None:
    expected = request.app.state.runtime.settings.service_token.get_secret_value()
    given = credentials.credentials if credentials else ""
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized("service token required")


ServiceOnly = Depends(require_service)
