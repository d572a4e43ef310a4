"""Event payloads on NATS JetStream: one pydantic model per type, and the envelope around them.

The envelope is `{"id", "type", "occurred_at", "data"}`; the type is also the subject. No
secret ever travels in an event: events carry ids and versions, and consumers fetch what they
need over the internal API.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

CONTROL_STREAM = "CONTROL"
STATUS_STREAM = "STATUS"
STREAM_SUBJECTS = {CONTROL_STREAM: ["control.>"], STATUS_STREAM: ["status.>"]}


def utc_now() -> datetime:
    return datetime.now(UTC)


class Event(BaseModel):
    """Base of every payload; `subject` is where it is published."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    subject: ClassVar[str]

    def aggregate_id(self) -> str:
        """The entity whose events must stay in order (used by the outbox)."""
        return ""


class ClientCreated(Event):
    subject: ClassVar[str] = "control.client.created"
    client_id: uuid.UUID
    account: str
    name: str

    def aggregate_id(self) -> str:
        return str(self.client_id)


class ClientDeleted(ClientCreated):
    subject: ClassVar[str] = "control.client.deleted"


class ConnectorConfigured(Event):
    subject: ClassVar[str] = "control.connector.configured"
    connector_id: uuid.UUID
    client_id: uuid.UUID
    account: str
    exchange: str
    version: int
    tracked_pairs: list[str] = Field(default_factory=list)

    def aggregate_id(self) -> str:
        return str(self.connector_id)


class ConnectorRemoved(Event):
    subject: ClassVar[str] = "control.connector.removed"
    connector_id: uuid.UUID
    client_id: uuid.UUID
    account: str
    exchange: str

    def aggregate_id(self) -> str:
        return str(self.connector_id)


ConnectorState = Literal[
    "ready", "invalid_credentials", "withdrawal_enabled", "unreachable", "error"
]


class ConnectorStatus(Event):
    subject: ClassVar[str] = "status.connector"
    connector_id: uuid.UUID
    version: int
    state: ConnectorState
    detail: str = ""
    checked_at: datetime = Field(default_factory=utc_now)

    def aggregate_id(self) -> str:
        return str(self.connector_id)


class BotStatus(Event):
    subject: ClassVar[str] = "status.bot"
    bot_id: uuid.UUID
    account: str
    state: str
    detail: str = ""
    observed_at: datetime = Field(default_factory=utc_now)

    def aggregate_id(self) -> str:
        return str(self.bot_id)


EVENT_TYPES: dict[str, type[Event]] = {
    cls.subject: cls
    for cls in (
        ClientCreated,
        ClientDeleted,
        ConnectorConfigured,
        ConnectorRemoved,
        ConnectorStatus,
        BotStatus,
    )
}


class Envelope(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    type: str
    occurred_at: datetime = Field(default_factory=utc_now)
    data: dict[str, Any]

    @classmethod
    def wrap(cls, event: Event) -> Envelope:
        return cls(type=event.subject, data=event.model_dump(mode="json"))

    def payload(self) -> Event:
        """The typed event; raises KeyError for an unknown type, ValidationError for bad data."""
        return EVENT_TYPES[self.type].model_validate(self.data)
