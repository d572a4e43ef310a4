"""What hummingbot-api answers about bots, parsed at the edge (unknown keys are kept out)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class LogLine(BaseModel):
    """One entry of a bot's `error_logs` / `general_logs` (from its MQTT log topic)."""

    model_config = ConfigDict(extra="ignore")

    timestamp: float | None = None
    msg: str = ""
    level_name: str = ""
    logger_name: str = ""


class ControllerReport(BaseModel):
    model_config = ConfigDict(extra="ignore")

    status: str = ""
    performance: dict[str, Any] = Field(default_factory=dict)


class HostBotStatus(BaseModel):
    """`GET /bot-orchestration/status` → `data[<instance>]`: `running` means performance seen
    within 30 s, `idle` seen earlier, `stopped` none, `error` the bot failed."""

    model_config = ConfigDict(extra="ignore")

    status: str
    performance: dict[str, ControllerReport] = Field(default_factory=dict)
    error_logs: list[LogLine] = Field(default_factory=list)
    general_logs: list[LogLine] = Field(default_factory=list)
    recently_active: bool = False


class Deployment(BaseModel):
    """The answer of `POST /bot-orchestration/deploy-v2-controllers`."""

    model_config = ConfigDict(extra="ignore")

    success: bool
    message: str = ""
    unique_instance_name: str | None = None
