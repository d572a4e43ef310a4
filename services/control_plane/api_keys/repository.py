from __future__ import annotations

import uuid
from datetime import datetime

from services.control_plane.api_keys.records import EncryptedKey, KeyRecord
from services.control_plane.api_keys.secrets import EncryptedCredential
from shared.db import Connection

_SELECT = """
SELECT k.id, k.client_id, c.account_identifier AS account, k.exchange, k.label,
       k.api_key_masked, k.version, k.tracked_pairs, k.created_at, k.updated_at,
       s.version AS status_version, s.state, s.detail, s.checked_at
  FROM api_keys k
  JOIN clients c ON c.id = k.client_id
  LEFT JOIN connector_status s ON s.api_key_id = k.id
"""
_ENCRYPTED = (
    "SELECT id, client_id, exchange, version, key_version, api_key_enc, api_secret_enc, "
    "passphrase_enc, uid_enc FROM api_keys"
)


async def insert(
    connection: Connection,
    key_id: uuid.UUID,
    client_id: uuid.UUID,
    exchange: str,
    label: str,
    masked: str,
    encrypted: EncryptedCredential,
    tracked_pairs: list[str],
) -> None:
    blobs = encrypted.blobs
    await connection.execute(
        "INSERT INTO api_keys (id, client_id, exchange, label, api_key_masked, key_version, "
        "api_key_enc, api_secret_enc, passphrase_enc, uid_enc, tracked_pairs) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        key_id,
        client_id,
        exchange,
        label,
        masked,
        encrypted.key_version,
        blobs["api_key"],
        blobs["api_secret"],
        blobs["passphrase"],
        blobs["uid"],
        tracked_pairs,
    )


async def get(connection: Connection, client_id: uuid.UUID, key_id: uuid.UUID) -> KeyRecord | None:
    row = await connection.fetchrow(
        _SELECT + " WHERE k.id = $1 AND k.client_id = $2", key_id, client_id
    )
    return KeyRecord.model_validate(dict(row)) if row else None


async def for_client(connection: Connection, client_id: uuid.UUID) -> list[KeyRecord]:
    rows = await connection.fetch(
        _SELECT + " WHERE k.client_id = $1 ORDER BY k.created_at, k.id", client_id
    )
    return [KeyRecord.model_validate(dict(row)) for row in rows]


async def listing(
    connection: Connection, account: str | None, updated_since: datetime | None
) -> list[KeyRecord]:
    rows = await connection.fetch(
        _SELECT + " WHERE ($1::text IS NULL OR c.account_identifier = $1) "
        "AND ($2::timestamptz IS NULL OR k.updated_at >= $2) ORDER BY k.updated_at, k.id",
        account,
        updated_since,
    )
    return [KeyRecord.model_validate(dict(row)) for row in rows]


async def encrypted(connection: Connection, key_ids: list[uuid.UUID]) -> list[EncryptedKey]:
    rows = await connection.fetch(_ENCRYPTED + " WHERE id = ANY($1::uuid[])", key_ids)
    return [EncryptedKey.model_validate(dict(row)) for row in rows]


async def replace_secret(
    connection: Connection, key_id: uuid.UUID, masked: str, encrypted: EncryptedCredential
) -> None:
    await connection.execute(
        "UPDATE api_keys SET api_key_masked = $2 WHERE id = $1", key_id, masked
    )
    await store_encrypted(connection, key_id, encrypted)


async def store_encrypted(
    connection: Connection, key_id: uuid.UUID, encrypted: EncryptedCredential
) -> None:
    blobs = encrypted.blobs
    await connection.execute(
        "UPDATE api_keys SET key_version = $2, api_key_enc = $3, api_secret_enc = $4, "
        "passphrase_enc = $5, uid_enc = $6 WHERE id = $1",
        key_id,
        encrypted.key_version,
        blobs["api_key"],
        blobs["api_secret"],
        blobs["passphrase"],
        blobs["uid"],
    )


async def count_by_key_version(connection: Connection, current: int) -> tuple[int, int]:
    """(rows on keyring version `current`, rows on any other)."""
    row = await connection.fetchrow(
        "SELECT count(*) FILTER (WHERE key_version = $1) AS current, "
        "count(*) FILTER (WHERE key_version <> $1) AS stale FROM api_keys",
        current,
    )
    assert row is not None
    return row["current"], row["stale"]


async def lock_stale_batch(
    connection: Connection, current: int, skip: list[uuid.UUID], size: int
) -> list[EncryptedKey]:
    """Up to `size` rows not on keyring version `current`, locked; rows others hold are skipped."""
    rows = await connection.fetch(
        _ENCRYPTED + " WHERE key_version <> $1 AND NOT (id = ANY($2::uuid[])) "
        "ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED",
        current,
        skip,
        size,
    )
    return [EncryptedKey.model_validate(dict(row)) for row in rows]


async def reconfigure(
    connection: Connection,
    key_id: uuid.UUID,
    label: str | None,
    tracked_pairs: list[str] | None,
    bump_version: bool,
) -> None:
    """Change label and pairs (None keeps them); bump the version when the bridge must know."""
    await connection.execute(
        "UPDATE api_keys SET label = coalesce($2, label), "
        "tracked_pairs = coalesce($3, tracked_pairs), "
        "version = version + $4::int, updated_at = now() WHERE id = $1",
        key_id,
        label,
        tracked_pairs,
        1 if bump_version else 0,
    )


async def delete(connection: Connection, key_id: uuid.UUID) -> None:
    await connection.execute("DELETE FROM api_keys WHERE id = $1", key_id)
