"""Control plane: the FastAPI app factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from services.control_plane.api_keys.confirmation import BridgeConfirmations
from services.control_plane.api_keys.endpoints import router as api_keys
from services.control_plane.audit.endpoints import router as audit
from services.control_plane.auth.endpoints import router as auth
from services.control_plane.auth.service import bootstrap_admin
from services.control_plane.clients.endpoints import router as clients
from services.control_plane.consumers import consume_status
from services.control_plane.exchanges.endpoints import router as exchanges
from services.control_plane.internal.endpoints import router as internal
from services.control_plane.settings import ControlPlaneSettings
from services.control_plane.wallets.endpoints import router as wallets
from shared.app import Runtime, create_service_app
from shared.keyring import Keyring

SERVICE_NAME = "control-plane"
MIGRATIONS = Path(__file__).parent / "migrations"
ROUTERS = [auth, clients, wallets, api_keys, exchanges, audit, internal]


@asynccontextmanager
async def _parts(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
    """The first admin (from ADMIN_USERNAME/ADMIN_PASSWORD), then the bridge status consumer."""
    settings = runtime.settings
    assert isinstance(settings, ControlPlaneSettings)
    await bootstrap_admin(runtime.pool, settings)
    async with consume_status(app, runtime):
        yield


def create_app(settings: ControlPlaneSettings | None = None) -> FastAPI:
    settings = settings or ControlPlaneSettings()
    app = create_service_app(
        name=SERVICE_NAME,
        title="Control plane",
        settings=settings,
        migrations=MIGRATIONS,
        routers=ROUTERS,
        parts=_parts,
    )
    keyring_text = settings.keyring.get_secret_value()
    app.state.keyring = Keyring.parse(keyring_text) if keyring_text else None
    app.state.confirmations = BridgeConfirmations()
    return app
