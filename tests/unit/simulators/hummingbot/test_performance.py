"""The average-cost ledger behind every bot's performance report."""

from decimal import Decimal

from simulators.hummingbot.performance import Fill, Ledger


def fill(trade_id: str, side: str, price: str, amount: str, fee_quote: str = "0") -> Fill:
    return Fill(trade_id, 0, side, Decimal(price), Decimal(amount), Decimal(fee_quote))


def test_sell_after_buys_realises_against_average_cost() -> None:
    ledger = Ledger()
    ledger.apply(fill("1", "buy", "100", "1"))
    ledger.apply(fill("2", "buy", "110", "1"))
    ledger.apply(fill("3", "sell", "120", "1"))

    report = ledger.report(mid=Decimal(100), open_order_volume=Decimal(0))

    assert report["realized_pnl_quote"] == 15.0
    assert report["unrealized_pnl_quote"] == -5.0
    assert report["global_pnl_quote"] == 10.0
    assert report["volume_traded"] == 330.0
    assert report["inventory_imbalance"] == 1.0


def test_spread_captured_when_the_ask_fills_before_the_bid() -> None:
    ledger = Ledger()
    ledger.apply(fill("1", "sell", "101", "2"))
    ledger.apply(fill("2", "buy", "99", "2"))

    report = ledger.report(mid=Decimal(100), open_order_volume=Decimal(0))

    assert report["realized_pnl_quote"] == 4.0
    assert report["unrealized_pnl_quote"] == 0.0
    assert report["inventory_imbalance"] == 0.0


def test_fees_reduce_realised_pnl_and_a_repeated_fill_counts_once() -> None:
    ledger = Ledger()
    ledger.apply(fill("1", "buy", "100", "1", fee_quote="0.1"))
    ledger.apply(fill("1", "buy", "100", "1", fee_quote="0.1"))

    report = ledger.report(mid=Decimal(100), open_order_volume=Decimal(50))

    assert report["realized_pnl_quote"] == -0.1
    assert report["fees_quote"] == 0.1
    assert report["volume_traded"] == 100.0
    assert report["open_order_volume"] == 50.0


def test_fill_through_zero_opens_the_opposite_position_at_its_price() -> None:
    ledger = Ledger()
    ledger.apply(fill("1", "buy", "100", "1"))
    ledger.apply(fill("2", "sell", "105", "3"))

    report = ledger.report(mid=Decimal(104), open_order_volume=Decimal(0))

    assert report["realized_pnl_quote"] == 5.0
    assert report["inventory_imbalance"] == -2.0
    assert report["unrealized_pnl_quote"] == 2.0
