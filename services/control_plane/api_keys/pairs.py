"""Trading pairs as keys track them: `BASE/QUOTE`, upper case (`sharp-usdt` → `SHARP/USDT`)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

_PAIR = re.compile(r"^([A-Z0-9]{1,20})[/-]([A-Z0-9]{1,20})$")


def normalise_pair(text: str) -> str:
    match = _PAIR.match(text.strip().upper())
    if not match:
        raise ValueError(f"{text[:48]!r} is not a trading pair like SHARP/USDT")
    return f"{match.group(1)}/{match.group(2)}"


def unique_pairs(pairs: list[str]) -> list[str]:
    return list(dict.fromkeys(pairs))


TradingPair = Annotated[str, AfterValidator(normalise_pair)]
TrackedPairs = Annotated[list[TradingPair], AfterValidator(unique_pairs)]
