"""The simulator's configuration: markets, accounts, fees and the request-weight limit.

Read from a JSON file (`--config`), a dict, or nothing (an empty exchange). The same models
validate the control API's payloads, so a config file is a list of control calls made at start.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator


class MarketSpec(BaseModel):
    """One spot market. `symbol` is `BASE/QUOTE`; or give `base` and `quote`."""

    model_config = ConfigDict(extra="forbid")

    symbol: str | None = None
    base: str | None = None
    quote: str | None = None
    price: Decimal = Field(gt=0)
    tick_size: Decimal | None = Field(default=None, gt=0)
    step_size: Decimal | None = Field(default=None, gt=0)
    min_notional: Decimal = Field(default=Decimal(5), ge=0)
    spread_bps: Decimal = Field(default=Decimal(10), gt=0)
    levels: int = Field(default=20, ge=1, le=500)
    level_step_bps: Decimal = Field(default=Decimal(5), ge=0)
    level_notional: Decimal = Field(default=Decimal(5000), gt=0)
    volatility_bps: Decimal = Field(default=Decimal(10), ge=0)

    @model_validator(mode="after")
    def _resolve_pair(self) -> MarketSpec:
        if self.symbol is not None:
            base, _, quote = self.symbol.partition("/")
            self.base, self.quote = self.base or base, self.quote or quote
        if not (self.base and self.quote and self.base.isalnum() and self.quote.isalnum()):
            raise ValueError("give symbol as BASE/QUOTE (letters and digits) or base and quote")
        self.base, self.quote = self.base.upper(), self.quote.upper()
        self.symbol = f"{self.base}/{self.quote}"
        return self

    @property
    def resolved_tick_size(self) -> Decimal:
        """Given, or about seven significant digits of the price (1e-8 at the finest)."""
        return self.tick_size or _power_of_ten(_magnitude(self.price) - 6)

    @property
    def resolved_step_size(self) -> Decimal:
        """Given, or one step worth 0.1 to 1 quote unit (at most 1, at least 1e-8)."""
        return self.step_size or _power_of_ten(min(0, -_magnitude(self.price) - 1))


class AccountSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    api_key: str = Field(min_length=1, max_length=128)
    api_secret: SecretStr = Field(min_length=1, max_length=256)
    balances: dict[str, Decimal] = Field(default_factory=dict)
    can_withdraw: bool = False

    @model_validator(mode="after")
    def _no_negative_balances(self) -> AccountSpec:
        if any(amount < 0 for amount in self.balances.values()):
            raise ValueError("balances cannot be negative")
        self.balances = {asset.upper(): amount for asset, amount in self.balances.items()}
        return self


class SimulatorConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    markets: list[MarketSpec] = Field(default_factory=list)
    accounts: list[AccountSpec] = Field(default_factory=list)
    maker_fee: Decimal = Field(default=Decimal("0.001"), ge=0, lt=1)
    taker_fee: Decimal = Field(default=Decimal("0.001"), ge=0, lt=1)
    weight_limit: int = Field(default=6000, ge=0, description="per minute; 0 disables the limit")
    weight_scope: Literal["ip", "api_key"] = "ip"


def load_config(source: str | Path | Mapping[str, Any] | None) -> SimulatorConfig:
    if source is None:
        return SimulatorConfig()
    if isinstance(source, Mapping):
        return SimulatorConfig.model_validate(source)
    return SimulatorConfig.model_validate(json.loads(Path(source).read_text()))


def _magnitude(value: Decimal) -> int:
    return math.floor(math.log10(value))


def _power_of_ten(exponent: int) -> Decimal:
    return Decimal(1).scaleb(max(exponent, -8))
