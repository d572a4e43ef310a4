"""Binance's order endpoints: new, query, cancel, open orders and all orders."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from simulators.exchange import binance_errors as errors
from simulators.exchange.amounts import is_multiple
from simulators.exchange.binance_errors import BinanceError
from simulators.exchange.binance_format import (
    Json,
    order_ack,
    order_canceled,
    order_full,
    order_query,
    order_result,
)
from simulators.exchange.binance_http import Call
from simulators.exchange.history import Window
from simulators.exchange.market import Market, MarketRules
from simulators.exchange.matching import OrderRequest
from simulators.exchange.orders import Order, OrderType, Side, TimeInForce
from simulators.exchange.params import Params

RESPONSE_TYPES: dict[str, Callable[[Order], Json]] = {
    "ACK": order_ack,
    "RESULT": order_result,
    "FULL": order_full,
}


def new_order(call: Call) -> Json:
    market = call.exchange.market(call.params.text("symbol"))
    render = RESPONSE_TYPES.get(call.params.optional_text("newOrderRespType") or "FULL")
    if render is None:
        raise errors.invalid_value("newOrderRespType")
    request = order_request(call.params, market.rules)
    return render(call.exchange.engine.place(call.account, market, request))


def query_order(call: Call) -> Json:
    return order_query(_find_order(call))


def cancel_order(call: Call) -> Json:
    order = _find_order(call, missing=errors.unknown_order())
    if not order.is_open:
        raise errors.unknown_order()
    call.exchange.engine.cancel(call.exchange.market(order.symbol), order)
    return order_canceled(order, _cancel_id(call.params, order))


def open_orders(call: Call) -> list[Json]:
    symbol = call.params.optional_text("symbol")
    if symbol is not None:
        call.exchange.market(symbol)
    orders = call.account.orders.values()
    return [order_query(o) for o in orders if o.is_open and (symbol is None or o.symbol == symbol)]


def cancel_open_orders(call: Call) -> list[Json]:
    market = call.exchange.market(call.params.text("symbol"))
    orders = [o for o in call.account.orders.values() if o.is_open and o.symbol == market.symbol]
    if not orders:
        raise errors.unknown_order()
    for order in orders:
        call.exchange.engine.cancel(market, order)
    return [order_canceled(order, _cancel_id(call.params, order)) for order in orders]


def all_orders(call: Call) -> list[Json]:
    market = call.exchange.market(call.params.text("symbol"))
    window = Window.from_params(call.params, id_param="orderId")
    if window.start is not None or window.end is not None:
        window = Window(None, window.start, window.end, window.limit)
    orders = [o for o in call.account.orders.values() if o.symbol == market.symbol]
    selected = window.select(orders, ident=lambda o: o.order_id, time=lambda o: o.time)
    return [order_query(order) for order in selected]


def order_request(params: Params, rules: MarketRules) -> OrderRequest:
    """Read and check a new order's parameters against the market's filters."""
    side = params.choice("side", Side)
    order_type = params.choice("type", OrderType)
    client_order_id = params.optional_text("newClientOrderId")
    if order_type is OrderType.MARKET:
        return _market_request(params, rules, side, client_order_id)
    time_in_force = None
    if order_type is OrderType.LIMIT:
        time_in_force = params.choice("timeInForce", TimeInForce)
    return OrderRequest(
        side=side,
        type=order_type,
        client_order_id=client_order_id,
        time_in_force=time_in_force,
        price=_checked_price(params, rules),
        qty=_checked_qty(params.optional_decimal("quantity"), rules, required=True),
    )


def _market_request(
    params: Params, rules: MarketRules, side: Side, client_order_id: str | None
) -> OrderRequest:
    if "price" in params:
        raise not_required("price")
    qty = _checked_qty(params.optional_decimal("quantity"), rules, required=False)
    quote_qty = params.optional_decimal("quoteOrderQty")
    if quote_qty is not None and quote_qty > rules.max_notional:
        raise errors.filter_failure("NOTIONAL")
    if (qty is None) == (quote_qty is None):
        if qty is None:
            raise BinanceError(
                -1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!"
            )
        raise not_required("quoteOrderQty")
    return OrderRequest(side, OrderType.MARKET, client_order_id, qty=qty, quote_qty=quote_qty)


def not_required(name: str) -> BinanceError:
    return BinanceError(-1106, f"Parameter '{name}' sent when not required.")


def _checked_price(params: Params, rules: MarketRules) -> Decimal:
    price = params.optional_decimal("price")
    if price is None:
        raise errors.missing_parameter("price")
    if not (rules.tick_size <= price <= rules.max_price and is_multiple(price, rules.tick_size)):
        raise errors.filter_failure("PRICE_FILTER")
    return price


def _checked_qty(qty: Decimal | None, rules: MarketRules, *, required: bool) -> Decimal | None:
    if qty is None:
        if required:
            raise errors.missing_parameter("quantity")
        return None
    if not (rules.min_qty <= qty <= rules.max_qty and is_multiple(qty, rules.step_size)):
        raise errors.filter_failure("LOT_SIZE")
    return qty


def _find_order(call: Call, missing: BinanceError | None = None) -> Order:
    market: Market = call.exchange.market(call.params.text("symbol"))
    order_id = call.params.optional_int("orderId")
    client_order_id = call.params.optional_text("origClientOrderId")
    if order_id is None and client_order_id is None:
        raise BinanceError(
            -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"
        )
    if order_id is not None:
        order = call.account.orders.get(order_id)
    else:
        order = call.account.latest_by_client_id.get((market.symbol, client_order_id or ""))
    if order is None or order.symbol != market.symbol:
        raise missing or errors.order_does_not_exist()
    return order


def _cancel_id(params: Params, order: Order) -> str:
    return params.optional_text("newClientOrderId") or f"cancel-{order.order_id}"
