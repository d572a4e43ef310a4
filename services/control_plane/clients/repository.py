from __future__ import annotations

import json
import uuid

import asyncpg

from services.control_plane.clients.schemas import Client
from shared.db import Connection
from shared.errors import Conflict

# One row per client with its wallets aggregated, so every read is a single query.
_SELECT = """
SELECT c.id, c.name, c.account_identifier, c.created_at,
       (SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'id', w.id, 'chain', w.chain, 'address', w.address, 'created_at', w.created_at)
                 ORDER BY w.created_at, w.id), '[]'::jsonb)
          FROM wallets w WHERE w.client_id = c.id) AS wallets
  FROM clients c
"""


def _client(row: asyncpg.Record) -> Client:
    return Client.model_validate({**row, "wallets": json.loads(row["wallets"])})


async def insert(connection: Connection, client_id: uuid.UUID, name: str, account: str) -> None:
    try:
        await connection.execute(
            "INSERT INTO clients (id, name, account_identifier) VALUES ($1, $2, $3)",
            client_id,
            name,
            account,
        )
    except asyncpg.UniqueViolationError:
        raise Conflict(f"account identifier {account!r} is already taken") from None


async def accounts_starting_with(connection: Connection, prefix: str) -> set[str]:
    rows = await connection.fetch(
        "SELECT account_identifier FROM clients WHERE starts_with(account_identifier, $1)", prefix
    )
    return {row["account_identifier"] for row in rows}


async def get(connection: Connection, client_id: uuid.UUID) -> Client | None:
    row = await connection.fetchrow(_SELECT + " WHERE c.id = $1", client_id)
    return _client(row) if row else None


async def by_account(connection: Connection, account: str) -> Client | None:
    row = await connection.fetchrow(_SELECT + " WHERE c.account_identifier = $1", account)
    return _client(row) if row else None


async def by_wallet(connection: Connection, address_key: str) -> Client | None:
    row = await connection.fetchrow(
        _SELECT + " WHERE c.id = (SELECT client_id FROM wallets WHERE address_key = $1)",  # noqa: S608
        address_key,
    )
    return _client(row) if row else None


async def page(connection: Connection, limit: int, offset: int) -> tuple[list[Client], int]:
    rows = await connection.fetch(
        _SELECT + " ORDER BY c.created_at, c.id LIMIT $1 OFFSET $2", limit, offset
    )
    total: int = await connection.fetchval("SELECT count(*) FROM clients")
    return [_client(row) for row in rows], total


async def delete(connection: Connection, client_id: uuid.UUID) -> None:
    await connection.execute("DELETE FROM clients WHERE id = $1", client_id)
