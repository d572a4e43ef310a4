"""What a key write answers about the trading bridge: confirmed, refused, silent, or NATS down."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

from scripts.embedded import NatsServer
from shared.events import ConnectorConfigured, ConnectorStatus
from tests.integration.control_plane.streams import (
    event_of,
    fake_bridge,
    publish_status,
    wait_for,
)
from tests.support.control_plane import RunningControlPlane, running_control_plane

CONFIGURED = ConnectorConfigured.subject


async def test_key_is_configured_when_the_bridge_reports_ready_for_its_version(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with (
        running_control_plane(
            database_url, fresh_streams, schema_suffix, bridge_confirm_timeout_s=10
        ) as cp,
        fake_bridge(fresh_streams, state="ready"),
    ):
        client = await cp.create_client()
        key = await cp.add_key(client["id"])

    assert key["status"] == "ready"
    assert key["trading_bridge_configured"] is True
    assert key["trading_bridge_warning"] is None
    assert key["last_checked_at"] is not None


async def test_bridge_refusal_is_the_warning(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with (
        running_control_plane(
            database_url, fresh_streams, schema_suffix, bridge_confirm_timeout_s=10
        ) as cp,
        fake_bridge(fresh_streams, state="invalid_credentials", detail="binance: -2015"),
    ):
        client = await cp.create_client()
        key = await cp.add_key(client["id"])
        listing = await cp.http.get(
            f"/api/clients/{client['id']}/api-keys", headers=cp.admin_headers()
        )

    assert key["status"] == "invalid_credentials"
    assert key["trading_bridge_configured"] is False
    assert key["trading_bridge_warning"] == "invalid credentials: binance: -2015"
    assert listing.json()["items"][0]["last_error"] == "binance: -2015"


async def test_without_a_bridge_the_answer_says_it_did_not_confirm(cp: RunningControlPlane) -> None:
    client = await cp.create_client()

    key = await cp.add_key(client["id"])

    assert key["status"] == "pending"
    assert key["trading_bridge_configured"] is False
    assert key["trading_bridge_warning"].startswith("bridge did not confirm within 0.2s")


async def test_status_for_an_older_version_is_ignored(cp: RunningControlPlane) -> None:
    client = await cp.create_client()
    key = await cp.add_key(client["id"])
    sentinel = await cp.add_key(client["id"])
    await cp.http.post(
        f"/api/clients/{client['id']}/api-keys/{key['id']}/reinitialize",
        headers=cp.admin_headers(),
    )
    key_id = uuid.UUID(key["id"])

    for status in (
        ConnectorStatus(connector_id=key_id, version=2, state="unreachable", detail="timeout"),
        ConnectorStatus(connector_id=key_id, version=1, state="ready"),
        ConnectorStatus(connector_id=uuid.UUID(sentinel["id"]), version=1, state="ready"),
    ):
        await publish_status(cp.settings.nats_url, status)
    statuses = await key_statuses_once(cp, client["id"], sentinel["id"], "ready")

    assert statuses[key["id"]] == "unreachable"


async def key_statuses_once(
    cp: RunningControlPlane, client_id: str, key_id: str, state: str
) -> dict[str, str]:
    """Every key's status, read once `key_id` has reached `state` (the stream is in order)."""
    for _ in range(200):
        listing = await cp.http.get(
            f"/api/clients/{client_id}/api-keys", headers=cp.admin_headers()
        )
        statuses = {k["id"]: k["status"] for k in listing.json()["items"]}
        if statuses[key_id] == state:
            return statuses
        await asyncio.sleep(0.05)
    raise AssertionError(f"key {key_id} never reached {state}")


async def test_status_of_an_unknown_connector_is_ignored_and_the_next_one_applied(
    cp: RunningControlPlane,
) -> None:
    client = await cp.create_client()
    key = await cp.add_key(client["id"])
    stray = ConnectorStatus(connector_id=uuid.uuid4(), version=1, state="ready")
    known = ConnectorStatus(connector_id=uuid.UUID(key["id"]), version=1, state="ready")

    for status in (stray, known):
        await publish_status(cp.settings.nats_url, status)
    statuses = await key_statuses_once(cp, client["id"], key["id"], "ready")

    assert statuses == {key["id"]: "ready"}


async def test_nats_down_answers_201_with_a_warning_and_publishes_when_back(
    database_url: str, schema_suffix: str, tmp_path: Path
) -> None:
    nats = NatsServer(tmp_path / "nats").start()
    try:
        async with running_control_plane(database_url, nats.url, schema_suffix) as cp:
            client = await cp.create_client()
            await wait_for(nats.url, event_of("control.client.created"))
            nats.stop()
            added = await cp.http.post(
                f"/api/clients/{client['id']}/api-keys",
                json={"exchange": "binance", "api_key": "k" * 16, "api_secret": "s" * 16},
                headers=cp.admin_headers(),
            )
            nats.start()
            published = await wait_for(
                nats.url, event_of(CONFIGURED, connector_id=added.json()["id"]), timeout_s=30
            )
    finally:
        nats.stop()

    assert added.status_code == 201
    assert added.json()["trading_bridge_warning"].startswith("NATS unavailable: event queued")
    assert len(published) == 1
