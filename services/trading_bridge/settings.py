"""Trading bridge settings (env prefix `TRADING_BRIDGE_`).

`EXCHANGE_URL_OVERRIDES` (unprefixed, shared with the Hummingbot simulator and the demo) points
exchanges at simulators: `binance=http://127.0.0.1:9100,okx=http://...`; the prefixed variable,
when set, wins.
"""

from __future__ import annotations

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import SettingsConfigDict

from services.trading_bridge.analytics.settings import AnalyticsSettings
from shared.exchange_hosts import parse_overrides


class TradingBridgeSettings(AnalyticsSettings):
    model_config = SettingsConfigDict(
        env_prefix="TRADING_BRIDGE_", extra="ignore", populate_by_name=True
    )

    db_schema: str = "bridge"
    control_plane_url: str = "http://127.0.0.1:8001"
    exchange_url_overrides: str = Field(
        "",
        validation_alias=AliasChoices(
            "TRADING_BRIDGE_EXCHANGE_URL_OVERRIDES", "EXCHANGE_URL_OVERRIDES"
        ),
    )
    exchange_timeout_s: float = 10.0
    allow_withdrawal_keys: bool = False
    ticker_ttl_s: float = 10.0
    balance_ttl_s: float = 2.0
    markets_refresh_s: float = 3600.0
    reconcile_interval_s: float = 60.0
    revalidate_interval_s: float = 30.0
    consumer_durable: str = "trading-bridge"
    recent_errors: int = 100

    @field_validator("exchange_url_overrides")
    @classmethod
    def _overrides_parse(cls, value: str) -> str:
        parse_overrides(value)
        return value

    @property
    def url_overrides(self) -> dict[str, str]:
        """Exchange id → base URL that replaces every host of its API."""
        return parse_overrides(self.exchange_url_overrides)
