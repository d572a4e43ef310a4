"""Per connector: the start balances (snapshot, else reconstructed), valued now, against now.

Reconstructing the start needs the current balances; when they cannot be read and no snapshot
predates the window, the start is unknown: `hold_value_usd` is None and says why, never a
value made up from no balances.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import partial
from typing import Literal

import asyncpg

from services.trading_bridge.analytics.sums import sum_figures
from services.trading_bridge.analytics.valuation import UsdRates
from services.trading_bridge.fills.schemas import Fill
from services.trading_bridge.history import repository as snapshots
from services.trading_bridge.pnl.hold import Balances, balance_changes, subtract, value_usd
from services.trading_bridge.pnl.schemas import HoldComparison, HoldTotals, Unavailable
from services.trading_bridge.portfolio.balances import BalanceBook, BalanceReading
from services.trading_bridge.sessions import ConnectorSession
from services.trading_bridge.sessions.calls import ExchangeCallFailed


@dataclass(frozen=True)
class StartBalances:
    balances: Balances
    as_of: datetime
    source: Literal["snapshot", "reconstructed_from_fills"]


async def current_reading(
    balances: BalanceBook, session: ConnectorSession
) -> tuple[BalanceReading | None, str | None]:
    """Fresh balances, else the last good reading; and why fresh ones could not be read."""
    try:
        return await balances.read(session), None
    except ExchangeCallFailed as failed:
        return balances.last(session.connector_id), failed.failure.detail


async def start_balances(
    pool: asyncpg.Pool,
    session: ConnectorSession,
    since: datetime,
    current: Balances | None,
    fills: list[Fill],
) -> StartBalances | None:
    """The balances at the window start; None when there is no snapshot and no `current`."""
    async with pool.acquire() as connection:
        snapshot = await snapshots.snapshot_at(connection, session.connector_id, since)
    if snapshot is not None:
        return StartBalances(
            {a.asset: a.total for a in snapshot.assets}, snapshot.taken_at, "snapshot"
        )
    if current is None:
        return None
    mine = [f for f in fills if f.connector_id == session.connector_id]
    return StartBalances(
        subtract(current, balance_changes(mine)), since, "reconstructed_from_fills"
    )


async def compare(
    pool: asyncpg.Pool,
    balances: BalanceBook,
    session: ConnectorSession,
    since: datetime,
    fills: list[Fill],
    rates: UsdRates,
) -> HoldComparison:
    reading, read_error = await current_reading(balances, session)
    current = {b.asset: b.total for b in reading.assets} if reading else None
    start = await start_balances(pool, session, since, current, fills)
    unread = read_error or "balances not read yet"
    price = partial(rates.usd, session.connector_id)
    hold, hold_why = _valued(
        start.balances if start else None, price, f"no snapshot before the window; {unread}"
    )
    now, now_why = _valued(current, price, unread)
    unavailable: Unavailable = {}
    if hold_why:
        unavailable["hold_value_usd"] = hold_why
    if now_why:
        unavailable["current_value_usd"] = now_why
    pnl = None if hold is None or now is None else now - hold
    if pnl is None:
        unavailable["pnl_vs_hold_usd"] = "depends on " + ", ".join(sorted(unavailable))
    return HoldComparison(
        connector_id=session.connector_id,
        exchange=session.connector.exchange,
        start_balances_source=start.source if start else None,
        start_as_of=start.as_of if start else None,
        start_balances=start.balances if start else None,
        current_balances=current,
        current_as_of=reading.as_of if reading else None,
        hold_value_usd=hold,
        current_value_usd=now,
        pnl_vs_hold_usd=pnl,
        unavailable=unavailable,
    )


def _valued(
    held: Balances | None, price: Callable[[str], Decimal | None], unknown_because: str
) -> tuple[Decimal | None, str | None]:
    """USD value of `held`, or None and why (balances unknown, or an asset unpriced)."""
    if held is None:
        return None, unknown_because
    value, unpriced = value_usd(held, price)
    return value, ("no USD price for " + ", ".join(unpriced)) if unpriced else None


def hold_totals(comparisons: list[HoldComparison]) -> HoldTotals:
    figures = ["hold_value_usd", "current_value_usd", "pnl_vs_hold_usd"]
    sums, unavailable = sum_figures(comparisons, figures, lambda c: f"connector on {c.exchange}")
    return HoldTotals(**sums, unavailable=unavailable)
