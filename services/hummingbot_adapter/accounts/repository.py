"""SQL of the account projection: accounts and connectors as the control plane announced them."""

from __future__ import annotations

import uuid

from services.hummingbot_adapter.accounts.schemas import Account, Connector
from shared.db import Connection


async def get_account(conn: Connection, account: str) -> Account | None:
    row = await conn.fetchrow(
        "SELECT account, client_id, name, on_host, deleted_at FROM accounts WHERE account = $1",
        account,
    )
    return Account.model_validate(dict(row)) if row else None


async def upsert_account(conn: Connection, client_id: uuid.UUID, account: str, name: str) -> None:
    """Record a live account. A deleted client's tombstone is never revived by a late event;
    the same slug given to a new client is."""
    await conn.execute(
        "INSERT INTO accounts (account, client_id, name) VALUES ($1, $2, $3) "
        "ON CONFLICT (account) DO UPDATE SET client_id = EXCLUDED.client_id, "
        "name = EXCLUDED.name, deleted_at = NULL, updated_at = now() "
        "WHERE accounts.deleted_at IS NULL OR accounts.client_id <> EXCLUDED.client_id",
        account,
        client_id,
        name,
    )


async def mark_account_deleted(conn: Connection, client_id: uuid.UUID, account: str) -> bool:
    """Tombstone the account; False when it was already deleted."""
    status = await conn.execute(
        "INSERT INTO accounts (account, client_id, deleted_at) VALUES ($1, $2, now()) "
        "ON CONFLICT (account) DO UPDATE SET deleted_at = now(), updated_at = now() "
        "WHERE accounts.deleted_at IS NULL AND accounts.client_id = EXCLUDED.client_id",
        account,
        client_id,
    )
    return bool(status.endswith(" 1"))


async def set_on_host(conn: Connection, account: str, on_host: bool) -> None:
    await conn.execute("UPDATE accounts SET on_host = $2 WHERE account = $1", account, on_host)


async def deleted_accounts_on_host(conn: Connection) -> list[str]:
    """Deleted accounts whose credentials profile is still on the host and have no bots left."""
    rows = await conn.fetch(
        "SELECT account FROM accounts a WHERE deleted_at IS NOT NULL AND on_host "
        "AND NOT EXISTS (SELECT 1 FROM bots b WHERE b.account = a.account)"
    )
    return [row["account"] for row in rows]


async def accounts_with_bots(conn: Connection) -> list[str]:
    rows = await conn.fetch(
        "SELECT DISTINCT b.account FROM bots b JOIN accounts a USING (account) "
        "WHERE a.deleted_at IS NULL"
    )
    return [row["account"] for row in rows]


async def get_connector(conn: Connection, connector_id: uuid.UUID) -> Connector | None:
    row = await conn.fetchrow(
        "SELECT connector_id, client_id, account, exchange, version, removed_at FROM connectors "
        "WHERE connector_id = $1",
        connector_id,
    )
    return Connector.model_validate(dict(row)) if row else None


async def account_connectors(conn: Connection, account: str) -> list[Connector]:
    rows = await conn.fetch(
        "SELECT connector_id, client_id, account, exchange, version, removed_at FROM connectors "
        "WHERE account = $1 AND removed_at IS NULL ORDER BY exchange, connector_id",
        account,
    )
    return [Connector.model_validate(dict(row)) for row in rows]


async def live_connector_ids(conn: Connection) -> set[uuid.UUID]:
    rows = await conn.fetch("SELECT connector_id FROM connectors WHERE removed_at IS NULL")
    return {row["connector_id"] for row in rows}


async def upsert_connector(
    conn: Connection,
    connector_id: uuid.UUID,
    client_id: uuid.UUID,
    account: str,
    exchange: str,
    version: int,
) -> bool:
    """Record a connector version; False (nothing changed) when it is not newer than ours, or
    the connector was removed (a removal is final: a late `configured` never revives it)."""
    status = await conn.execute(
        "INSERT INTO connectors (connector_id, client_id, account, exchange, version) "
        "VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (connector_id) DO UPDATE SET account = EXCLUDED.account, "
        "exchange = EXCLUDED.exchange, version = EXCLUDED.version, updated_at = now() "
        "WHERE connectors.version < EXCLUDED.version AND connectors.removed_at IS NULL",
        connector_id,
        client_id,
        account,
        exchange,
        version,
    )
    return bool(status.endswith(" 1"))


async def mark_connector_removed(
    conn: Connection, connector_id: uuid.UUID, client_id: uuid.UUID, account: str, exchange: str
) -> bool:
    """Tombstone the connector; False when it was already removed."""
    status = await conn.execute(
        "INSERT INTO connectors (connector_id, client_id, account, exchange, removed_at) "
        "VALUES ($1, $2, $3, $4, now()) "
        "ON CONFLICT (connector_id) DO UPDATE SET removed_at = now(), updated_at = now() "
        "WHERE connectors.removed_at IS NULL",
        connector_id,
        client_id,
        account,
        exchange,
    )
    return bool(status.endswith(" 1"))


async def mark_account_connectors_removed(conn: Connection, account: str) -> None:
    await conn.execute(
        "UPDATE connectors SET removed_at = now(), updated_at = now() "
        "WHERE account = $1 AND removed_at IS NULL",
        account,
    )
