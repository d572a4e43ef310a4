"""A ccxt trade structure (`fetch_my_trades`) as a stored fill.

ccxt parses numbers into floats; `to_decimal` recovers the exchange's decimal text (floats repr
as the shortest string that round-trips), and the notional is recomputed as price x amount in
Decimal rather than taken from ccxt's float product.

A trade missing a field a fill needs (ccxt leaves `price: None` when the exchange sent none),
or holding one that does not parse, is `MalformedTrade`: `readable_fills` leaves it out of its
page, counted, so one bad trade never costs the others.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import InvalidOperation
from typing import Any

from services.trading_bridge.amounts import to_decimal
from services.trading_bridge.fills.schemas import Fill, FillFee
from shared.control_plane_client import ConnectorRef


class MalformedTrade(Exception):
    """A trade the exchange sent that cannot be read as a fill (our wording, never theirs)."""


# ValueError covers pydantic's ValidationError (a side that is neither buy nor sell, say)
UNREADABLE = (KeyError, TypeError, ValueError, AttributeError, InvalidOperation)


def readable_fills(
    trades: list[dict[str, Any]], connector: ConnectorRef
) -> tuple[list[Fill], list[dict[str, Any]]]:
    """The page's trades as fills, and the malformed trades left out."""
    fills, malformed = [], []
    for trade in trades:
        try:
            fills.append(fill_from_trade(trade, connector))
        except MalformedTrade:
            malformed.append(trade)
    return fills, malformed


def fill_from_trade(trade: dict[str, Any], connector: ConnectorRef) -> Fill:
    """The trade as a fill; raises `MalformedTrade`."""
    try:
        return _fill(trade, connector)
    except UNREADABLE as exc:
        raise MalformedTrade("the exchange sent a trade that could not be read") from exc


def _fill(trade: dict[str, Any], connector: ConnectorRef) -> Fill:
    base, quote = str(trade["symbol"]).split("/")
    price, amount = to_decimal(trade["price"]), to_decimal(trade["amount"])
    order_id = trade.get("order")
    return Fill(
        connector_id=connector.connector_id,
        trade_id=str(trade["id"]),
        account=connector.account,
        exchange=connector.exchange,
        symbol=trade["symbol"],
        base=base,
        quote=quote.split(":")[0],
        side=trade["side"],
        price=price,
        amount=amount,
        cost=price * amount,
        fee=_fee(trade.get("fee")),
        order_id=str(order_id) if order_id is not None else None,
        taker_or_maker=trade.get("takerOrMaker"),
        executed_at=datetime.fromtimestamp(trade["timestamp"] / 1000, UTC),
    )


def _fee(fee: dict[str, Any] | None) -> FillFee | None:
    if not fee or fee.get("cost") is None or not fee.get("currency"):
        return None
    return FillFee(cost=to_decimal(fee["cost"]), currency=fee["currency"])
