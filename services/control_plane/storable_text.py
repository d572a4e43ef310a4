"""Text PostgreSQL can store: a `text` column refuses the NUL character, so input holding one is
refused as payload validation (422) instead of failing in SQL (500)."""

from __future__ import annotations

from pydantic import AfterValidator, SecretStr

NUL = "\x00"
REFUSAL = "must not contain the NUL character"


def _refuse_nul(text: str) -> str:
    if NUL in text:
        raise ValueError(REFUSAL)
    return text


def _refuse_nul_secret(secret: SecretStr) -> SecretStr:
    if NUL in secret.get_secret_value():
        raise ValueError(REFUSAL)  # never the value itself
    return secret


StorableText = AfterValidator(_refuse_nul)
StorableSecret = AfterValidator(_refuse_nul_secret)
