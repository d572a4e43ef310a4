"""ccxt trades as fills: a malformed trade is left out of its page, in our own words."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from services.trading_bridge.fills.conversion import MalformedTrade, fill_from_trade, readable_fills
from tests.support.bridge_analytics import connector_ref

TRADE: dict[str, Any] = {
    "id": "17",
    "symbol": "SHARP/USDT",
    "side": "buy",
    "price": 0.05,
    "amount": 1000.0,
    "timestamp": 1_700_000_000_000,
    "order": "9",
    "takerOrMaker": "taker",
    "fee": {"cost": 0.05, "currency": "USDT"},
}
MALFORMED = {
    "no price": {"price": None},
    "no amount": {"amount": None},
    "price not a number": {"price": "n/a"},
    "unknown side": {"side": "short"},
    "no symbol": {"symbol": None},
    "no timestamp": {"timestamp": None},
}


def test_a_well_formed_trade_is_a_fill_with_its_exact_decimals() -> None:
    fill = fill_from_trade(TRADE, connector_ref())
    assert (fill.price, fill.amount, fill.cost) == (Decimal("0.05"), Decimal(1000), Decimal(50))


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_trade_raises_in_our_own_words(change: dict[str, Any]) -> None:
    with pytest.raises(MalformedTrade) as raised:
        fill_from_trade({**TRADE, **change}, connector_ref())
    assert str(raised.value) == "the exchange sent a trade that could not be read"


def test_a_malformed_trade_is_left_out_without_losing_the_rest_of_the_page() -> None:
    bad = {**TRADE, "id": "18", "price": None}
    page = [TRADE, bad, {**TRADE, "id": "19"}]

    fills, malformed = readable_fills(page, connector_ref())

    assert [fill.trade_id for fill in fills] == ["17", "19"]
    assert malformed == [bad]
