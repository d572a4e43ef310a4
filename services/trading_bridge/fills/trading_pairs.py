"""Trading pairs as users write them (`SHARP-USDT` or `SHARP/USDT`) and as ccxt names them."""

from __future__ import annotations

import re
from dataclasses import dataclass

PAIR_PATTERN = r"^[A-Za-z0-9.]{1,20}[-/][A-Za-z0-9.]{1,20}$"
_SEPARATOR = re.compile(r"[-/]")


@dataclass(frozen=True, slots=True)
class TradingPair:
    base: str
    quote: str

    @classmethod
    def parse(cls, text: str) -> TradingPair:
        """`SHARP-USDT`, `sharp/usdt` → TradingPair("SHARP", "USDT"); ValueError otherwise."""
        if not re.match(PAIR_PATTERN, text):
            raise ValueError(f"trading pair must look like BASE-QUOTE or BASE/QUOTE: {text!r}")
        base, quote = _SEPARATOR.split(text.upper())
        return cls(base, quote)

    @property
    def symbol(self) -> str:
        """The ccxt spot symbol, `SHARP/USDT`."""
        return f"{self.base}/{self.quote}"

    @property
    def name(self) -> str:
        """The Hummingbot-style name, `SHARP-USDT`."""
        return f"{self.base}-{self.quote}"


def tracked_symbols(pairs: list[str]) -> list[str]:
    """ccxt symbols of a connector's tracked pairs, skipping any that do not parse."""
    symbols = []
    for text in pairs:
        try:
            symbols.append(TradingPair.parse(text).symbol)
        except ValueError:
            continue
    return symbols
