"""Assembling an account's portfolio from its sessions, concurrently, never blanking it.

Every connector is read at the same time, each bounded by the exchange timeout, while each
venue's tickers are refreshed alongside, so a warm portfolio costs about one exchange round
trip. A connector whose read fails shows its last good balances as `stale` (with their time),
or `error` with nothing; a failed ticker refresh shows the last good prices as `prices_stale`
(with their time); the account total then says `partial`. Nothing reads as 0 unless the
exchange said 0.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import Decimal

from services.trading_bridge.accounts import AccountScope
from services.trading_bridge.portfolio.balances import BalanceBook, BalanceReading
from services.trading_bridge.portfolio.schemas import (
    BalanceLine,
    BalanceRow,
    Balances,
    ConnectorHealth,
    ConnectorPortfolio,
    Portfolio,
)
from services.trading_bridge.pricing import PriceBook, Quotes
from services.trading_bridge.sessions import ConnectorSession
from services.trading_bridge.sessions.calls import ExchangeCallFailed
from shared.events import utc_now


@dataclass(frozen=True)
class ConnectorReading:
    session: ConnectorSession
    status: ConnectorHealth
    reading: BalanceReading | None
    error: str | None = None


async def read_connector(session: ConnectorSession, book: BalanceBook) -> ConnectorReading:
    """This connector's balances now, or its last good ones and why they are not fresh."""
    last = book.last(session.connector_id)
    if session.state == "initializing":
        return ConnectorReading(session, "initializing", last, "the API key is being checked")
    if session.state == "invalid_credentials":
        return _failed(session, last, session.last_error or "invalid API key")
    try:
        return ConnectorReading(session, "ok", await book.read(session))
    except ExchangeCallFailed as failed:
        return _failed(session, last, failed.failure.detail)


def _failed(session: ConnectorSession, last: BalanceReading | None, error: str) -> ConnectorReading:
    return ConnectorReading(session, "stale" if last else "error", last, error)


async def read_account(
    scope: AccountScope, book: BalanceBook, prices: PriceBook | None = None
) -> tuple[list[ConnectorReading], dict[str, Quotes]]:
    """All connectors' readings and (when `prices` is given) each venue's quotes."""
    venues = {s.venue.exchange_id: s.venue for s in scope.sessions}
    quoting = {
        exchange_id: asyncio.create_task(prices.quotes(venue))
        for exchange_id, venue in venues.items()
        if prices is not None
    }
    readings = await asyncio.gather(*(read_connector(s, book) for s in scope.sessions))
    quotes = {exchange_id: await task for exchange_id, task in quoting.items()}
    return list(readings), quotes


async def portfolio(scope: AccountScope, book: BalanceBook, prices: PriceBook) -> Portfolio:
    readings, quotes = await read_account(scope, book, prices)
    connectors = [value_connector(r, quotes[r.session.venue.exchange_id]) for r in readings]
    totals = [c.total_usd for c in connectors if c.total_usd is not None]
    unpriced = sorted({a for c in connectors for a in c.unpriced_assets})
    return Portfolio(
        account=scope.account,
        as_of=utc_now(),
        total_usd=sum(totals, Decimal(0)) if totals or not connectors else None,
        partial=bool(unpriced) or any(c.status != "ok" or c.prices_stale for c in connectors),
        unpriced_assets=unpriced,
        connectors=connectors,
    )


def value_connector(reading: ConnectorReading, quotes: Quotes) -> ConnectorPortfolio:
    lines = []
    for asset in reading.reading.assets if reading.reading else []:
        price = quotes.usd_price(asset.asset)
        lines.append(
            BalanceLine(
                asset=asset.asset,
                free=asset.free,
                used=asset.used,
                total=asset.total,
                price_usd=price,
                value_usd=None if price is None else asset.total * price,
            )
        )
    values = [line.value_usd for line in lines if line.value_usd is not None]
    priced_none = bool(lines) and not values  # holdings, none of them priced: not $0
    return ConnectorPortfolio(
        connector_id=reading.session.connector_id,
        exchange=reading.session.connector.exchange,
        status=reading.status,
        error=reading.error,
        as_of=reading.reading.as_of if reading.reading else None,
        total_usd=None if reading.reading is None or priced_none else sum(values, Decimal(0)),
        unpriced_assets=[line.asset for line in lines if line.price_usd is None],
        prices_as_of=quotes.as_of,
        prices_stale=quotes.stale,
        balances=lines,
    )


async def balances(scope: AccountScope, book: BalanceBook) -> Balances:
    readings, _ = await read_account(scope, book)
    rows = [
        BalanceRow(
            connector_id=r.session.connector_id,
            exchange=r.session.connector.exchange,
            status=r.status,
            as_of=r.reading.as_of,
            asset=asset.asset,
            free=asset.free,
            used=asset.used,
            total=asset.total,
        )
        for r in readings
        if r.reading is not None
        for asset in r.reading.assets
    ]
    return Balances(
        account=scope.account,
        as_of=utc_now(),
        partial=any(r.status != "ok" for r in readings),
        errors={str(r.session.connector_id): r.error for r in readings if r.error},
        balances=rows,
    )
