"""A running control plane for tests: real HTTP, real PostgreSQL and NATS, tokens minted here.

    async with running_control_plane(database_url, nats_url, schema_suffix) as cp:
        client = await cp.create_client(name="Sharp", wallets=[WALLET])
        key = await cp.add_key(client["id"], api_key="k", api_secret="s")
        await cp.http.get("/api/clients", headers=cp.admin_headers())

Keys, the service token and the keyring are generated per instance. The bridge confirmation
wait defaults to 0.2 s here (tests that need the real wait pass `bridge_confirm_timeout_s`).
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI

from services.control_plane.app import create_app
from services.control_plane.auth.tokens import issue_token
from services.control_plane.settings import ControlPlaneSettings
from shared.auth import Principal, private_key_text
from shared.control_plane_client import ControlPlaneClient
from shared.keyring import Keyring
from tests.support.servers import serve

Json = dict[str, Any]


@dataclass
class RunningControlPlane:
    url: str
    app: FastAPI
    settings: ControlPlaneSettings
    http: httpx.AsyncClient

    @property
    def service_token(self) -> str:
        return self.settings.service_token.get_secret_value()

    @property
    def jwt_public_key(self) -> str:
        return self.settings.jwt_public_key

    def token(self, principal: Principal, ttl_s: int = 900) -> str:
        return issue_token(principal, self.settings.jwt_private_key.get_secret_value(), ttl_s)

    def admin_headers(self, subject: str = "admin") -> dict[str, str]:
        return bearer(self.token(Principal(subject=subject, role="admin")))

    def client_headers(self, client: Json) -> dict[str, str]:
        """Headers of a client token for `client` (a body returned by `create_client`)."""
        principal = Principal(
            subject=f"client:{client['id']}",
            role="client",
            client_id=uuid.UUID(str(client["id"])),
            account=client["account_identifier"],
        )
        return bearer(self.token(principal))

    def service_headers(self) -> dict[str, str]:
        return bearer(self.service_token)

    def internal_client(self) -> ControlPlaneClient:
        """The bridge's and adapter's client of /internal/* (close it, or use `async with`)."""
        return ControlPlaneClient(self.url, self.service_token)

    async def create_client(
        self,
        name: str = "Sharp Token",
        wallets: list[str] | None = None,
        account_identifier: str | None = None,
    ) -> Json:
        body: Json = {
            "name": name,
            "wallets": [{"chain": "evm", "address": w} for w in wallets or []],
        }
        if account_identifier:
            body["account_identifier"] = account_identifier
        response = await self.http.post("/api/clients", json=body, headers=self.admin_headers())
        response.raise_for_status()
        created: Json = response.json()
        return created

    async def add_key(
        self,
        client_id: object,
        exchange: str = "binance",
        api_key: str = "test-api-key-0001",
        api_secret: str = "test-api-secret-0001",  # noqa: S107 (a test value)
        tracked_pairs: list[str] | None = None,
        **fields: Any,
    ) -> Json:
        """POST an exchange key; `fields` may add passphrase, uid, label."""
        body: Json = {
            "exchange": exchange,
            "api_key": api_key,
            "api_secret": api_secret,
            "tracked_pairs": tracked_pairs or [],
            **fields,
        }
        response = await self.http.post(
            f"/api/clients/{client_id}/api-keys", json=body, headers=self.admin_headers()
        )
        response.raise_for_status()
        added: Json = response.json()
        return added


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def control_plane_settings(
    database_url: str, nats_url: str, schema_suffix: str, **overrides: Any
) -> ControlPlaneSettings:
    values: Json = {
        "database_url": database_url,
        "nats_url": nats_url,
        "db_schema": f"control_{schema_suffix}",
        "jwt_private_key": private_key_text(Ed25519PrivateKey.generate()),
        "keyring": f"{Keyring.generate_entry(2)},{Keyring.generate_entry(1)}",
        "service_token": secrets.token_urlsafe(24),
        "bridge_confirm_timeout_s": 0.2,
        "outbox_poll_interval_s": 0.2,
        **overrides,
    }
    return ControlPlaneSettings(**values)


@asynccontextmanager
async def running_control_plane(
    database_url: str,
    nats_url: str,
    schema_suffix: str,
    *,
    wait_for_nats: bool = True,
    **overrides: Any,
) -> AsyncIterator[RunningControlPlane]:
    """Serve a control plane on a free port; `overrides` are ControlPlaneSettings fields."""
    settings = control_plane_settings(database_url, nats_url, schema_suffix, **overrides)
    app = create_app(settings)
    async with serve(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as http:
        if wait_for_nats:
            await app.state.runtime.bus.wait_ready(10)
        yield RunningControlPlane(url=url, app=app, settings=settings, http=http)
