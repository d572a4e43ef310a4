"""The two strategies an operator can give a bot, validated field by field.

Amounts are in the quote currency; spreads and steps are fractions (0.002 = 0.2 %). Times are
whole seconds, as Hummingbot's controller configs take them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Strategy = Literal["spread", "dca"]
Fraction = Annotated[Decimal, Field(gt=0, lt=1)]


class SpreadConfig(BaseModel):
    """Market making: one bid and one ask around the mid, replaced every `order_refresh_time`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bid_spread: Fraction = Field(description="Bid distance below the mid, as a fraction")
    ask_spread: Fraction = Field(description="Ask distance above the mid, as a fraction")
    order_amount: Decimal = Field(gt=0, description="Quote amount of each order")
    order_refresh_time: int = Field(
        default=60, ge=1, le=86_400, description="Seconds between two refreshes of the orders"
    )


class DcaConfig(BaseModel):
    """Dollar-cost averaging: buy `order_amount` of quote every `interval_s`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    order_amount: Decimal = Field(gt=0, description="Quote amount of each buy")
    interval_s: int = Field(ge=1, le=30 * 86_400, description="Seconds between two buys")
    price_step: Decimal = Field(
        default=Decimal(0),
        ge=0,
        lt=1,
        description="Buy only once the mid is this fraction below the previous buy (0: always)",
    )


StrategyConfig = SpreadConfig | DcaConfig
CONFIG_MODELS: dict[str, type[SpreadConfig] | type[DcaConfig]] = {
    "spread": SpreadConfig,
    "dca": DcaConfig,
}


def parse_strategy_config(strategy: str, config: object) -> StrategyConfig:
    """Validate `config` for `strategy`; raises pydantic's ValidationError naming each field."""
    return CONFIG_MODELS[strategy].model_validate(config)
