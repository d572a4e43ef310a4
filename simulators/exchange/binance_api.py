"""The Binance spot REST subset the simulator speaks: paths, security and request weights.

Weights are Binance's (IP weight per request); `X-MBX-USED-WEIGHT-1M` reports their sum.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.routing import Route

from simulators.exchange import account_api, market_data, trading_api
from simulators.exchange.binance_http import Endpoint, binance_route
from simulators.exchange.params import INTEGER, Params
from simulators.exchange.state import SimulatorState

DEPTH_WEIGHTS = ((100, 5), (500, 25), (1000, 50), (5000, 250))


def _depth_weight(params: Params) -> int:
    limit = params.values.get("limit", "")
    wanted = int(limit) if INTEGER.fullmatch(limit) else 100
    return next((weight for top, weight in DEPTH_WEIGHTS if wanted <= top), 250)


def _ticker_24hr_weight(params: Params) -> int:
    if params.values.get("symbol"):
        return 2
    symbols = params.values.get("symbols")
    count = symbols.count(",") + 1 if symbols else 0
    if count == 0 or count > 100:
        return 80
    return 2 if count <= 20 else 40


def _one_or_many(single: int, many: int) -> Callable[[Params], int]:
    """Weight `single` with a `symbol` parameter, `many` without."""
    return lambda params: single if params.values.get("symbol") else many


ENDPOINTS = [
    Endpoint("GET", "/api/v3/ping", market_data.ping, 1),
    Endpoint("GET", "/api/v3/time", market_data.server_time, 1),
    Endpoint("GET", "/api/v3/exchangeInfo", market_data.ExchangeInfo(), 20),
    Endpoint("GET", "/api/v3/depth", market_data.depth, _depth_weight),
    Endpoint("GET", "/api/v3/ticker/24hr", market_data.ticker_24hr, _ticker_24hr_weight),
    Endpoint("GET", "/api/v3/ticker/price", market_data.ticker_price, _one_or_many(2, 4)),
    Endpoint("GET", "/api/v3/ticker/bookTicker", market_data.book_ticker, _one_or_many(2, 4)),
    Endpoint("GET", "/api/v3/account", account_api.account_information, 20, signed=True),
    Endpoint("GET", "/api/v3/myTrades", account_api.account_trades, 20, signed=True),
    Endpoint("POST", "/api/v3/order", trading_api.new_order, 1, signed=True),
    Endpoint("GET", "/api/v3/order", trading_api.query_order, 4, signed=True),
    Endpoint("DELETE", "/api/v3/order", trading_api.cancel_order, 1, signed=True),
    Endpoint(
        "GET", "/api/v3/openOrders", trading_api.open_orders, _one_or_many(6, 80), signed=True
    ),
    Endpoint("DELETE", "/api/v3/openOrders", trading_api.cancel_open_orders, 1, signed=True),
    Endpoint("GET", "/api/v3/allOrders", trading_api.all_orders, 20, signed=True),
    Endpoint(
        "GET", "/sapi/v1/account/apiRestrictions", account_api.api_restrictions, 1, signed=True
    ),
    Endpoint("GET", "/sapi/v1/system/status", market_data.system_status, 1),
]


def binance_routes(state: SimulatorState) -> list[Route]:
    return [binance_route(endpoint, state) for endpoint in ENDPOINTS]
