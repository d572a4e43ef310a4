"""Balance snapshots: every ready connector's balances and USD values, taken on an interval.

A connector whose balances cannot be read is skipped for that round (and logged): a snapshot
is only ever a real reading, so history never shows a made-up $0; nor does a snapshot whose
held assets could none be priced (its total is NULL, its assets listed as unpriced).
"""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal

import asyncpg

from services.trading_bridge.history import repository
from services.trading_bridge.history.schemas import Snapshot, SnapshotAsset
from services.trading_bridge.portfolio.balances import BalanceBook, BalanceReading
from services.trading_bridge.pricing import PriceBook, Quotes
from services.trading_bridge.sessions import ConnectorSession, SessionRegistry
from services.trading_bridge.sessions.calls import ExchangeCallFailed

log = logging.getLogger(__name__)


def snapshot_of(session: ConnectorSession, reading: BalanceReading, quotes: Quotes) -> Snapshot:
    assets = []
    for balance in reading.assets:
        price = quotes.usd_price(balance.asset)
        value = None if price is None else balance.total * price
        assets.append(
            SnapshotAsset(
                asset=balance.asset, total=balance.total, price_usd=price, value_usd=value
            )
        )
    values = [a.value_usd for a in assets if a.value_usd is not None]
    return Snapshot(
        connector_id=session.connector_id,
        account=session.account,
        exchange=session.connector.exchange,
        taken_at=reading.as_of,
        total_usd=None if assets and not values else sum(values, Decimal(0)),
        unpriced_assets=[a.asset for a in assets if a.price_usd is None],
        assets=assets,
    )


class SnapshotTaker:
    def __init__(
        self,
        pool: asyncpg.Pool,
        registry: SessionRegistry,
        balances: BalanceBook,
        prices: PriceBook,
        concurrency: int,
    ) -> None:
        self._pool = pool
        self._registry = registry
        self._balances = balances
        self._prices = prices
        self._limit = asyncio.Semaphore(concurrency)

    async def run_once(self) -> None:
        """Snapshot every ready connector once."""
        await asyncio.gather(*(self.take(s) for s in self._registry.ready_sessions()))

    async def take(self, session: ConnectorSession) -> Snapshot | None:
        async with self._limit:
            try:
                reading = await self._balances.read(session)
            except ExchangeCallFailed as failed:
                log.warning(
                    "balance snapshot skipped",
                    extra={
                        "connector_id": str(session.connector_id),
                        "detail": failed.failure.detail,
                    },
                )
                return None
            snapshot = snapshot_of(session, reading, await self._prices.quotes(session.venue))
            async with self._pool.acquire() as connection, connection.transaction():
                await repository.insert_snapshot(connection, snapshot)
            return snapshot
