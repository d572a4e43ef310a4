"""Per connector: the start balances (snapshot, else reconstructed), valued now, against now."""

from __future__ import annotations

from datetime import datetime
from functools import partial

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


async def current_reading(
    balances: BalanceBook, session: ConnectorSession
) -> tuple[BalanceReading | None, str | None]:
    """Fresh balances, else the last good reading; and why fresh ones could not be read."""
    try:
        return await balances.read(session), None
    except ExchangeCallFailed as failed:
        return balances.last(session.connector_id), failed.failure.detail


async def start_balances(
    pool: asyncpg.Pool, session: ConnectorSession, since: datetime, current: Balances,
    fills: list[Fill],
) -> tuple[Balances, datetime, bool]:  # fmt: skip
    """(balances, as of, from a snapshot?) at the window start."""
    async with pool.acquire() as connection:
        snapshot = await snapshots.snapshot_at(connection, session.connector_id, since)
    if snapshot is not None:
        return {a.asset: a.total for a in snapshot.assets}, snapshot.taken_at, True
    mine = [f for f in fills if f.connector_id == session.connector_id]
    return subtract(current, balance_changes(mine)), since, False


async def compare(
    pool: asyncpg.Pool,
    balances: BalanceBook,
    session: ConnectorSession,
    since: datetime,
    fills: list[Fill],
    rates: UsdRates,
) -> HoldComparison:
    reading, read_error = await current_reading(balances, session)
    current = {b.asset: b.total for b in reading.assets} if reading else {}
    start, start_as_of, from_snapshot = await start_balances(pool, session, since, current, fills)
    unavailable: Unavailable = {}
    price = partial(rates.usd, session.connector_id)
    hold, hold_unpriced = value_usd(start, price)
    now, now_unpriced = value_usd(current, price) if reading else (None, [])
    if hold_unpriced:
        unavailable["hold_value_usd"] = "no USD price for " + ", ".join(hold_unpriced)
    if now_unpriced:
        unavailable["current_value_usd"] = "no USD price for " + ", ".join(now_unpriced)
    if reading is None:
        unavailable["current_value_usd"] = read_error or "balances not read yet"
    pnl = None if hold is None or now is None else now - hold
    if pnl is None:
        unavailable["pnl_vs_hold_usd"] = "depends on " + ", ".join(sorted(unavailable))
    return HoldComparison(
        connector_id=session.connector_id,
        exchange=session.connector.exchange,
        start_balances_source="snapshot" if from_snapshot else "reconstructed_from_fills",
        start_as_of=start_as_of,
        start_balances=start,
        current_balances=current,
        current_as_of=reading.as_of if reading else None,
        hold_value_usd=hold,
        current_value_usd=now,
        pnl_vs_hold_usd=pnl,
        unavailable=unavailable,
    )


def hold_totals(comparisons: list[HoldComparison]) -> HoldTotals:
    figures = ["hold_value_usd", "current_value_usd", "pnl_vs_hold_usd"]
    sums, unavailable = sum_figures(comparisons, figures, lambda c: f"connector on {c.exchange}")
    return HoldTotals(**sums, unavailable=unavailable)
