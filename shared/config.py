"""Settings: one pydantic-settings base, one subclass per service with its own env prefix.

Values every service shares (where PostgreSQL and NATS are, the token service-to-service calls
carry, the key that verifies access tokens) are read from unprefixed variables, so one
environment configures the whole stack; everything else is read with the service's prefix.
"""

from __future__ import annotations

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def shared_env(name: str) -> AliasChoices:
    """Read a setting from one unprefixed environment variable."""
    return AliasChoices(name)


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    database_url: str = Field(
        "postgresql://postgres@127.0.0.1:5432/postgres", validation_alias=shared_env("DATABASE_URL")
    )
    nats_url: str = Field("nats://127.0.0.1:4222", validation_alias=shared_env("NATS_URL"))
    service_token: SecretStr = Field(
        SecretStr(""), validation_alias=shared_env("INTERNAL_SERVICE_TOKEN")
    )
    jwt_public_key: str = Field("", validation_alias=shared_env("JWT_PUBLIC_KEY"))
    log_level: str = Field("INFO", validation_alias=shared_env("LOG_LEVEL"))
    db_schema: str = "public"
    db_pool_min: int = 1
    db_pool_max: int = 10
    db_connect_timeout_s: float = 60.0
    outbox_poll_interval_s: float = 1.0
