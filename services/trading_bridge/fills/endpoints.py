from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from services.trading_bridge.accounts import RequestedAccount, WalletAccount
from services.trading_bridge.analytics.dependencies import AnalyticsConfig, FillSyncDep, PoolDep
from services.trading_bridge.fills.schemas import TradesPage
from services.trading_bridge.fills.service import TradesQuery, list_trades
from services.trading_bridge.fills.trading_pairs import PAIR_PATTERN, TradingPair
from shared.errors import DependencyUnavailable, NotFound, Unauthorized, responses

router = APIRouter(tags=["trades"])

TradingPairParam = Annotated[
    str | None,
    Query(pattern=PAIR_PATTERN, description="`SHARP-USDT` or `SHARP/USDT`; all pairs if absent"),
]
Days = Annotated[int, Query(ge=1, le=365, description="how many days back")]
Limit = Annotated[int, Query(ge=1, le=1000, description="at most this many trades")]
ERRORS = responses(Unauthorized, NotFound, DependencyUnavailable)


def trades_query(
    settings: AnalyticsConfig,
    trading_pair: TradingPairParam = None,
    limit: Limit = 100,
    days: Days = 7,
) -> TradesQuery:
    pair = TradingPair.parse(trading_pair) if trading_pair else None
    return TradesQuery(pair, days, limit, settings.fill_sync_max_age_s)


TradesQueryDep = Annotated[TradesQuery, Depends(trades_query)]


@router.get("/api/trades", responses=ERRORS)
async def get_trades(
    scope: RequestedAccount, query: TradesQueryDep, pool: PoolDep, sync: FillSyncDep
) -> TradesPage:
    """The account's own trades (fills), newest first.

    Fills are synced from each exchange in the background; when a pair's last sync is older
    than a few seconds this request syncs it first. `sync` says, per connector and pair, when
    that last succeeded and, if the exchange could not be read, why (`stale`, `error`): the
    stored trades are still served. A pair no connector of the account lists answers 404.
    """
    return await list_trades(pool, sync, scope, query)


@router.get("/api/clients/trades", responses=ERRORS)
async def get_client_trades(
    scope: WalletAccount, query: TradesQueryDep, pool: PoolDep, sync: FillSyncDep
) -> TradesPage:
    """Seed-compatible `/api/trades` for the account of `wallet_address`."""
    return await list_trades(pool, sync, scope, query)
