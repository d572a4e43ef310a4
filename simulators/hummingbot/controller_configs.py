"""Controller configs: saved as plain documents (as hummingbot-api saves YAML files), parsed
into a typed config only when a bot is deployed with them.

Two controllers are simulated. `pmm_simple` takes the field names of Hummingbot's V2
market-making controller; `dca` is this simulator's own periodic buyer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveFloat, TypeAdapter

ConfigDocument = dict[str, Any]
Fraction = Annotated[Decimal, Field(ge=0, lt=1)]


class _ControllerConfig(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    id: str
    connector_name: str = "binance"
    trading_pair: str = Field(pattern=r"^[A-Z0-9]+-[A-Z0-9]+$", examples=["BTC-USDT"])

    @property
    def symbol(self) -> str:
        """The ccxt symbol of `trading_pair` (`BTC-USDT` → `BTC/USDT`)."""
        return self.trading_pair.replace("-", "/")


@dataclass(frozen=True)
class QuoteLevel:
    side: Literal["buy", "sell"]
    spread: Decimal
    amount_quote: Decimal


class SpreadControllerConfig(_ControllerConfig):
    """Pure market making: one order per spread level on each side, refreshed periodically."""

    controller_name: Literal["pmm_simple"]
    controller_type: str = "market_making"
    total_amount_quote: Decimal = Field(default=Decimal(100), gt=0)
    buy_spreads: list[Fraction] = Field(default=[Decimal("0.01")], min_length=1)
    sell_spreads: list[Fraction] = Field(default=[Decimal("0.01")], min_length=1)
    buy_amounts_pct: list[Decimal] | None = None
    sell_amounts_pct: list[Decimal] | None = None
    executor_refresh_time: PositiveFloat = 300.0

    def levels(self) -> list[QuoteLevel]:
        """Split `total_amount_quote` over the levels in proportion to their amount weights."""
        buy_weights = self.buy_amounts_pct or [Decimal(1)] * len(self.buy_spreads)
        sell_weights = self.sell_amounts_pct or [Decimal(1)] * len(self.sell_spreads)
        unit = self.total_amount_quote / (sum(buy_weights) + sum(sell_weights))
        buys = [
            QuoteLevel("buy", spread, weight * unit)
            for spread, weight in zip(self.buy_spreads, buy_weights, strict=True)
        ]
        sells = [
            QuoteLevel("sell", spread, weight * unit)
            for spread, weight in zip(self.sell_spreads, sell_weights, strict=True)
        ]
        return buys + sells


class DcaControllerConfig(_ControllerConfig):
    """Buys `amount_quote` every `interval_seconds`; with a `price_step`, only once the mid
    has fallen that fraction below the previous buy."""

    controller_name: Literal["dca"]
    controller_type: str = "generic"
    amount_quote: Decimal = Field(gt=0)
    interval_seconds: PositiveFloat = 3600.0
    price_step: Fraction = Decimal(0)


ControllerConfig = Annotated[
    SpreadControllerConfig | DcaControllerConfig, Field(discriminator="controller_name")
]
_parser: TypeAdapter[ControllerConfig] = TypeAdapter(ControllerConfig)


def parse_controller_config(name: str, document: ConfigDocument) -> ControllerConfig:
    """Validate a saved document; its `id` defaults to the config's name."""
    return _parser.validate_python({"id": name, **document})


class ControllerConfigNotFound(Exception):
    pass


@dataclass
class ControllerConfigStore:
    documents: dict[str, ConfigDocument] = field(default_factory=dict)

    def save(self, name: str, document: ConfigDocument) -> None:
        self.documents[name] = document

    def get(self, name: str) -> ConfigDocument:
        try:
            return self.documents[name]
        except KeyError:
            raise ControllerConfigNotFound(f"Configuration '{name}' not found") from None

    def delete(self, name: str) -> None:
        self.get(name)
        del self.documents[name]

    def all(self) -> list[ConfigDocument]:
        return list(self.documents.values())

    def clear(self) -> None:
        self.documents.clear()
