from __future__ import annotations

from pydantic import Field

from shared.config import ServiceSettings


class AnalyticsSettings(ServiceSettings):
    """Fill sync and balance snapshot settings (read with the `TRADING_BRIDGE_` prefix)."""

    fill_sync_interval_s: float = Field(30.0, gt=0, description="background sync of every pair")
    fill_sync_max_age_s: float = Field(
        5.0, ge=0, description="a request syncs a pair first when its last sync is older"
    )
    snapshot_interval_s: float = Field(60.0, gt=0, description="balance snapshot interval")
    analytics_concurrency: int = Field(8, ge=1, description="pairs or connectors at once")
