"""The average-cost PnL math against figures worked out by hand."""

from __future__ import annotations

import random
from decimal import Decimal as D

from services.trading_bridge.pnl.average_cost import (
    Fee,
    Market,
    PairFill,
    Position,
    average_cost_pnl,
    base_delta,
)

SHARP_USDT = Market(base="SHARP", quote="USDT", mid_price=D("2.5"))


def buy(amount: str, price: str, fee: Fee | None = None) -> PairFill:
    return PairFill("buy", D(price), D(amount), fee)


def sell(amount: str, price: str, fee: Fee | None = None) -> PairFill:
    return PairFill("sell", D(price), D(amount), fee)


def test_buys_average_their_cost_and_a_sell_realises_against_it() -> None:
    pnl = average_cost_pnl([buy("10", "1"), buy("10", "2"), sell("5", "3")], SHARP_USDT)
    assert pnl.average_cost == D("1.5")
    assert pnl.position == D("15")
    assert pnl.realised_quote == D("7.5")  # 5 x (3 - 1.5)
    assert pnl.unrealised_quote == D("15")  # 15 x (2.5 - 1.5)
    assert pnl.volume_quote == D("45")  # 10 + 20 + 15
    assert pnl.fees_quote == 0
    assert pnl.net_quote == D("22.5")
    assert pnl.unavailable == {}


def test_selling_more_than_inventory_realises_the_held_part_and_goes_negative() -> None:
    pnl = average_cost_pnl([buy("10", "1"), sell("15", "2")], SHARP_USDT)
    assert pnl.realised_quote == D("10")  # only the 10 held: 10 x (2 - 1)
    assert pnl.position == D("-5")
    assert pnl.average_cost == D("2")  # the excess is measured from its sell price
    assert pnl.unrealised_quote == D("-2.5")  # -5 x (2.5 - 2): sold below today's mid


def test_buying_back_a_negative_position_realises_the_difference() -> None:
    pnl = average_cost_pnl([sell("5", "2"), buy("8", "1")], SHARP_USDT)
    assert pnl.realised_quote == D("5")  # 5 x (2 - 1)
    assert pnl.position == D("3")
    assert pnl.average_cost == D("1")  # the 3 left over were bought at 1


def test_a_flat_position_starts_a_fresh_average_cost() -> None:
    pnl = average_cost_pnl([buy("4", "1"), sell("4", "3"), buy("2", "5")], SHARP_USDT)
    assert pnl.realised_quote == D("8")
    assert pnl.average_cost == D("5")


def test_a_fee_in_base_reduces_the_amount_received_and_counts_once_as_a_fee() -> None:
    fills = [buy("10", "2", Fee(D("0.01"), "SHARP")), sell("9.99", "3", Fee(D("0.02997"), "USDT"))]
    pnl = average_cost_pnl(fills, SHARP_USDT)
    assert pnl.position == 0
    assert pnl.realised_quote == D("9.99")  # 9.99 x (3 - 2): the average cost stays 2
    assert pnl.fees_quote == D("0.04997")  # 0.01 SHARP at 2 + 0.02997 USDT
    assert pnl.fees_by_currency == {"SHARP": D("0.01"), "USDT": D("0.02997")}
    assert pnl.net_quote == D("9.94003")


def test_a_fee_in_base_on_a_sell_leaves_the_position_too() -> None:
    assert base_delta(sell("5", "2", Fee(D("0.1"), "SHARP")), "SHARP") == D("-5.1")


def test_a_fee_in_a_third_currency_is_converted_at_its_rate() -> None:
    market = Market("SHARP", "USDT", D("2"), fee_rates={"BNB": D("600")})
    pnl = average_cost_pnl([buy("10", "2", Fee(D("0.001"), "BNB"))], market)
    assert pnl.fees_quote == D("0.6")
    assert pnl.position == D("10")  # a BNB fee leaves the base untouched
    assert pnl.net_quote == D("-0.6")


def test_a_fee_in_an_unpriced_currency_makes_fees_and_net_unavailable_not_zero() -> None:
    pnl = average_cost_pnl([buy("10", "2", Fee(D("0.001"), "BNB"))], SHARP_USDT)
    assert pnl.fees_quote is None
    assert pnl.net_quote is None
    assert "BNB" in pnl.unavailable["fees_quote"]
    assert pnl.fees_by_currency == {"BNB": D("0.001")}
    assert pnl.realised_quote == 0


def test_an_open_position_without_a_mid_price_has_unavailable_unrealised() -> None:
    pnl = average_cost_pnl([buy("1", "2")], Market("SHARP", "USDT", mid_price=None))
    assert pnl.unrealised_quote is None
    assert pnl.unavailable["unrealised_quote"] == "no mid price for SHARP/USDT"
    assert "unrealised_quote" in pnl.unavailable["net_quote"]


def test_no_fills_is_a_flat_zero_even_without_a_mid_price() -> None:
    pnl = average_cost_pnl([], Market("SHARP", "USDT", mid_price=None))
    assert (pnl.fills, pnl.position, pnl.average_cost) == (0, D(0), None)
    assert (pnl.realised_quote, pnl.unrealised_quote, pnl.net_quote) == (D(0), D(0), D(0))


def test_a_zero_amount_trade_leaves_the_position_unchanged() -> None:
    position = Position(D("3"), D("2"))
    assert position.trade(D("0"), D("9")) == (position, D(0))


def test_net_pnl_equals_the_change_in_quote_plus_base_at_the_mid() -> None:
    rng = random.Random(7)
    market = Market("SHARP", "USDT", mid_price=D("1.37"))
    for _ in range(20):
        fills = [random_fill(rng) for _ in range(rng.randint(1, 25))]
        pnl = average_cost_pnl(fills, market)
        quote_change = sum(
            (f.notional if f.side == "sell" else -f.notional) - quote_fee(f) for f in fills
        )
        base_change = sum(base_delta(f, "SHARP") for f in fills)
        assert pnl.net_quote is not None
        assert abs(pnl.net_quote - (quote_change + D("1.37") * base_change)) < D("1e-18")


def random_fill(rng: random.Random) -> PairFill:
    price = D(rng.randint(50, 250)) / 100
    amount = D(rng.randint(1, 1000)) / 10
    fee = Fee(amount / 1000, rng.choice(["SHARP", "USDT"]))
    return PairFill(rng.choice(["buy", "sell"]), price, amount, fee)


def quote_fee(fill: PairFill) -> D:
    return fill.fee.cost if fill.fee and fill.fee.currency == "USDT" else D(0)
