from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from services.trading_bridge.accounts import RequestedAccount, WalletAccount
from services.trading_bridge.analytics.dependencies import AnalyticsConfig, FillSyncDep, PoolDep
from services.trading_bridge.dependencies import Balances, BridgeSettings, Prices
from services.trading_bridge.pnl.schemas import PnlReport
from services.trading_bridge.pnl.service import PnlSources, pnl_report
from shared.errors import DependencyUnavailable, NotFound, Unauthorized, responses

router = APIRouter(tags=["pnl"])
Days = Annotated[int, Query(ge=1, le=365, description="how many days back")]
ERRORS = responses(Unauthorized, NotFound, DependencyUnavailable)


def pnl_sources(
    pool: PoolDep,
    sync: FillSyncDep,
    prices: Prices,
    balances: Balances,
    analytics: AnalyticsConfig,
    bridge: BridgeSettings,
) -> PnlSources:
    return PnlSources(
        pool, sync, prices, balances, analytics.fill_sync_max_age_s, bridge.exchange_timeout_s
    )


Sources = Annotated[PnlSources, Depends(pnl_sources)]


@router.get("/api/pnl", responses=ERRORS)
async def get_pnl(scope: RequestedAccount, sources: Sources, days: Days = 7) -> PnlReport:
    """Profit and loss over the last `days`, by the average-cost method (`method`).

    Per connector and pair: realised PnL (sells against the average cost of the window's
    buys), unrealised PnL (position x (mid now - average cost)), fees converted to the quote
    currency and subtracted, and volume, in the quote currency and in USD; then totals.
    `vs_hold` compares the current balances with holding the balances of the window start
    (from a snapshot when there is one, else reconstructed from the fills: see
    `start_balances_source`), both valued at today's prices. A figure that cannot be computed
    is null and `unavailable` says why.
    """
    return await pnl_report(sources, scope, days)


@router.get("/api/clients/pnl", responses=ERRORS)
async def get_client_pnl(scope: WalletAccount, sources: Sources, days: Days = 7) -> PnlReport:
    """Seed-compatible `/api/pnl` for the account of `wallet_address`."""
    return await pnl_report(sources, scope, days)
