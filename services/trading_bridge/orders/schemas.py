"""Order requests and the orders the exchange reports. Amounts are decimal strings."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Literal, Self

from pydantic import BaseModel, Field, field_validator, model_validator

from services.trading_bridge.accounts import ACCOUNT_PATTERN
from services.trading_bridge.amounts import Amount

SYMBOL_PATTERN = r"^[A-Za-z0-9]{1,20}[-/][A-Za-z0-9]{1,20}$"
CLIENT_ORDER_ID_PATTERN = r"^[A-Za-z0-9_-]{1,36}$"


def unified_symbol(symbol: str) -> str:
    """`sharp-usdt` and `SHARP/USDT` are both `SHARP/USDT`."""
    return symbol.upper().replace("-", "/")


class OrderCreate(BaseModel):
    account: str = Field(pattern=ACCOUNT_PATTERN)
    connector_id: uuid.UUID
    symbol: str = Field(pattern=SYMBOL_PATTERN, examples=["SHARP-USDT"])
    side: Literal["buy", "sell"]
    type: Literal["limit", "market"]
    amount: Decimal = Field(gt=0)
    price: Decimal | None = Field(default=None, gt=0)
    client_order_id: str | None = Field(
        default=None,
        pattern=CLIENT_ORDER_ID_PATTERN,
        description="makes the request safe to retry: one order per id",
    )

    @field_validator("symbol")
    @classmethod
    def _unified(cls, symbol: str) -> str:
        return unified_symbol(symbol)

    @model_validator(mode="after")
    def _limit_needs_price(self) -> Self:
        if self.type == "limit" and self.price is None:
            raise ValueError("a limit order needs a price")
        return self


class Order(BaseModel):
    id: str
    client_order_id: str | None
    connector_id: uuid.UUID
    symbol: str
    side: str
    type: str | None
    status: str | None
    amount: Amount | None
    filled: Amount | None
    remaining: Amount | None
    price: Amount | None
    average: Amount | None
    created_at: datetime | None
    replayed: bool = Field(
        default=False, description="true when this client_order_id had already placed it"
    )


class OpenOrders(BaseModel):
    account: str
    orders: list[Order]
    errors: dict[str, str] = Field(
        default_factory=dict, description="connector id → why its orders could not be read"
    )
