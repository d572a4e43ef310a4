"""Binance's public endpoints: ping, time, exchangeInfo, tickers and depth."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

from simulators.exchange.amounts import ZERO, format_amount
from simulators.exchange.binance_format import Json
from simulators.exchange.binance_http import Call
from simulators.exchange.book import Level, aggregate
from simulators.exchange.exchange import Exchange
from simulators.exchange.market import Market

DAY_MS = 86_400_000
ORDER_TYPES = ["LIMIT", "LIMIT_MAKER", "MARKET"]
RATE_LIMITS = [
    {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000},
    {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 100},
    {"rateLimitType": "RAW_REQUESTS", "interval": "MINUTE", "intervalNum": 5, "limit": 61000},
]


def ping(call: Call) -> Json:
    return {}


def server_time(call: Call) -> Json:
    return {"serverTime": call.now}


def system_status(call: Call) -> Json:
    """Always normal: faults, not this endpoint, play an unavailable exchange."""
    return {"status": 0, "msg": "normal"}


class ExchangeInfo:
    """exchangeInfo, with the symbol list serialized once per change of the market set."""

    def __init__(self) -> None:
        self._version = -1
        self._symbols = b"[]"

    def __call__(self, call: Call) -> bytes:
        wanted = _requested_markets(call)
        symbols = (
            self._all_symbols(call.exchange)
            if wanted is None
            else json.dumps([symbol_info(m) for m in wanted]).encode()
        )
        head = {
            "timezone": "UTC",
            "serverTime": call.now,
            "rateLimits": RATE_LIMITS,
            "exchangeFilters": [],
        }
        # the cached symbol list is spliced in as the object's last member
        return json.dumps(head).encode()[:-1] + b',"symbols":' + symbols + b"}"

    def _all_symbols(self, exchange: Exchange) -> bytes:
        if self._version != exchange.markets_version:
            infos = [symbol_info(market) for market in exchange.markets.values()]
            self._symbols = json.dumps(infos, separators=(",", ":")).encode()
            self._version = exchange.markets_version
        return self._symbols


def symbol_info(market: Market) -> Json:
    rules = market.rules
    return {
        "symbol": market.symbol,
        "status": "TRADING",
        "baseAsset": market.base,
        "baseAssetPrecision": 8,
        "quoteAsset": market.quote,
        "quotePrecision": 8,
        "quoteAssetPrecision": 8,
        "baseCommissionPrecision": 8,
        "quoteCommissionPrecision": 8,
        "orderTypes": ORDER_TYPES,
        "icebergAllowed": False,
        "ocoAllowed": False,
        "otoAllowed": False,
        "quoteOrderQtyMarketAllowed": True,
        "allowTrailingStop": False,
        "cancelReplaceAllowed": False,
        "isSpotTradingAllowed": True,
        "isMarginTradingAllowed": False,
        "filters": [
            {
                "filterType": "PRICE_FILTER",
                "minPrice": format_amount(rules.tick_size),
                "maxPrice": format_amount(rules.max_price),
                "tickSize": format_amount(rules.tick_size),
            },
            {
                "filterType": "LOT_SIZE",
                "minQty": format_amount(rules.min_qty),
                "maxQty": format_amount(rules.max_qty),
                "stepSize": format_amount(rules.step_size),
            },
            {
                "filterType": "NOTIONAL",
                "minNotional": format_amount(rules.min_notional),
                "applyMinToMarket": True,
                "maxNotional": format_amount(rules.max_notional),
                "applyMaxToMarket": False,
                "avgPriceMins": 5,
            },
        ],
        "permissions": [],
        "permissionSets": [["SPOT"]],
        "defaultSelfTradePreventionMode": "NONE",
        "allowedSelfTradePreventionModes": ["NONE"],
    }


def ticker_24hr(call: Call) -> Json | list[Json]:
    return _per_market(call, lambda market: _day_stats(market, call.now))


def ticker_price(call: Call) -> Json | list[Json]:
    return _per_market(call, lambda m: {"symbol": m.symbol, "price": format_amount(m.mid)})


def book_ticker(call: Call) -> Json | list[Json]:
    return _per_market(call, _top_of_book)


def depth(call: Call) -> Json:
    market = call.exchange.market(call.params.text("symbol"))
    limit = call.params.limit(default=100, maximum=5000)
    bids, asks = book_depth(market, limit)
    return {
        "lastUpdateId": market.update_id,
        "bids": [[format_amount(p), format_amount(q)] for p, q in bids],
        "asks": [[format_amount(p), format_amount(q)] for p, q in asks],
    }


def book_depth(market: Market, limit: int) -> tuple[list[Level], list[Level]]:
    """Resting orders and synthetic quotes, aggregated by price, best first."""
    synthetic_bids, synthetic_asks = market.synthetic_levels()
    bids = aggregate(market.book.bids, synthetic_bids)
    asks = aggregate(market.book.asks, synthetic_asks)
    return (
        [Level(p, bids[p]) for p in sorted(bids, reverse=True)[:limit]],
        [Level(p, asks[p]) for p in sorted(asks)[:limit]],
    )


def _requested_markets(call: Call) -> list[Market] | None:
    symbol = call.params.optional_text("symbol")
    if symbol is not None:
        return [call.exchange.market(symbol)]
    symbols = call.params.symbol_list()
    if symbols is None:
        return None
    return [call.exchange.market(symbol) for symbol in symbols]


def _per_market(call: Call, render: Callable[[Market], Json]) -> Json | list[Json]:
    """One object for `symbol`, a list for `symbols` or for every market."""
    if "symbol" in call.params:
        return render(call.exchange.market(call.params.text("symbol")))
    markets = _requested_markets(call)
    return [render(m) for m in (call.exchange.markets.values() if markets is None else markets)]


def _top_of_book(market: Market) -> Json:
    bids, asks = book_depth(market, 1)
    bid, ask = (bids or [Level(ZERO, ZERO)])[0], (asks or [Level(ZERO, ZERO)])[0]
    return {
        "symbol": market.symbol,
        "bidPrice": format_amount(bid.price),
        "bidQty": format_amount(bid.qty),
        "askPrice": format_amount(ask.price),
        "askQty": format_amount(ask.qty),
    }


def _day_stats(market: Market, now: int) -> Json:
    stats = market.stats
    change = market.mid - stats.open_price
    average = stats.quote_volume / stats.volume if stats.volume else market.mid
    top = _top_of_book(market)
    return {
        "symbol": market.symbol,
        "priceChange": format_amount(change),
        "priceChangePercent": f"{change / stats.open_price * 100:.3f}",
        "weightedAvgPrice": format_amount(average.quantize(Decimal("1e-8"))),
        "prevClosePrice": format_amount(stats.open_price),
        "lastPrice": format_amount(market.mid),
        "lastQty": format_amount(stats.last_qty),
        "bidPrice": top["bidPrice"],
        "bidQty": top["bidQty"],
        "askPrice": top["askPrice"],
        "askQty": top["askQty"],
        "openPrice": format_amount(stats.open_price),
        "highPrice": format_amount(stats.high),
        "lowPrice": format_amount(stats.low),
        "volume": format_amount(stats.volume),
        "quoteVolume": format_amount(stats.quote_volume),
        "openTime": max(stats.open_time, now - DAY_MS),
        "closeTime": now,
        "firstId": stats.first_trade_id,
        "lastId": stats.last_trade_id,
        "count": stats.count,
    }
