from __future__ import annotations

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from shared.auth import load_private_key, public_key_text
from shared.config import ServiceSettings


class ControlPlaneSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="CONTROL_PLANE_", extra="ignore", populate_by_name=True
    )

    db_schema: str = "control"
    # Ed25519 signing key, base64 of the raw 32 bytes; JWT_PUBLIC_KEY is derived from it if unset.
    jwt_private_key: SecretStr = SecretStr("")
    access_token_ttl_s: int = 900
    # AES-256-GCM keyring for secrets at rest: "v2:<base64>,v1:<base64>", highest encrypts.
    keyring: SecretStr = SecretStr("")
    # How long POST /api-keys waits for the bridge's status of the version it just created.
    bridge_confirm_timeout_s: float = 3.0
    # SIWE: the domain and URI the sign-in message names, and the chains accepted.
    siwe_domain: str = "localhost:8000"
    siwe_uri: str = "http://localhost:8000"
    siwe_chain_ids: list[int] = Field(default_factory=lambda: [1])
    siwe_nonce_ttl_s: int = 300
    login_rate_per_minute: int = 20
    bootstrap_admin_username: str = Field("", validation_alias="ADMIN_USERNAME")
    bootstrap_admin_password: SecretStr = Field(SecretStr(""), validation_alias="ADMIN_PASSWORD")

    @model_validator(mode="after")
    def _derive_public_key(self) -> ControlPlaneSettings:
        private = self.jwt_private_key.get_secret_value()
        if private and not self.jwt_public_key:
            self.jwt_public_key = public_key_text(load_private_key(private).public_key())
        return self
