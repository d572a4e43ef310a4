from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from services.trading_bridge.accounts import RequestedAccount, WalletAccount
from services.trading_bridge.analytics.dependencies import AnalyticsConfig, FillSyncDep, PoolDep
from services.trading_bridge.dependencies import Prices
from services.trading_bridge.volume.schemas import VolumeReport
from services.trading_bridge.volume.service import volume_report
from shared.errors import DependencyUnavailable, NotFound, Unauthorized, responses

router = APIRouter(tags=["volume"])
Days = Annotated[int, Query(ge=1, le=365, description="how many days back")]
ERRORS = responses(Unauthorized, NotFound, DependencyUnavailable)


@router.get("/api/volume", responses=ERRORS)
async def get_volume(
    scope: RequestedAccount,
    pool: PoolDep,
    sync: FillSyncDep,
    prices: Prices,
    settings: AnalyticsConfig,
    days: Days = 7,
) -> VolumeReport:
    """Traded volume in USD over the last `days`: total, by pair, by connector, by UTC day.

    Volume is the sum of fill notionals (price x amount, in the quote currency). Stablecoin
    quotes count 1 USD; other quotes are converted at their current price on the same exchange
    (`usd_conversion` says so). A figure with an unpriced quote is null and `unavailable` says
    why; it is never a silent 0.
    """
    return await volume_report(pool, sync, prices, scope, days, settings.fill_sync_max_age_s)


@router.get("/api/clients/volume", responses=ERRORS)
async def get_client_volume(
    scope: WalletAccount,
    pool: PoolDep,
    sync: FillSyncDep,
    prices: Prices,
    settings: AnalyticsConfig,
    days: Days = 7,
) -> VolumeReport:
    """Seed-compatible `/api/volume` for the account of `wallet_address`."""
    return await volume_report(pool, sync, prices, scope, days, settings.fill_sync_max_age_s)
