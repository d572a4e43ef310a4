"""Hummingbot adapter: the FastAPI app factory."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from services.hummingbot_adapter.settings import HummingbotAdapterSettings
from shared.app import create_service_app

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: HummingbotAdapterSettings | None = None) -> FastAPI:
    return create_service_app(
        name="hummingbot-adapter",
        title="Hummingbot adapter",
        settings=settings or HummingbotAdapterSettings(),
        migrations=MIGRATIONS,
        routers=[],
    )
