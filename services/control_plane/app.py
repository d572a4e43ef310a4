"""Control plane: the FastAPI app factory."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.control_plane.settings import ControlPlaneSettings
from shared.app import create_service_app

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: ControlPlaneSettings | None = None) -> FastAPI:
    return create_service_app(
        name="control-plane",
        title="Control plane",
        settings=settings or ControlPlaneSettings(),
        migrations=MIGRATIONS,
        routers=[],
    )
