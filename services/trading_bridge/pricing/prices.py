"""USD prices from each exchange's own tickers.

Interface (used by the portfolio and by `pnl/`, `volume/`, `history/`):

- `await prices.usd_price(session, asset) -> Decimal | None`
- `await prices.usd_value(session, asset, amount) -> Decimal | None`
- `await prices.quotes(venue) -> Quotes` (then `quotes.usd_price(asset)`, synchronous), to
  price many assets from one snapshot.

Stablecoins (USDT, USDC, BUSD, FDUSD, DAI, TUSD, USD) are worth 1. Any other asset is priced by
`ASSET/<stablecoin>` on the same exchange (USDT first), at the ticker's last price, or the
bid/ask midpoint when there is no last. An asset with no such market is unpriced: `None`,
never 0. Tickers are fetched with one `fetch_tickers` call per venue and kept `ttl_s` seconds;
concurrent askers share one fetch, and a failed refresh keeps serving the last snapshot rather
than nothing, marked `stale` (its `as_of` says how old).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from services.trading_bridge.sessions.failures import EXCHANGE_ERRORS
from services.trading_bridge.sessions.session import ConnectorSession
from services.trading_bridge.sessions.venues import Venue
from shared.events import utc_now

STABLECOINS = ("USDT", "USDC", "BUSD", "FDUSD", "DAI", "TUSD", "USD")
ONE = Decimal(1)


@dataclass(frozen=True)
class Quotes:
    """One snapshot of a venue's tickers: symbol → price.

    `fetched_at` (monotonic) drives the cache; `as_of` is the same moment for people. `stale`
    means the latest refresh failed, so these are older than the cache TTL (or empty).
    """

    prices: dict[str, Decimal] = field(default_factory=dict)
    fetched_at: float | None = None
    as_of: datetime | None = None
    stale: bool = False

    def usd_price(self, asset: str) -> Decimal | None:
        asset = asset.upper()
        if asset in STABLECOINS:
            return ONE
        for quote in STABLECOINS:
            price = self.prices.get(f"{asset}/{quote}")
            if price is not None:
                return price
        return None


def ticker_price(ticker: dict[str, Any]) -> Decimal | None:
    last = ticker.get("last")
    if last:
        return Decimal(repr(last))
    bid, ask = ticker.get("bid"), ticker.get("ask")
    if bid and ask:
        return (Decimal(repr(bid)) + Decimal(repr(ask))) / 2
    return None


class PriceBook:
    def __init__(self, ttl_s: float, timeout_s: float) -> None:
        self._ttl_s = ttl_s
        self._timeout_s = timeout_s
        self._quotes: dict[str, Quotes] = {}
        self._refreshing: dict[str, asyncio.Task[Quotes]] = {}

    async def usd_price(self, session: ConnectorSession, asset: str) -> Decimal | None:
        return (await self.quotes(session.venue)).usd_price(asset)

    async def usd_value(
        self, session: ConnectorSession, asset: str, amount: Decimal
    ) -> Decimal | None:
        price = await self.usd_price(session, asset)
        return None if price is None else amount * price

    async def quotes(self, venue: Venue) -> Quotes:
        """The venue's tickers, fetched at most once per `ttl_s`."""
        cached = self._quotes.get(venue.exchange_id)
        if cached and cached.fetched_at and time.monotonic() - cached.fetched_at < self._ttl_s:
            return cached
        task = self._refreshing.get(venue.exchange_id)
        if task is None:
            task = asyncio.create_task(self._refresh(venue, cached or Quotes()))
            self._refreshing[venue.exchange_id] = task
            task.add_done_callback(lambda _: self._refreshing.pop(venue.exchange_id, None))
        return await asyncio.shield(task)

    async def _refresh(self, venue: Venue, previous: Quotes) -> Quotes:
        try:
            async with asyncio.timeout(self._timeout_s):
                await venue.ensure_markets()
                tickers = await venue.reference.fetch_tickers()
        except EXCHANGE_ERRORS:
            return replace(previous, stale=True)
        prices = {
            symbol: price
            for symbol, ticker in tickers.items()
            if (price := ticker_price(ticker)) is not None
        }
        quotes = Quotes(prices, time.monotonic(), utc_now())
        self._quotes[venue.exchange_id] = quotes
        return quotes
