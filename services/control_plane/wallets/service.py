"""Wallets: validated per chain, shown EIP-55, unique across clients."""

from __future__ import annotations

import uuid

from services.control_plane.audit import service as audit
from services.control_plane.audit.service import Actor
from services.control_plane.clients import repository as clients
from services.control_plane.wallets import repository
from services.control_plane.wallets.chains import Address, InvalidAddress, parse_address
from services.control_plane.wallets.schemas import Wallet, WalletCreate
from shared.db import Connection
from shared.errors import NotFound, Unprocessable


def parse(wallet: WalletCreate) -> Address:
    try:
        return parse_address(wallet.chain, wallet.address)
    except InvalidAddress as exc:
        raise Unprocessable(str(exc)) from None


def parse_new(wallets: list[WalletCreate]) -> list[Address]:
    """Every address of a request, valid and listed once."""
    addresses = [parse(wallet) for wallet in wallets]
    keys = [address.key for address in addresses]
    if duplicated := sorted({a.display for a in addresses if keys.count(a.key) > 1}):
        raise Unprocessable(f"wallet listed more than once: {', '.join(duplicated)}")
    return addresses


async def attach(connection: Connection, client_id: uuid.UUID, address: Address) -> Wallet:
    return await repository.insert(connection, client_id, address)


async def add(
    connection: Connection, actor: Actor, client_id: uuid.UUID, body: WalletCreate
) -> Wallet:
    if await clients.get(connection, client_id) is None:
        raise NotFound(f"client {client_id} not found")
    wallet = await attach(connection, client_id, parse(body))
    await audit.record(
        connection, actor, "wallet.added", ("wallet", wallet.id), client_id, address=wallet.address
    )
    return wallet


async def remove(
    connection: Connection, actor: Actor, client_id: uuid.UUID, wallet_id: uuid.UUID
) -> None:
    wallet = await repository.delete(connection, client_id, wallet_id)
    if wallet is None:
        raise NotFound(f"wallet {wallet_id} not found")
    await audit.record(
        connection,
        actor,
        "wallet.removed",
        ("wallet", wallet.id),
        client_id,
        address=wallet.address,
    )
