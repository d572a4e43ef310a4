"""The analytics parts, as request dependencies."""

from __future__ import annotations

from typing import Annotated, cast

import asyncpg
from fastapi import Depends, Request

from services.trading_bridge.analytics.settings import AnalyticsSettings
from services.trading_bridge.fills.sync import FillSync


def _fill_sync(request: Request) -> FillSync:
    return cast(FillSync, request.app.state.fill_sync)


def _settings(request: Request) -> AnalyticsSettings:
    return cast(AnalyticsSettings, request.app.state.runtime.settings)


def _pool(request: Request) -> asyncpg.Pool:
    return cast(asyncpg.Pool, request.app.state.runtime.pool)


FillSyncDep = Annotated[FillSync, Depends(_fill_sync)]
AnalyticsConfig = Annotated[AnalyticsSettings, Depends(_settings)]
PoolDep = Annotated[asyncpg.Pool, Depends(_pool)]
