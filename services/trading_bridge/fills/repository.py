"""Every SQL statement about fills and their sync cursors."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from services.trading_bridge.fills.schemas import Fill, FillFee
from shared.db import Connection

_INSERT_FILL = """
INSERT INTO fills (connector_id, trade_id, account, exchange, symbol, base, quote, side, price,
                   amount, cost, fee_cost, fee_currency, order_id, taker_or_maker, executed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
ON CONFLICT (connector_id, trade_id) DO NOTHING
"""

_SELECT_FILLS = """
SELECT connector_id, trade_id, account, exchange, symbol, base, quote, side, price, amount, cost,
       fee_cost, fee_currency, order_id, taker_or_maker, executed_at
FROM fills
"""


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the next sync of one (connector, symbol) starts."""

    next_from_id: int | None = None
    since_ms: int | None = None
    synced_at: datetime | None = None
    attempted_at: datetime | None = None
    error: str | None = None


async def insert_fills(connection: Connection, fills: Sequence[Fill]) -> None:
    """Store fills; one already stored (same connector and trade id) is left as it is."""
    await connection.executemany(_INSERT_FILL, [_fill_args(fill) for fill in fills])


def _fill_args(fill: Fill) -> tuple[object, ...]:
    fee = fill.fee
    return (
        fill.connector_id,
        fill.trade_id,
        fill.account,
        fill.exchange,
        fill.symbol,
        fill.base,
        fill.quote,
        fill.side,
        fill.price,
        fill.amount,
        fill.cost,
        fee.cost if fee else None,
        fee.currency if fee else None,
        fill.order_id,
        fill.taker_or_maker,
        fill.executed_at,
    )


async def recent_fills(
    connection: Connection, account: str, since: datetime, symbol: str | None, limit: int
) -> list[Fill]:
    """The account's newest `limit` fills since `since`, of one symbol or all, newest first."""
    rows = await connection.fetch(
        _SELECT_FILLS
        + """WHERE account = $1 AND executed_at >= $2 AND ($3::text IS NULL OR symbol = $3)
             ORDER BY executed_at DESC, trade_id DESC LIMIT $4""",
        account,
        since,
        symbol,
        limit,
    )
    return [_fill(row) for row in rows]


async def fills_since(connection: Connection, account: str, since: datetime) -> list[Fill]:
    """Every fill of the account since `since`, oldest first (ties in exchange id order)."""
    rows = await connection.fetch(
        _SELECT_FILLS
        + """WHERE account = $1 AND executed_at >= $2
             ORDER BY executed_at, connector_id, length(trade_id), trade_id""",
        account,
        since,
    )
    return [_fill(row) for row in rows]


def _fill(row: asyncpg.Record) -> Fill:
    fee = None
    if row["fee_cost"] is not None:
        fee = FillFee(cost=row["fee_cost"], currency=row["fee_currency"])
    values = {k: v for k, v in row.items() if k not in ("fee_cost", "fee_currency")}
    return Fill(**values, fee=fee)


async def account_symbols(connection: Connection, account: str) -> set[str]:
    """Symbols the account has stored fills or a sync cursor for."""
    rows = await connection.fetch(
        """SELECT symbol FROM fills WHERE account = $1
           UNION SELECT symbol FROM fill_sync_cursors WHERE account = $1""",
        account,
    )
    return {row["symbol"] for row in rows}


async def connector_symbols(connection: Connection, connector_id: uuid.UUID) -> set[str]:
    """Symbols a connector has a sync cursor for (asked for once, synced from then on)."""
    rows = await connection.fetch(
        "SELECT symbol FROM fill_sync_cursors WHERE connector_id = $1", connector_id
    )
    return {row["symbol"] for row in rows}


async def cursor(connection: Connection, connector_id: uuid.UUID, symbol: str) -> Cursor:
    row = await connection.fetchrow(
        """SELECT next_from_id, since_ms, synced_at, attempted_at, error
           FROM fill_sync_cursors WHERE connector_id = $1 AND symbol = $2""",
        connector_id,
        symbol,
    )
    return Cursor(**row) if row else Cursor()


async def advance_cursor(
    connection: Connection,
    connector_id: uuid.UUID,
    symbol: str,
    account: str,
    *,
    next_from_id: int | None,
    since_ms: int | None,
) -> Cursor:
    """Move the cursor forward (never back: a concurrent sync may have gone further)."""
    row = await connection.fetchrow(
        """INSERT INTO fill_sync_cursors (connector_id, symbol, account, next_from_id, since_ms)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (connector_id, symbol) DO UPDATE SET
               next_from_id = GREATEST(fill_sync_cursors.next_from_id, EXCLUDED.next_from_id),
               since_ms = GREATEST(fill_sync_cursors.since_ms, EXCLUDED.since_ms)
           RETURNING next_from_id, since_ms, synced_at, attempted_at, error""",
        connector_id,
        symbol,
        account,
        next_from_id,
        since_ms,
    )
    assert row is not None
    return Cursor(**row)


async def record_attempt(
    connection: Connection,
    connector_id: uuid.UUID,
    symbol: str,
    account: str,
    *,
    at: datetime,
    error: str | None,
) -> None:
    """Note how a sync ended: success moves `synced_at`; a failure keeps it and says why."""
    await connection.execute(
        """INSERT INTO fill_sync_cursors (connector_id, symbol, account, synced_at, attempted_at,
                                          error)
           VALUES ($1, $2, $3, CASE WHEN $5::text IS NULL THEN $4::timestamptz END, $4, $5)
           ON CONFLICT (connector_id, symbol) DO UPDATE SET
               synced_at = CASE WHEN $5::text IS NULL THEN $4::timestamptz
                                ELSE fill_sync_cursors.synced_at END,
               attempted_at = $4,
               error = $5""",
        connector_id,
        symbol,
        account,
        at,
        error,
    )
