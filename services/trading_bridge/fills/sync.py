"""Fill sync: bring one connector's fills of one pair up to date, incrementally.

Binance-family exchanges page by trade id (`fromId`, which Binance will not combine with a
start time): the cursor is the next id to ask for, starting at 0, so the first sync reads the
whole history. Other exchanges page by time: the cursor is the newest fill time seen (that
millisecond is asked again, the unique key drops the repeat), starting `HISTORY_DAYS` back.

A trade the exchange sent malformed (no price, say) is left out of its page and logged by id;
the rest of the page is stored, the cursor moves past it, and the sync ends with an error
saying how many were skipped.

Each page is stored in one transaction together with the cursor move, so a crash or an
exchange failure mid-way keeps every page already stored and the next sync resumes after it.
Repeated or concurrent syncs never duplicate a fill: in this process one lock per
(connector, pair) serialises them; across processes the primary key (connector, trade id)
with `ON CONFLICT DO NOTHING` and a cursor that only moves forward make them harmless.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

import asyncpg
from ccxt.async_support import Exchange

from services.trading_bridge.fills import repository
from services.trading_bridge.fills.conversion import readable_fills
from services.trading_bridge.fills.repository import Cursor
from services.trading_bridge.sessions.failures import EXCHANGE_ERRORS, describe
from services.trading_bridge.sessions.session import ConnectorSession
from shared.control_plane_client import ConnectorRef
from shared.events import utc_now

log = logging.getLogger(__name__)

PAGE_SIZE = 1000
HISTORY_DAYS = 365
FROM_ID_EXCHANGES = frozenset({"binance", "binanceus"})


def pages_by_id(exchange: Exchange) -> bool:
    return str(exchange.id) in FROM_ID_EXCHANGES


async def fetch_page(
    exchange: Exchange, symbol: str, cursor: Cursor, page_size: int
) -> list[dict[str, Any]]:
    """The next page of the account's trades on `symbol` after `cursor`, oldest first."""
    if pages_by_id(exchange):
        params = {"fromId": cursor.next_from_id or 0}
        trades = await exchange.fetch_my_trades(symbol, limit=page_size, params=params)
    else:
        since = cursor.since_ms or _history_start_ms()
        trades = await exchange.fetch_my_trades(symbol, since=since, limit=page_size)
    return sorted(trades, key=lambda trade: (trade["timestamp"], str(trade["id"])))


def _history_start_ms() -> int:
    return int((utc_now() - timedelta(days=HISTORY_DAYS)).timestamp() * 1000)


def next_position(
    trades: list[dict[str, Any]], cursor: Cursor, page_size: int
) -> tuple[int | None, int | None]:
    """(next_from_id, since_ms) once `trades` are stored."""
    if not trades:
        return cursor.next_from_id, cursor.since_ms
    newest_ms = max(int(trade["timestamp"]) for trade in trades)
    if len(trades) >= page_size and newest_ms == cursor.since_ms:
        newest_ms += 1  # a full page in one millisecond: step past it rather than loop
    ids = [int(trade["id"]) for trade in trades if str(trade["id"]).isdigit()]
    return (max(ids) + 1 if ids else cursor.next_from_id), newest_ms


class FillSync:
    """Runs fill syncs against a pool; one in flight per (connector, pair) in this process."""

    def __init__(self, pool: asyncpg.Pool, page_size: int = PAGE_SIZE) -> None:
        self._pool = pool
        self._page_size = page_size
        self._locks: defaultdict[tuple[uuid.UUID, str], asyncio.Lock] = defaultdict(asyncio.Lock)

    async def sync(self, session: ConnectorSession, symbol: str, max_age_s: float = 0) -> Cursor:
        """Sync a session's `symbol` unless attempted less than `max_age_s` ago; the cursor."""
        return await self.sync_exchange(session.connector, session.exchange, symbol, max_age_s)

    async def sync_exchange(
        self, connector: ConnectorRef, exchange: Exchange, symbol: str, max_age_s: float = 0
    ) -> Cursor:
        """`sync`, given the connector and its ccxt instance."""
        connector_id = connector.connector_id
        async with self._locks[(connector_id, symbol)]:
            cursor = await self.cursor(connector_id, symbol)
            if _attempted_within(cursor, max_age_s):
                return cursor
            error = await self._catch_up(connector, exchange, symbol, cursor)
            async with self._pool.acquire() as connection:
                await repository.record_attempt(
                    connection, connector_id, symbol, connector.account, at=utc_now(), error=error
                )
            return await self.cursor(connector_id, symbol)

    async def cursor(self, connector_id: uuid.UUID, symbol: str) -> Cursor:
        async with self._pool.acquire() as connection:
            return await repository.cursor(connection, connector_id, symbol)

    async def _catch_up(
        self, connector: ConnectorRef, exchange: Exchange, symbol: str, cursor: Cursor
    ) -> str | None:
        """Fetch and store pages until the exchange has no more; the failure, if any."""
        skipped = 0
        try:
            while True:
                trades = await fetch_page(exchange, symbol, cursor, self._page_size)
                cursor, malformed = await self._store(connector, symbol, trades, cursor)
                skipped += malformed
                if len(trades) < self._page_size:
                    return skipped_error(skipped)
        except EXCHANGE_ERRORS as exc:
            failure = describe(exc)
            log.warning(
                "fill sync failed",
                extra={
                    "connector_id": str(connector.connector_id),
                    "symbol": symbol,
                    "error_type": failure.error_type,
                },
            )
            return failure.detail

    async def _store(
        self, connector: ConnectorRef, symbol: str, trades: list[dict[str, Any]], cursor: Cursor
    ) -> tuple[Cursor, int]:
        """Store the page's readable fills and move the cursor past it; (cursor, malformed)."""
        fills, malformed = readable_fills(trades, connector)
        for trade in malformed:
            log.warning(
                "fill sync skipped a malformed trade",
                extra={"connector_id": str(connector.connector_id), "trade_id": trade.get("id")},
            )
        next_from_id, since_ms = next_position(trades, cursor, self._page_size)
        async with self._pool.acquire() as connection, connection.transaction():
            await repository.insert_fills(connection, fills)
            cursor = await repository.advance_cursor(
                connection, connector.connector_id, symbol, connector.account,
                next_from_id=next_from_id, since_ms=since_ms,
            )  # fmt: skip
        return cursor, len(malformed)


def skipped_error(skipped: int) -> str | None:
    if not skipped:
        return None
    return f"{skipped} trade(s) sent by the exchange could not be read and were skipped"


def _attempted_within(cursor: Cursor, max_age_s: float) -> bool:
    last: datetime | None = cursor.attempted_at
    return last is not None and (utc_now() - last).total_seconds() < max_age_s
