from __future__ import annotations

import uuid

import asyncpg

from services.control_plane.wallets.chains import Address
from services.control_plane.wallets.schemas import Wallet
from shared.db import Connection
from shared.errors import Conflict


async def insert(connection: Connection, client_id: uuid.UUID, address: Address) -> Wallet:
    try:
        row = await connection.fetchrow(
            "INSERT INTO wallets (id, client_id, chain, address, address_key) "
            "VALUES ($1, $2, $3, $4, $5) RETURNING id, chain, address, created_at",
            uuid.uuid4(),
            client_id,
            address.chain,
            address.display,
            address.key,
        )
    except asyncpg.UniqueViolationError:
        raise Conflict(f"wallet {address.display} already belongs to a client") from None
    assert row is not None
    return Wallet.model_validate(dict(row))


async def delete(
    connection: Connection, client_id: uuid.UUID, wallet_id: uuid.UUID
) -> Wallet | None:
    row = await connection.fetchrow(
        "DELETE FROM wallets WHERE id = $1 AND client_id = $2 "
        "RETURNING id, chain, address, created_at",
        wallet_id,
        client_id,
    )
    return Wallet.model_validate(dict(row)) if row else None
