"""Totals that are None, with the reason, when any part is None (never a partial sum)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

T = TypeVar("T")


def sum_figures(
    items: Sequence[T], figures: Sequence[str], label: Callable[[T], str]
) -> tuple[dict[str, Decimal | None], dict[str, str]]:
    """Sum each attribute in `figures` over `items`; (sums, figure → why it is None)."""
    sums: dict[str, Decimal | None] = {}
    unavailable: dict[str, str] = {}
    for figure in figures:
        values = [getattr(item, figure) for item in items]
        missing = sorted({label(i) for i, v in zip(items, values, strict=True) if v is None})
        sums[figure] = None if missing else sum(values, Decimal(0))
        if missing:
            unavailable[figure] = "unavailable for " + ", ".join(missing)
    return sums, unavailable
