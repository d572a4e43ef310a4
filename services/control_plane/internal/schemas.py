"""Request bodies of the internal API; the answers are the models of
`shared/control_plane_client.py`, whose docstring is the contract."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from shared.control_plane_client import ConnectorRef, SealedCredential


class CredentialsRequest(BaseModel):
    connector_ids: list[uuid.UUID] = Field(max_length=1000)
    public_key: str = Field(min_length=1, max_length=256, description="base64 raw X25519 key")


class ConnectorList(BaseModel):
    connectors: list[ConnectorRef]


class CredentialsAnswer(BaseModel):
    credentials: list[SealedCredential]
    missing: list[uuid.UUID]
