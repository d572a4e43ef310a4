"""Request bodies of the hummingbot-api routes this simulator speaks, with their field names."""

from __future__ import annotations

from pydantic import BaseModel, Field


class StartBotAction(BaseModel):
    bot_name: str
    log_level: str | None = None
    script: str | None = None
    conf: str | None = None
    async_backend: bool = False


class StopBotAction(BaseModel):
    bot_name: str
    skip_order_cancellation: bool = False
    async_backend: bool = False


class V2ControllerDeployment(BaseModel):
    instance_name: str
    credentials_profile: str
    controllers_config: list[str] = Field(description="Saved controller config names")
    max_global_drawdown_quote: float | None = None
    max_controller_drawdown_quote: float | None = None
    image: str = "hummingbot/hummingbot:latest"
    script_config: str | None = None
    headless: bool = False
