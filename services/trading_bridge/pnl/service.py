"""The PnL report: average-cost PnL per connector and pair, totals, and PnL against holding."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from itertools import groupby

import asyncpg

from services.trading_bridge.accounts import AccountScope
from services.trading_bridge.analytics.valuation import UsdRates, usd_rates
from services.trading_bridge.fills import repository
from services.trading_bridge.fills.schemas import Fill
from services.trading_bridge.fills.service import refresh
from services.trading_bridge.fills.sync import FillSync
from services.trading_bridge.pnl.pairs import mid_price, pair_pnl, totals
from services.trading_bridge.pnl.schemas import PairPnl, PnlReport
from services.trading_bridge.pnl.vs_hold import compare, hold_totals
from services.trading_bridge.portfolio.balances import BalanceBook
from services.trading_bridge.pricing import PriceBook
from shared.events import utc_now


@dataclass(frozen=True)
class PnlSources:
    pool: asyncpg.Pool
    sync: FillSync
    prices: PriceBook
    balances: BalanceBook
    max_age_s: float
    timeout_s: float


def _pair_key(fill: Fill) -> tuple[str, str]:
    return str(fill.connector_id), fill.symbol


def by_pair(fills: list[Fill]) -> list[list[Fill]]:
    """Fills (oldest first) grouped by (connector, symbol), each group still oldest first."""
    ordered = sorted(fills, key=_pair_key)  # stable: keeps time order within a group
    return [list(group) for _, group in groupby(ordered, key=_pair_key)]


async def pnl_report(sources: PnlSources, scope: AccountScope, days: int) -> PnlReport:
    states = await refresh(sources.pool, sources.sync, scope, sources.max_age_s)
    since = utc_now() - timedelta(days=days)
    async with sources.pool.acquire() as connection:
        fills = await repository.fills_since(connection, scope.account, since)
    rates = await usd_rates(sources.prices, scope.sessions)
    pairs = await asyncio.gather(*(_pair(sources, scope, group, rates) for group in by_pair(fills)))
    comparisons = await asyncio.gather(
        *(
            compare(sources.pool, sources.balances, session, since, fills, rates)
            for session in scope.sessions
        )
    )
    return PnlReport(
        account=scope.account,
        days=days,
        since=since,
        pairs=list(pairs),
        total=totals(list(pairs)),
        vs_hold=list(comparisons),
        vs_hold_total=hold_totals(list(comparisons)),
        sync_stale=any(state.stale for state in states),
    )


async def _pair(
    sources: PnlSources, scope: AccountScope, fills: list[Fill], rates: UsdRates
) -> PairPnl:
    first = fills[0]
    session = next((s for s in scope.sessions if s.connector_id == first.connector_id), None)
    mid = await mid_price(session, first.symbol, sources.timeout_s)
    return pair_pnl(fills, mid, rates)
