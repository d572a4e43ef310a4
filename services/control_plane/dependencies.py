"""Request dependencies of the control plane's own parts (keyring, pool, bridge confirmations)."""

from __future__ import annotations

from typing import Annotated

import asyncpg
from fastapi import Depends, Request

from services.control_plane.api_keys.confirmation import BridgeConfirmations
from services.control_plane.settings import ControlPlaneSettings
from shared.app import Runtime
from shared.bus import Bus
from shared.errors import DependencyUnavailable
from shared.keyring import Keyring


def keyring(request: Request) -> Keyring:
    configured: Keyring | None = request.app.state.keyring
    if configured is None:
        raise DependencyUnavailable("secrets keyring is not configured (CONTROL_PLANE_KEYRING)")
    return configured


def runtime(request: Request) -> Runtime:
    current: Runtime = request.app.state.runtime
    return current


def pool(request: Request) -> asyncpg.Pool:
    return runtime(request).pool


def bus(request: Request) -> Bus:
    return runtime(request).bus


def settings(request: Request) -> ControlPlaneSettings:
    current = runtime(request).settings
    assert isinstance(current, ControlPlaneSettings)
    return current


def confirmations(request: Request) -> BridgeConfirmations:
    waiters: BridgeConfirmations = request.app.state.confirmations
    return waiters


KeyringDep = Annotated[Keyring, Depends(keyring)]
PoolDep = Annotated[asyncpg.Pool, Depends(pool)]
BusDep = Annotated[Bus, Depends(bus)]
SettingsDep = Annotated[ControlPlaneSettings, Depends(settings)]
ConfirmationsDep = Annotated[BridgeConfirmations, Depends(confirmations)]
