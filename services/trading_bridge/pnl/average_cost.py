"""Average-cost PnL of one pair's fills, as freqtrade and Hummingbot V2 compute it.

The position starts flat at the first fill given. A trade that extends the position (a buy while
long or flat, a sell while short or flat) recomputes the average cost; a trade against it
realises `(price - average cost) x amount` (mirrored for a short) on the part it closes, and
what is left over opens the other way at the trade's price. A sell of more than the fills
bought therefore opens a negative position: that base came from balances held before the
fills, whose cost is unknown, so it is measured against the price it was sold at.

Fees are counted once, in `fees_quote`, converted to the quote currency: at the fill's price
for the base currency, at the given rates for any other (such as BNB). A fee charged in the
base currency also changes the position: a buy receives `amount - fee`, a sell gives up
`amount + fee`. With that, realised + unrealised - fees equals the change in quote plus the
change in base valued at the mid, whatever the order of fills.

Unrealised = position x (mid - average cost). A figure that cannot be computed is None and
`unavailable` says why; it is never a silent 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Side = Literal["buy", "sell"]
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Fee:
    cost: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class PairFill:
    side: Side
    price: Decimal
    amount: Decimal
    fee: Fee | None = None

    @property
    def notional(self) -> Decimal:
        return self.price * self.amount


@dataclass(frozen=True, slots=True)
class Position:
    """Signed base quantity (negative when more was sold than bought) and its average cost."""

    quantity: Decimal = ZERO
    average_cost: Decimal = ZERO

    def trade(self, delta: Decimal, price: Decimal) -> tuple[Position, Decimal]:
        """The position after trading `delta` base (signed) at `price`, and the PnL realised."""
        held = self.quantity
        if delta == 0:
            return self, ZERO
        if held == 0 or (held > 0) == (delta > 0):
            quantity = held + delta
            cost = (abs(held) * self.average_cost + abs(delta) * price) / abs(quantity)
            return Position(quantity, cost), ZERO
        closed = min(abs(delta), abs(held))
        direction = 1 if held > 0 else -1
        realised = (price - self.average_cost) * closed * direction
        quantity = held + delta
        if quantity == 0:
            return Position(), realised
        if (quantity > 0) == (held > 0):
            return Position(quantity, self.average_cost), realised
        return Position(quantity, price), realised


@dataclass(frozen=True, slots=True)
class Market:
    """What the computation knows about the pair's market now."""

    base: str
    quote: str
    mid_price: Decimal | None = None
    fee_rates: Mapping[str, Decimal] = field(default_factory=dict)
    """Price of a third fee currency in units of the quote currency."""


@dataclass(frozen=True, slots=True)
class PairPnl:
    fills: int
    volume_quote: Decimal
    realised_quote: Decimal
    fees_quote: Decimal | None
    fees_by_currency: dict[str, Decimal]
    position: Decimal
    average_cost: Decimal | None
    mid_price: Decimal | None
    unrealised_quote: Decimal | None
    net_quote: Decimal | None
    unavailable: dict[str, str]


def base_delta(fill: PairFill, base: str) -> Decimal:
    """How much the fill changed the base balance, fees in base included."""
    fee_in_base = fill.fee.cost if fill.fee and fill.fee.currency == base else ZERO
    if fill.side == "buy":
        return fill.amount - fee_in_base
    return -(fill.amount + fee_in_base)


def fee_in_quote(fill: PairFill, market: Market) -> Decimal | None:
    """The fill's fee in the quote currency, or None when its currency has no rate."""
    fee = fill.fee
    if fee is None:
        return ZERO
    if fee.cost == 0 or fee.currency == market.quote:
        return fee.cost
    if fee.currency == market.base:
        return fee.cost * fill.price
    rate = market.fee_rates.get(fee.currency)
    return None if rate is None else fee.cost * rate


@dataclass(slots=True)
class _Ledger:
    market: Market
    position: Position = field(default_factory=Position)
    fills: int = 0
    volume: Decimal = ZERO
    realised: Decimal = ZERO
    fees: Decimal | None = ZERO
    fees_by_currency: dict[str, Decimal] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)

    def add(self, fill: PairFill) -> None:
        self.fills += 1
        self.volume += fill.notional
        self.position, gained = self.position.trade(base_delta(fill, self.market.base), fill.price)
        self.realised += gained
        if fill.fee is not None:
            self._add_fee(fill, fill.fee)

    def _add_fee(self, fill: PairFill, fee: Fee) -> None:
        paid = self.fees_by_currency.get(fee.currency, ZERO)
        self.fees_by_currency[fee.currency] = paid + fee.cost
        converted = fee_in_quote(fill, self.market)
        if converted is None:
            self.unavailable["fees_quote"] = f"no {fee.currency} price in {self.market.quote}"
        self.fees = None if self.fees is None or converted is None else self.fees + converted


def average_cost_pnl(fills: Iterable[PairFill], market: Market) -> PairPnl:
    """Realised, unrealised, fees and volume of `fills` (oldest first) on one pair."""
    ledger = _Ledger(market)
    for fill in fills:
        ledger.add(fill)
    unavailable = ledger.unavailable
    unrealised = _unrealised(ledger.position, market, unavailable)
    fees = ledger.fees
    net = None if fees is None or unrealised is None else ledger.realised + unrealised - fees
    if net is None:
        unavailable["net_quote"] = "depends on " + ", ".join(sorted(unavailable))
    return PairPnl(
        fills=ledger.fills,
        volume_quote=ledger.volume,
        realised_quote=ledger.realised,
        fees_quote=fees,
        fees_by_currency=ledger.fees_by_currency,
        position=ledger.position.quantity,
        average_cost=ledger.position.average_cost if ledger.position.quantity else None,
        mid_price=market.mid_price,
        unrealised_quote=unrealised,
        net_quote=net,
        unavailable=unavailable,
    )


def _unrealised(position: Position, market: Market, unavailable: dict[str, str]) -> Decimal | None:
    if position.quantity == 0:
        return ZERO
    if market.mid_price is None:
        unavailable["unrealised_quote"] = f"no mid price for {market.base}/{market.quote}"
        return None
    return position.quantity * (market.mid_price - position.average_cost)
