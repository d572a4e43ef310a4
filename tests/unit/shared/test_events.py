from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from shared.events import EVENT_TYPES, ConnectorConfigured, ConnectorStatus, Envelope


def test_envelope_round_trips_to_the_typed_event() -> None:
    event = ConnectorConfigured(
        connector_id=uuid.uuid4(),
        client_id=uuid.uuid4(),
        account="client_sharp",
        exchange="binance",
        version=3,
        tracked_pairs=["SHARP/USDT"],
    )
    envelope = Envelope.model_validate_json(Envelope.wrap(event).model_dump_json())
    assert envelope.type == "control.connector.configured"
    assert envelope.payload() == event


def test_every_design_subject_has_one_model() -> None:
    assert set(EVENT_TYPES) == {
        "control.client.created",
        "control.client.deleted",
        "control.connector.configured",
        "control.connector.removed",
        "status.connector",
        "status.bot",
    }


def test_unknown_state_and_unknown_type_are_refused() -> None:
    with pytest.raises(ValidationError):
        ConnectorStatus(connector_id=uuid.uuid4(), version=1, state="fine")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        Envelope(type="control.nothing", data={}).payload()
