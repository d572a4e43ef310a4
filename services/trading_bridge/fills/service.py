"""Trades: an account's fills, synced first when the last sync is older than `max_age_s`.

Which pairs: with `trading_pair`, that pair on every connector of the account whose exchange
lists it (the pair is then synced from then on, tracked or not); without, every tracked pair
and every pair synced before. A pair no connector of the account lists, and with no stored
fills, answers 404. A connector that is not ready is not synced: its stored fills are served
and its sync state says why they may be stale.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from services.trading_bridge.accounts import AccountScope
from services.trading_bridge.fills import repository
from services.trading_bridge.fills.schemas import SyncState, Trade, TradesPage
from services.trading_bridge.fills.sync import FillSync
from services.trading_bridge.fills.trading_pairs import TradingPair, tracked_symbols
from services.trading_bridge.sessions import ConnectorSession
from shared.errors import NotFound
from shared.events import utc_now

Target = tuple[ConnectorSession, str]


@dataclass(frozen=True, slots=True)
class TradesQuery:
    pair: TradingPair | None
    days: int
    limit: int
    max_age_s: float


def lists_market(session: ConnectorSession, symbol: str) -> bool:
    return symbol in (session.exchange.markets or {})


async def synced_symbols(pool: asyncpg.Pool, session: ConnectorSession) -> set[str]:
    """The pairs synced for a connector: its tracked pairs and any asked for before."""
    async with pool.acquire() as connection:
        asked = await repository.connector_symbols(connection, session.connector_id)
    return asked | set(tracked_symbols(session.connector.tracked_pairs))


async def sync_targets(
    pool: asyncpg.Pool, scope: AccountScope, pair: TradingPair | None
) -> list[Target]:
    if pair is None:
        return [(s, symbol) for s in scope.sessions for symbol in await synced_symbols(pool, s)]
    targets = []
    for session in scope.sessions:
        if lists_market(session, pair.symbol) or pair.symbol in await synced_symbols(pool, session):
            targets.append((session, pair.symbol))
    return targets


async def sync_state(sync: FillSync, target: Target, max_age_s: float) -> SyncState:
    session, symbol = target
    if session.is_ready:
        cursor = await sync.sync(session, symbol, max_age_s)
        error = cursor.error
    else:
        cursor = await sync.cursor(session.connector_id, symbol)
        error = session.last_error or f"the connector is {session.state}"
    return SyncState(
        connector_id=session.connector_id,
        exchange=session.connector.exchange,
        symbol=symbol,
        synced_at=cursor.synced_at,
        stale=error is not None or cursor.synced_at is None,
        error=error,
    )


async def _check_known(pool: asyncpg.Pool, scope: AccountScope, pair: TradingPair) -> None:
    async with pool.acquire() as connection:
        stored = await repository.account_symbols(connection, scope.account)
    if pair.symbol not in stored:
        raise NotFound(f"{pair.name} is not traded on any connector of account {scope.account!r}")


async def refresh(
    pool: asyncpg.Pool, sync: FillSync, scope: AccountScope, max_age_s: float
) -> list[SyncState]:
    """Sync every pair of the account last synced more than `max_age_s` ago; their states."""
    targets = await sync_targets(pool, scope, None)
    return list(await asyncio.gather(*(sync_state(sync, t, max_age_s) for t in targets)))


async def list_trades(
    pool: asyncpg.Pool,
    sync: FillSync,
    scope: AccountScope,
    query: TradesQuery,
) -> TradesPage:
    targets = await sync_targets(pool, scope, query.pair)
    if query.pair is not None and not targets:
        await _check_known(pool, scope, query.pair)
    states = list(await asyncio.gather(*(sync_state(sync, t, query.max_age_s) for t in targets)))
    since = utc_now() - timedelta(days=query.days)
    symbol = query.pair.symbol if query.pair else None
    async with pool.acquire() as connection:
        fills = await repository.recent_fills(connection, scope.account, since, symbol, query.limit)
    return TradesPage(
        account=scope.account,
        trading_pair=query.pair.name if query.pair else None,
        days=query.days,
        trades=[Trade.of(fill) for fill in fills],
        sync=states,
        synced_at=_oldest_sync(states),
        stale=any(s.stale for s in states),
        note=None if targets else "no trading pairs are tracked for this account's connectors",
    )


def _oldest_sync(states: list[SyncState]) -> datetime | None:
    """When the least fresh pair was synced; None if one never was (or there are none)."""
    times = [state.synced_at for state in states]
    if not times or None in times:
        return None
    return min(t for t in times if t is not None)
