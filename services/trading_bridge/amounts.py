"""Amounts in responses: JSON strings in plain decimal notation (`"0.00000001"`, `"500"`).

Strings keep every digit the exchange gave (a float would round 0.1 + 0.2); plain notation
avoids `1E-8`, which some JSON consumers parse differently from `0.00000001`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import PlainSerializer, WithJsonSchema


def plain(amount: Decimal) -> str:
    text = format(amount.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def to_decimal(value: float | int | str) -> Decimal:
    """ccxt's unified numbers are floats parsed from the exchange's decimal strings; their
    shortest repr gives those strings back."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


Amount = Annotated[
    Decimal,
    PlainSerializer(plain, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "decimal", "examples": ["0.05"]}),
]
