"""Volume: the sum of fill notionals (price x amount, in the quote currency), in USD.

Each fill's notional is converted with the USD price of its quote currency: 1 for a stablecoin
(exact at any time), otherwise the caller's rate (the bridge passes the current exchange price).
A total that includes a fill whose quote cannot be priced is None, never a partial sum.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from services.trading_bridge.fills.schemas import Fill

ZERO = Decimal(0)
QuoteRate = Callable[[uuid.UUID, str], Decimal | None]
"""USD price of a quote currency on a connector's exchange, or None when unpriced."""


@dataclass(slots=True)
class Tally:
    fills: int = 0
    quote: Decimal = ZERO
    usd: Decimal | None = ZERO

    def add(self, fill: Fill, usd: Decimal | None) -> None:
        self.fills += 1
        self.quote += fill.cost
        self.usd = None if self.usd is None or usd is None else self.usd + usd


@dataclass(slots=True)
class VolumeTallies:
    total: Tally = field(default_factory=Tally)
    by_pair: defaultdict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_connector: defaultdict[uuid.UUID, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_day: defaultdict[date, Tally] = field(default_factory=lambda: defaultdict(Tally))
    unpriced_quotes: set[str] = field(default_factory=set)


def tally_volume(fills: Iterable[Fill], rate: QuoteRate) -> VolumeTallies:
    tallies = VolumeTallies()
    for fill in fills:
        price = rate(fill.connector_id, fill.quote)
        usd = None if price is None else fill.cost * price
        if price is None:
            tallies.unpriced_quotes.add(fill.quote)
        for tally in (
            tallies.total,
            tallies.by_pair[fill.trading_pair],
            tallies.by_connector[fill.connector_id],
            tallies.by_day[fill.executed_at.date()],
        ):
            tally.add(fill, usd)
    return tallies
