"""Start balances reconstructed from fills, their valuation, and volume tallies."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal as D

from services.trading_bridge.fills.schemas import Fill, FillFee
from services.trading_bridge.pnl.hold import balance_changes, subtract, value_usd
from services.trading_bridge.volume.calculation import tally_volume

CONNECTOR = uuid.uuid4()
PRICES = {"USDT": D(1), "SHARP": D("0.05"), "BNB": D(600)}


def fill(side: str, amount: str, price: str, fee: FillFee | None, quote: str = "USDT") -> Fill:
    return Fill(
        connector_id=CONNECTOR,
        trade_id=str(uuid.uuid4()),
        account="acme",
        exchange="binance",
        symbol=f"SHARP/{quote}",
        base="SHARP",
        quote=quote,
        side=side,
        price=D(price),
        amount=D(amount),
        cost=D(price) * D(amount),
        fee=fee,
        executed_at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
    )


def test_balance_changes_count_both_sides_and_every_fee_currency() -> None:
    fills = [
        fill("buy", "1000", "0.04", FillFee(cost=D(1), currency="SHARP")),
        fill("sell", "500", "0.06", FillFee(cost=D("0.001"), currency="BNB")),
    ]
    assert balance_changes(fills) == {"SHARP": D(499), "USDT": D(-10), "BNB": D("-0.001")}


def test_start_balances_are_current_minus_the_changes() -> None:
    current = {"SHARP": D(1499), "USDT": D(90)}
    start = subtract(current, {"SHARP": D(499), "USDT": D(-10), "BNB": D("-0.001")})
    assert start == {"BNB": D("0.001"), "SHARP": D(1000), "USDT": D(100)}


def test_value_of_balances_with_an_unpriced_asset_is_none_and_names_it() -> None:
    assert value_usd({"SHARP": D(100), "USDT": D(5)}, PRICES.get) == (D(10), [])
    assert value_usd({"SHARP": D(100), "XYZ": D(1)}, PRICES.get) == (None, ["XYZ"])
    assert value_usd({"XYZ": D(0)}, PRICES.get) == (D(0), [])  # nothing held, nothing to price


def test_volume_converts_each_notional_and_an_unpriced_quote_voids_its_totals() -> None:
    fills = [fill("buy", "1000", "0.04", None), fill("sell", "10", "0.001", None, quote="ETH")]
    tallies = tally_volume(fills, lambda _, quote: PRICES.get(quote))
    assert tallies.by_pair["SHARP-USDT"].usd == D(40)
    assert tallies.by_pair["SHARP-ETH"].usd is None
    assert tallies.by_pair["SHARP-ETH"].quote == D("0.01")
    assert tallies.total.usd is None and tallies.total.fills == 2
    assert tallies.unpriced_quotes == {"ETH"}
