"""Decimal amounts as Binance writes and reads them."""

from __future__ import annotations

from decimal import ROUND_UP, Decimal

ZERO = Decimal(0)
EIGHT_PLACES = Decimal("0.00000001")


def format_amount(value: Decimal) -> str:
    """Binance's fixed eight-decimal form, or every digit when the exact value needs more."""
    if value == value.quantize(EIGHT_PLACES):
        return f"{value:.8f}"
    return f"{value.normalize():f}"


def floor_to_step(value: Decimal, step: Decimal) -> Decimal:
    """The largest multiple of `step` that is not above `value` (for non-negative values)."""
    return (value // step) * step


def round_fee(value: Decimal) -> Decimal:
    """Commissions are charged in whole units of 1e-8, rounded in the exchange's favour."""
    return value.quantize(EIGHT_PLACES, rounding=ROUND_UP)


def is_multiple(value: Decimal, step: Decimal) -> bool:
    return value % step == ZERO
