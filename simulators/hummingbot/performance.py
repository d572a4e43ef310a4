"""A controller's performance from its own fills, by the average-cost method.

A fill in the direction of the net position re-averages its entry price; a fill against
it realises (price - average price) x closed amount. Fees, converted to the quote currency
at the fill's price, are subtracted from realised PnL. Unrealised PnL values the open
position at the current mid. The report has the keys Hummingbot V2 controllers publish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

ZERO = Decimal(0)


@dataclass(frozen=True)
class Fill:
    trade_id: str
    timestamp_ms: int
    side: str
    price: Decimal
    amount: Decimal
    fee_quote: Decimal

    @classmethod
    def from_ccxt(cls, trade: dict[str, Any], base: str, quote: str) -> Fill:
        price = Decimal(str(trade["price"]))
        return cls(
            trade_id=str(trade["id"]),
            timestamp_ms=int(trade["timestamp"]),
            side=str(trade["side"]),
            price=price,
            amount=Decimal(str(trade["amount"])),
            fee_quote=_fee_in_quote(trade.get("fee"), price, base, quote),
        )


def _fee_in_quote(fee: dict[str, Any] | None, price: Decimal, base: str, quote: str) -> Decimal:
    if not fee or fee.get("cost") is None:
        return ZERO
    cost = Decimal(str(fee["cost"]))
    if fee.get("currency") == base:
        return cost * price
    if fee.get("currency") == quote:
        return cost
    return ZERO  # a third currency (e.g. BNB) has no price here


@dataclass
class Ledger:
    """A net position with its average entry price: selling before buying opens a short
    position, so a market maker's captured spread is realised whichever side fills first."""

    position: Decimal = ZERO
    average_price: Decimal = ZERO
    realized_pnl: Decimal = ZERO
    volume_quote: Decimal = ZERO
    fees_quote: Decimal = ZERO
    seen: set[str] = field(default_factory=set)

    def apply(self, fill: Fill) -> None:
        if fill.trade_id in self.seen:
            return
        self.seen.add(fill.trade_id)
        self.volume_quote += fill.price * fill.amount
        self.fees_quote += fill.fee_quote
        self.realized_pnl -= fill.fee_quote
        signed = fill.amount if fill.side == "buy" else -fill.amount
        if self.position * signed >= 0:
            self._extend(signed, fill.price)
        else:
            self._reduce(signed, fill.price)

    def _extend(self, signed: Decimal, price: Decimal) -> None:
        size = abs(self.position) + abs(signed)
        self.average_price = (abs(self.position) * self.average_price + abs(signed) * price) / size
        self.position += signed

    def _reduce(self, signed: Decimal, price: Decimal) -> None:
        closed = min(abs(signed), abs(self.position))
        direction = 1 if self.position > 0 else -1
        self.realized_pnl += (price - self.average_price) * closed * direction
        remainder = signed + closed * direction
        self.position -= closed * direction
        if self.position == ZERO:
            self.average_price = ZERO
        if remainder:
            self._extend(remainder, price)

    def report(self, mid: Decimal, open_order_volume: Decimal) -> dict[str, Any]:
        unrealized = self.position * (mid - self.average_price)
        global_pnl = self.realized_pnl + unrealized
        return {
            "realized_pnl_quote": float(self.realized_pnl),
            "unrealized_pnl_quote": float(unrealized),
            "global_pnl_quote": float(global_pnl),
            "realized_pnl_pct": _pct(self.realized_pnl, self.volume_quote),
            "unrealized_pnl_pct": _pct(unrealized, abs(self.position) * self.average_price),
            "global_pnl_pct": _pct(global_pnl, self.volume_quote),
            "volume_traded": float(self.volume_quote),
            "open_order_volume": float(open_order_volume),
            "inventory_imbalance": float(self.position),
            "fees_quote": float(self.fees_quote),
            "close_type_counts": {},
            "positions_summary": [],
        }


def _pct(part: Decimal, whole: Decimal) -> float:
    return float(part / whole * 100) if whole else 0.0
