"""The exchange's objects rendered with Binance's field names and string amounts."""

from __future__ import annotations

from typing import Any

from simulators.exchange.accounts import Account
from simulators.exchange.amounts import ZERO, format_amount
from simulators.exchange.orders import Fill, Order, Side, TimeInForce

Json = dict[str, Any]
NO_STP = "NONE"


def order_ack(order: Order) -> Json:
    return {
        "symbol": order.symbol,
        "orderId": order.order_id,
        "orderListId": -1,
        "clientOrderId": order.client_order_id,
        "transactTime": order.time,
    }


def order_result(order: Order) -> Json:
    return order_ack(order) | _order_state(order) | {"workingTime": order.time}


def order_full(order: Order) -> Json:
    return order_result(order) | {"fills": [_order_fill(fill) for fill in order.fills]}


def order_query(order: Order) -> Json:
    return {
        "symbol": order.symbol,
        "orderId": order.order_id,
        "orderListId": -1,
        "clientOrderId": order.client_order_id,
        **_order_state(order),
        "stopPrice": format_amount(ZERO),
        "icebergQty": format_amount(ZERO),
        "time": order.time,
        "updateTime": order.update_time,
        "isWorking": True,
        "workingTime": order.time,
    }


def order_canceled(order: Order, cancel_client_order_id: str) -> Json:
    return {
        "symbol": order.symbol,
        "origClientOrderId": order.client_order_id,
        "orderId": order.order_id,
        "orderListId": -1,
        "clientOrderId": cancel_client_order_id,
        "transactTime": order.update_time,
        **_order_state(order),
    }


def _order_state(order: Order) -> Json:
    return {
        "price": format_amount(order.price),
        "origQty": format_amount(order.orig_qty),
        "executedQty": format_amount(order.executed_qty),
        "origQuoteOrderQty": format_amount(order.orig_quote_qty),
        "cummulativeQuoteQty": format_amount(order.cumulative_quote_qty),
        "status": order.status.value,
        "timeInForce": (order.time_in_force or TimeInForce.GTC).value,
        "type": order.type.value,
        "side": order.side.value,
        "selfTradePreventionMode": NO_STP,
    }


def _order_fill(fill: Fill) -> Json:
    return {
        "price": format_amount(fill.price),
        "qty": format_amount(fill.qty),
        "commission": format_amount(fill.commission),
        "commissionAsset": fill.commission_asset,
        "tradeId": fill.trade_id,
    }


def account_trade(fill: Fill) -> Json:
    return {
        "symbol": fill.symbol,
        "id": fill.trade_id,
        "orderId": fill.order_id,
        "orderListId": -1,
        "price": format_amount(fill.price),
        "qty": format_amount(fill.qty),
        "quoteQty": format_amount(fill.quote_qty),
        "commission": format_amount(fill.commission),
        "commissionAsset": fill.commission_asset,
        "time": fill.time,
        "isBuyer": fill.side is Side.BUY,
        "isMaker": fill.is_maker,
        "isBestMatch": True,
    }


def balances(account: Account, *, omit_zero: bool = False) -> list[Json]:
    return [
        {"asset": asset, "free": format_amount(b.free), "locked": format_amount(b.locked)}
        for asset, b in sorted(account.balances.items())
        if not (omit_zero and b.free == ZERO and b.locked == ZERO)
    ]
