from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from services.trading_bridge.accounts import RequestedAccount
from services.trading_bridge.analytics.dependencies import PoolDep
from services.trading_bridge.history.schemas import Interval, PortfolioHistory
from services.trading_bridge.history.service import portfolio_history
from shared.errors import DependencyUnavailable, NotFound, Unauthorized, responses

router = APIRouter(tags=["portfolio"])


@router.get(
    "/api/portfolio/history", responses=responses(Unauthorized, NotFound, DependencyUnavailable)
)
async def get_portfolio_history(
    scope: RequestedAccount,
    pool: PoolDep,
    interval: Interval = "1h",
    days: Annotated[int, Query(ge=1, le=365)] = 7,
) -> PortfolioHistory:
    """Total USD value of the account per time bucket (`5m`, `15m`, `1h`, `4h`, `1d`).

    Built from the bridge's periodic balance snapshots: each bucket shows, per connector, the
    last snapshot taken in it (or the latest before, carried forward, with its time), valued
    at the prices of the moment it was taken. Assets that could not be priced are listed, not
    counted as 0: such a bucket is `partial`, and its total is null if nothing could be valued.
    """
    return await portfolio_history(pool, scope.account, interval, days)
