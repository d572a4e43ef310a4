from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.config import ServiceSettings


class ControlPlaneSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="CONTROL_PLANE_", extra="ignore", populate_by_name=True
    )

    db_schema: str = "control"
