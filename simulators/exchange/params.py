"""Typed reads of a Binance request's parameters, failing with Binance's own error codes."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from simulators.exchange import binance_errors as errors
from simulators.exchange.binance_errors import BinanceError

_INVALID_ENUM = {
    "side": BinanceError(-1117, "Invalid side."),
    "type": BinanceError(-1116, "Invalid orderType."),
    "timeInForce": BinanceError(-1115, "Invalid timeInForce."),
}

E = TypeVar("E", bound=StrEnum)
# Binance's integer parameters are signed 64-bit: ASCII digits, at most 19 of them.
INTEGER = re.compile(r"-?[0-9]{1,19}")


class Params:
    def __init__(self, values: Mapping[str, str]) -> None:
        self.values = values

    def __contains__(self, name: str) -> bool:
        return bool(self.values.get(name))

    def optional_text(self, name: str) -> str | None:
        return self.values.get(name) or None

    def text(self, name: str) -> str:
        value = self.optional_text(name)
        if value is None:
            raise errors.missing_parameter(name)
        return value

    def optional_decimal(self, name: str) -> Decimal | None:
        value = self.optional_text(name)
        if value is None:
            return None
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise errors.illegal_value(name) from None
        if not amount.is_finite() or amount <= 0:
            raise errors.invalid_value(name)
        return amount

    def optional_int(self, name: str) -> int | None:
        value = self.optional_text(name)
        if value is None:
            return None
        if not INTEGER.fullmatch(value):
            raise errors.illegal_value(name)
        return int(value)

    def limit(self, default: int, maximum: int) -> int:
        limit = self.optional_int("limit")
        if limit is None:
            return default
        if limit <= 0:
            raise errors.invalid_value("limit")
        return min(limit, maximum)

    def choice(self, name: str, enum: type[E]) -> E:
        try:
            return enum(self.text(name))
        except ValueError:
            raise _INVALID_ENUM.get(name, errors.invalid_value(name)) from None

    def symbol_list(self) -> list[str] | None:
        """`symbols=["BTCUSDT","ETHUSDT"]` as Binance takes it, or None when not given."""
        value = self.optional_text("symbols")
        if value is None:
            return None
        try:
            symbols = json.loads(value)
        except json.JSONDecodeError:
            raise errors.illegal_value("symbols") from None
        if not isinstance(symbols, list) or not all(isinstance(s, str) for s in symbols):
            raise errors.illegal_value("symbols")
        return symbols
