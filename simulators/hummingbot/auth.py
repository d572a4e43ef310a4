"""HTTP Basic auth with one user, as hummingbot-api does."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPBasic, HTTPBasicCredentials

basic = HTTPBasic()


@dataclass(frozen=True)
class ApiUser:
    username: str
    password: str

    def matches(self, credentials: HTTPBasicCredentials) -> bool:
        username_ok = secrets.compare_digest(credentials.username.encode(), self.username.encode())
        password_ok = secrets.compare_digest(credentials.password.encode(), self.password.encode())
        return username_ok and password_ok


def require_user(
    request: Request, credentials: Annotated[HTTPBasicCredentials, Depends(basic)]
) -> str:
    user: ApiUser = request.app.state.api_user
    if not user.matches(credentials):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect username or password",
            headers={"WWW-Authenticate": "Basic"},
        )
    return credentials.username
