"""The control plane's identity routes served over real HTTP, with clients made by its own code."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from eth_account import Account
from eth_account.messages import encode_defunct
from eth_account.signers.local import LocalAccount
from fastapi import FastAPI

from services.control_plane.app import MIGRATIONS
from services.control_plane.auth.endpoints import router
from services.control_plane.auth.service import bootstrap_admin
from services.control_plane.clients import repository as clients
from services.control_plane.settings import ControlPlaneSettings
from services.control_plane.wallets import repository as wallets
from services.control_plane.wallets.chains import parse_address
from shared.app import Runtime, create_service_app
from shared.auth import private_key_text
from shared.db import Pool
from tests.support.servers import serve


@dataclass
class AuthService:
    http: httpx.AsyncClient
    settings: ControlPlaneSettings
    pool: Pool


@asynccontextmanager
async def auth_service(
    database_url: str, nats_url: str, schema_suffix: str, **settings: Any
) -> AsyncIterator[AuthService]:
    """Serve the auth routes on a fresh `control_<suffix>` schema with all control migrations."""
    configured = ControlPlaneSettings(
        database_url=database_url,
        nats_url=nats_url,
        db_schema=f"control_{schema_suffix}",
        jwt_private_key=private_key_text(Ed25519PrivateKey.generate()),
        **settings,
    )

    @asynccontextmanager
    async def parts(_: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
        await bootstrap_admin(runtime.pool, configured)
        yield

    app = create_service_app(
        name="control-plane",
        title="Control plane (auth)",
        settings=configured,
        migrations=MIGRATIONS,
        routers=[router],
        parts=parts,
    )
    async with serve(app) as url, httpx.AsyncClient(base_url=url) as http:
        yield AuthService(http, configured, app.state.runtime.pool)


async def make_client(pool: Pool, *wallet_addresses: str, name: str = "Sharp Token") -> uuid.UUID:
    client_id = uuid.uuid4()
    async with pool.acquire() as conn, conn.transaction():
        await clients.insert(conn, client_id, name, f"acct-{client_id.hex[:12]}")
        for address in wallet_addresses:
            await wallets.insert(conn, client_id, parse_address("evm", address))
    return client_id


def new_wallet() -> LocalAccount:
    wallet: LocalAccount = Account.create()
    return wallet


def sign(wallet: LocalAccount, message: str) -> str:
    """An EIP-191 `personal_sign` signature, as a browser wallet makes it."""
    signed = Account.sign_message(encode_defunct(text=message), wallet.key)
    return "0x" + bytes(signed.signature).hex()
