from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from services.control_plane.api_keys.pairs import TrackedPairs

PAIRS = TypeAdapter(TrackedPairs)


def test_pairs_are_normalised_to_base_slash_quote_once_each() -> None:
    assert PAIRS.validate_python(["sharp-usdt", "SHARP/USDT", "eth/btc"]) == [
        "SHARP/USDT",
        "ETH/BTC",
    ]


@pytest.mark.parametrize("pair", ["SHARPUSDT", "SHARP/", "/USDT", "A/B/C", "SHA RP/USDT", ""])
def test_malformed_pair_is_refused(pair: str) -> None:
    with pytest.raises(ValidationError, match="not a trading pair"):
        PAIRS.validate_python([pair])
