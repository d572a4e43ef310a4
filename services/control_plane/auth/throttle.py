"""Login rate limiting: a fixed window per key in PostgreSQL, so every replica shares the count.

Each login endpoint counts an attempt under two keys, the caller's IP and the name being tried
(a username or a wallet address), in its own short transaction: a failed login still counts.
The IP is uvicorn's view of the peer, which honours `X-Forwarded-For` only from the proxies
listed in `FORWARDED_ALLOW_IPS` (default 127.0.0.1, where the gateway runs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from services.control_plane.auth import repository
from shared.db import Pool
from shared.errors import TooManyRequests

WINDOW_S = 60


@dataclass(frozen=True)
class LoginThrottle:
    pool: Pool
    limit: int
    client_ip: str

    async def check(self, endpoint: str, name: str | None = None) -> None:
        """Count this attempt for the caller's IP (and `name`); 429 if either is over the limit."""
        keys = [f"{endpoint}:ip:{self.client_ip}"]
        if name is not None:
            keys.append(f"{endpoint}:name:{name.lower()}")
        await self._count(keys)

    async def check_name(self, endpoint: str, name: str) -> None:
        """Count this attempt for `name` alone (its IP was counted when the request arrived)."""
        await self._count([f"{endpoint}:name:{name.lower()}"])

    async def _count(self, keys: list[str]) -> None:
        async with self.pool.acquire() as conn:
            windows = [await repository.count_attempt(conn, key, WINDOW_S) for key in keys]
            if any(window.attempts == 1 for window in windows):
                await repository.delete_ended_windows(conn, WINDOW_S)
        refused = [window for window in windows if window.attempts > self.limit]
        if refused:
            retry_after_s = max(window.retry_after_s for window in refused)
            raise TooManyRequests(
                f"too many login attempts: at most {self.limit} a minute; "
                f"retry in {retry_after_s} s",
                retry_after_s=retry_after_s,
            )


def login_throttle(request: Request) -> LoginThrottle:
    runtime = request.app.state.runtime
    client_ip = request.client.host if request.client else "unknown"
    return LoginThrottle(runtime.pool, runtime.settings.login_rate_per_minute, client_ip)


Throttle = Annotated[LoginThrottle, Depends(login_throttle)]
