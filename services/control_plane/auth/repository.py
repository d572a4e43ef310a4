"""Every SQL statement of the identity domain: admins, sign-in nonces, login rate windows."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel

from services.control_plane.auth.schemas import Admin
from shared.db import Connection


class StoredAdmin(Admin):
    password_hash: str


class StoredNonce(BaseModel):
    nonce: str
    address: str
    chain_id: int
    expires_at: datetime
    used_at: datetime | None


class LoginWindow(BaseModel):
    attempts: int
    retry_after_s: int


async def find_admin(conn: Connection, username: str) -> StoredAdmin | None:
    row = await conn.fetchrow(
        "SELECT id, username, created_at, password_hash FROM admins WHERE username = $1",
        username,
    )
    return StoredAdmin.model_validate(dict(row)) if row else None


async def upsert_admin(conn: Connection, username: str, password_hash: str) -> Admin:
    row = await conn.fetchrow(
        """INSERT INTO admins (username, password_hash) VALUES ($1, $2)
           ON CONFLICT (username)
           DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()
           RETURNING id, username, created_at""",
        username,
        password_hash,
    )
    assert row is not None
    return Admin.model_validate(dict(row))


async def insert_admin_if_absent(conn: Connection, username: str, password_hash: str) -> bool:
    """Create the admin unless that username exists (its password is left alone)."""
    created = await conn.fetchval(
        """INSERT INTO admins (username, password_hash) VALUES ($1, $2)
           ON CONFLICT (username) DO NOTHING
           RETURNING true""",
        username,
        password_hash,
    )
    return bool(created)


async def update_password_hash(conn: Connection, admin_id: uuid.UUID, password_hash: str) -> None:
    await conn.execute(
        "UPDATE admins SET password_hash = $2, updated_at = now() WHERE id = $1",
        admin_id,
        password_hash,
    )


async def insert_nonce(
    conn: Connection, nonce: str, address: str, chain_id: int, ttl_s: int
) -> datetime:
    """Store a nonce and return its expiry (computed by the database clock)."""
    expires_at: datetime = await conn.fetchval(
        """INSERT INTO login_nonces (nonce, address, chain_id, expires_at)
           VALUES ($1, $2, $3, now() + make_interval(secs => $4))
           RETURNING expires_at""",
        nonce,
        address,
        chain_id,
        float(ttl_s),
    )
    return expires_at


async def consume_nonce(conn: Connection, nonce: str, address: str, chain_id: int) -> bool:
    """Mark a live nonce issued for this wallet and chain used; False if none matched."""
    used = await conn.fetchval(
        """UPDATE login_nonces SET used_at = now()
           WHERE nonce = $1 AND address = $2 AND chain_id = $3
             AND used_at IS NULL AND expires_at > now()
           RETURNING true""",
        nonce,
        address,
        chain_id,
    )
    return bool(used)


async def find_nonce(conn: Connection, nonce: str) -> StoredNonce | None:
    row = await conn.fetchrow(
        "SELECT nonce, address, chain_id, expires_at, used_at FROM login_nonces WHERE nonce = $1",
        nonce,
    )
    return StoredNonce.model_validate(dict(row)) if row else None


async def delete_stale_nonces(conn: Connection, kept_for_s: int) -> None:
    """Forget nonces that expired more than `kept_for_s` ago (kept a while to explain replays)."""
    await conn.execute(
        "DELETE FROM login_nonces WHERE expires_at < now() - make_interval(secs => $1)",
        float(kept_for_s),
    )


async def count_attempt(conn: Connection, key: str, window_s: int) -> LoginWindow:
    """Count one attempt in the key's fixed window, opening a new window if the last one ended."""
    row = await conn.fetchrow(
        """INSERT INTO login_attempts AS a (key, window_start, attempts) VALUES ($1, now(), 1)
           ON CONFLICT (key) DO UPDATE SET
             attempts = CASE WHEN a.window_start > now() - make_interval(secs => $2)
                             THEN a.attempts + 1 ELSE 1 END,
             window_start = CASE WHEN a.window_start > now() - make_interval(secs => $2)
                                 THEN a.window_start ELSE now() END
           RETURNING attempts,
             greatest(1, ceil(extract(epoch FROM
               window_start + make_interval(secs => $2) - now())))::int AS retry_after_s""",
        key,
        float(window_s),
    )
    assert row is not None
    return LoginWindow.model_validate(dict(row))


async def delete_ended_windows(conn: Connection, window_s: int) -> None:
    await conn.execute(
        "DELETE FROM login_attempts WHERE window_start < now() - make_interval(secs => $1)",
        float(window_s),
    )
