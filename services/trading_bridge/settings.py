from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.config import ServiceSettings


class TradingBridgeSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="TRADING_BRIDGE_", extra="ignore", populate_by_name=True
    )

    db_schema: str = "bridge"
