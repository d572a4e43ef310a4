"""What a controller reads from its exchange through ccxt."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ccxt.async_support import Exchange

from simulators.hummingbot.performance import Fill

TRADES_PAGE = 500


class NoPrice(Exception):
    """The market has neither a bid/ask pair nor a last price to quote around."""


async def mid_price(exchange: Exchange, symbol: str) -> Decimal:
    ticker = await exchange.fetch_ticker(symbol)
    bid, ask = ticker.get("bid"), ticker.get("ask")
    if bid and ask:
        return (Decimal(str(bid)) + Decimal(str(ask))) / 2
    if ticker.get("last"):
        return Decimal(str(ticker["last"]))
    raise NoPrice(f"{symbol} has no bid, ask or last price")


async def own_open_orders(
    exchange: Exchange, symbol: str, order_ids: set[str]
) -> list[dict[str, Any]]:
    orders: list[dict[str, Any]] = await exchange.fetch_open_orders(symbol)
    return [order for order in orders if str(order["id"]) in order_ids]


async def own_fills_since(
    exchange: Exchange, symbol: str, since_ms: int, order_ids: set[str]
) -> list[Fill]:
    """Fills of the given orders from `since_ms` on, paging through the account's trades."""
    await exchange.load_markets()
    market = exchange.market(symbol)
    fills: list[Fill] = []
    while True:
        page = await exchange.fetch_my_trades(symbol, since=since_ms, limit=TRADES_PAGE)
        fills += [
            Fill.from_ccxt(trade, market["base"], market["quote"])
            for trade in page
            if str(trade["order"]) in order_ids
        ]
        if len(page) < TRADES_PAGE:
            return fills
        since_ms = int(page[-1]["timestamp"]) + 1
