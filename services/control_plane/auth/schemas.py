"""Request and response models of the login endpoints."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, SecretStr

from services.control_plane.storable_text import StorableText
from shared.auth import Role

ETHEREUM_ADDRESS = r"^0x[0-9a-fA-F]{40}$"


class AdminCredentials(BaseModel):
    username: Annotated[str, Field(min_length=1, max_length=200), StorableText]
    password: SecretStr = Field(min_length=1, max_length=1024)


class AccessToken(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105
    expires_in: int = Field(description="seconds until the token expires")


class NonceRequest(BaseModel):
    address: str = Field(pattern=ETHEREUM_ADDRESS, description="the wallet that will sign")
    chain_id: int | None = Field(None, ge=1, description="EIP-155 chain id; the first accepted one")


class SignInChallenge(BaseModel):
    nonce: str
    expires_at: datetime
    message: str = Field(description="the EIP-4361 text the wallet signs, verbatim")


class SiweCredentials(BaseModel):
    message: str = Field(min_length=1, max_length=4096)
    signature: str = Field(
        pattern=r"^(0x)?[0-9a-fA-F]{130}$", description="65-byte EIP-191 signature"
    )


class ClientSummary(BaseModel):
    id: uuid.UUID
    name: str
    account_identifier: str


class ClientAccessToken(AccessToken):
    client: ClientSummary


class Me(BaseModel):
    role: Role
    subject: str
    client_id: uuid.UUID | None = None
    account: str | None = None
    client: ClientSummary | None = None


class Admin(BaseModel):
    id: uuid.UUID
    username: str
    created_at: datetime
