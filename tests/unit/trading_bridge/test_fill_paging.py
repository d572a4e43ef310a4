"""Where the next fill sync starts, and how trading pairs are read."""

from __future__ import annotations

import pytest

from services.trading_bridge.fills.repository import Cursor
from services.trading_bridge.fills.sync import next_position
from services.trading_bridge.fills.trading_pairs import TradingPair, tracked_symbols


def trade(trade_id: str, timestamp: int) -> dict[str, object]:
    return {"id": trade_id, "timestamp": timestamp}


def test_next_position_is_after_the_highest_id_and_at_the_newest_time() -> None:
    trades = [trade("17", 1_000), trade("19", 1_005), trade("18", 1_003)]
    assert next_position(trades, Cursor(next_from_id=17), page_size=10) == (20, 1_005)


def test_an_empty_page_leaves_the_cursor_where_it_was() -> None:
    assert next_position([], Cursor(next_from_id=5, since_ms=99), page_size=10) == (5, 99)


def test_a_full_page_within_one_millisecond_steps_past_it() -> None:
    trades = [trade(f"a{n}", 1_000) for n in range(3)]
    assert next_position(trades, Cursor(since_ms=1_000), page_size=3) == (None, 1_001)


def test_non_numeric_trade_ids_page_by_time_only() -> None:
    assert next_position([trade("x-1", 7)], Cursor(), page_size=10) == (None, 7)


@pytest.mark.parametrize("text", ["SHARP-USDT", "SHARP/USDT", "sharp-usdt"])
def test_both_pair_spellings_read_as_one_symbol(text: str) -> None:
    pair = TradingPair.parse(text)
    assert (pair.symbol, pair.name) == ("SHARP/USDT", "SHARP-USDT")


@pytest.mark.parametrize("text", ["SHARPUSDT", "SHARP-", "-USDT", "SHARP-USDT-X", "SHA RP/USDT"])
def test_malformed_pairs_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="BASE-QUOTE"):
        TradingPair.parse(text)


def test_tracked_pairs_that_do_not_parse_are_skipped() -> None:
    assert tracked_symbols(["SHARP-USDT", "junk", "ETH/USDT"]) == ["SHARP/USDT", "ETH/USDT"]
