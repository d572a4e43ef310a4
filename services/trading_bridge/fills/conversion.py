"""A ccxt trade structure (`fetch_my_trades`) as a stored fill.

ccxt parses numbers into floats; `to_decimal` recovers the exchange's decimal text (floats repr
as the shortest string that round-trips), and the notional is recomputed as price x amount in
Decimal rather than taken from ccxt's float product.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from services.trading_bridge.amounts import to_decimal
from services.trading_bridge.fills.schemas import Fill, FillFee
from shared.control_plane_client import ConnectorRef


def fill_from_trade(trade: dict[str, Any], connector: ConnectorRef) -> Fill:
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
