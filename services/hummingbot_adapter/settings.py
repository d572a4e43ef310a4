from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from shared.config import ServiceSettings


class HummingbotAdapterSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="HUMMINGBOT_ADAPTER_", extra="ignore", populate_by_name=True
    )

    db_schema: str = "adapter"

    hummingbot_url: str = "http://127.0.0.1:9200"
    hummingbot_username: str = "admin"
    hummingbot_password: SecretStr = SecretStr("admin")
    # Reads (status) are short; commands (deploy a container, check credentials) take longer.
    hummingbot_read_timeout_s: float = 3.0
    hummingbot_command_timeout_s: float = 30.0
    hummingbot_connect_timeout_s: float = 2.0
    hummingbot_retry_attempts: int = 3
    breaker_failure_threshold: int = 3
    breaker_reset_timeout_s: float = 10.0

    control_plane_url: str = "http://127.0.0.1:8001"
    control_plane_timeout_s: float = 5.0

    poll_interval_s: float = 2.0
    # A stored status older than this reads as `unknown` (the poller itself is stuck or gone).
    status_stale_after_s: float = 30.0
    # How long a new deployment may be absent from (or stopped on) the host before it is `error`.
    startup_grace_s: float = 60.0
    recent_errors_kept: int = 10
    consumer_durable: str = "hummingbot-adapter"
