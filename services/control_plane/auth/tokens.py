"""Issuing access tokens (verification lives in shared/auth.py, for every service)."""

from __future__ import annotations

import time
import uuid

import jwt

from shared.auth import ALGORITHM, AUDIENCE, ISSUER, Principal, load_private_key


def issue_token(principal: Principal, private_key: str, ttl_s: int) -> str:
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": principal.subject,
        "role": principal.role,
        "iat": now,
        "exp": now + ttl_s,
        "jti": uuid.uuid4().hex,
    }
    if principal.client_id is not None:
        claims["client_id"] = str(principal.client_id)
        claims["account"] = principal.account
    return jwt.encode(claims, load_private_key(private_key), algorithm=ALGORITHM)
