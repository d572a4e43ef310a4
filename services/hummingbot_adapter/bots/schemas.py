"""Bot definitions as the API takes and shows them, merged with what the host last reported."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from services.hummingbot_adapter.strategies.schemas import DcaConfig, SpreadConfig, Strategy

NAME_PATTERN = r"^[A-Za-z0-9_-]+$"
BotName = Annotated[
    str,
    StringConstraints(pattern=NAME_PATTERN, min_length=1, max_length=40),
    Field(description="Letters, digits, `_` and `-` (what Hummingbot accepts as an instance name)"),
]


def _hummingbot_pair(value: object) -> object:
    return value.strip().upper().replace("/", "-") if isinstance(value, str) else value


TradingPair = Annotated[
    str,
    BeforeValidator(_hummingbot_pair),
    StringConstraints(pattern=r"^[A-Z0-9]+-[A-Z0-9]+$"),
    Field(description="`BASE-QUOTE` (`BASE/QUOTE` is accepted)", examples=["SHARP-USDT"]),
]
DesiredState = Literal["running", "stopped"]
RuntimeStatus = Literal["running", "idle", "stopped", "error", "unknown"]


class _BotCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: BotName
    account: str = Field(min_length=1, max_length=63)
    connector: str = Field(
        min_length=1,
        description="The control plane's connector (API key) id, or its exchange when the "
        "account has exactly one key there",
    )
    trading_pair: TradingPair


class SpreadBotCreate(_BotCreate):
    strategy: Literal["spread"]
    config: SpreadConfig


class DcaBotCreate(_BotCreate):
    strategy: Literal["dca"]
    config: DcaConfig


BotCreate = Annotated[SpreadBotCreate | DcaBotCreate, Field(discriminator="strategy")]


class BotUpdate(BaseModel):
    """Fields to change. `name` may change at any time (a running instance keeps its host
    name until the next start); `trading_pair` and `config` only while the bot is stopped."""

    model_config = ConfigDict(extra="forbid")

    name: BotName | None = None
    trading_pair: TradingPair | None = None
    config: dict[str, Any] | None = Field(
        None, description="The whole strategy config, validated for the bot's strategy"
    )


class Performance(BaseModel):
    """Summed over the bot's controllers, in the quote currency."""

    volume_traded: float = 0.0
    realized_pnl_quote: float = 0.0
    unrealized_pnl_quote: float = 0.0
    global_pnl_quote: float = 0.0
    controllers: dict[str, dict[str, Any]] = Field(default_factory=dict)


class RecentError(BaseModel):
    at: datetime | None
    source: str
    message: str


class BotDefinition(BaseModel):
    id: uuid.UUID
    name: str
    account: str
    connector_id: uuid.UUID
    exchange: str
    trading_pair: str
    strategy: Strategy
    config: dict[str, Any]
    desired_state: DesiredState
    removing: bool
    stop_reason: str
    created_at: datetime
    updated_at: datetime


class Bot(BaseModel):
    id: uuid.UUID
    name: str
    account: str
    connector: uuid.UUID
    exchange: str
    trading_pair: str
    strategy: Strategy
    config: dict[str, Any]
    desired_state: DesiredState
    created_at: datetime
    updated_at: datetime
    status: RuntimeStatus
    status_detail: str = Field(description="Why the status is what it is, when not obvious")
    last_seen: datetime | None = Field(description="When the host last answered about this bot")
    last_seen_status: RuntimeStatus | None = Field(description="The status seen at `last_seen`")
    performance: Performance
    recent_errors: list[RecentError]


class BotRun(BaseModel):
    id: uuid.UUID
    instance_name: str
    started_at: datetime
    ended_at: datetime | None
    final_status: str | None
    stop_reason: str
    trades_count: int | None = Field(
        description="Executors the host reported closed (`close_type_counts`); null if not reported"
    )
    volume_quote: Decimal
    pnl_quote: Decimal
    final_performance: Performance | None
