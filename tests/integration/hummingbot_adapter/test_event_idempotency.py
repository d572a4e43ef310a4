"""CONTROL handlers are idempotent on (connector id, version): a repeated or older
`configured` pushes nothing to the host, and a removal is final."""

from __future__ import annotations

import uuid

from services.hummingbot_adapter.accounts import repository as accounts
from services.hummingbot_adapter.consumers import ControlEvents
from shared.events import ConnectorConfigured, ConnectorRemoved
from tests.integration.hummingbot_adapter.conftest import Client
from tests.integration.hummingbot_adapter.test_control_events import (
    credential_pushes,
    running_bot,
)
from tests.support.control_plane import RunningControlPlane
from tests.support.hummingbot_adapter import RunningAdapter
from tests.support.hummingbot_simulator import HummingbotClient


def control_events(adapter: RunningAdapter) -> ControlEvents:
    return ControlEvents(adapter.app.state.runtime.pool, adapter.app.state.lifecycle)


def configured(
    client: Client, version: int, connector_id: str | None = None
) -> ConnectorConfigured:
    return ConnectorConfigured(
        connector_id=uuid.UUID(connector_id or client.connector_id),
        client_id=uuid.UUID(client.body["id"]),
        account=client.account,
        exchange="binance",
        version=version,
    )


async def test_repeated_or_older_version_pushes_nothing_to_the_host(
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    hummingbot: HummingbotClient,
    client: Client,
) -> None:
    await running_bot(adapter, control_plane, client)
    events = control_events(adapter)
    async with adapter.app.state.runtime.pool.acquire() as conn:
        current = await accounts.get_connector(conn, uuid.UUID(client.connector_id))
    assert current is not None
    pushes_before = await credential_pushes(hummingbot)

    await events.connector_configured(configured(client, current.version))
    await events.connector_configured(configured(client, current.version - 1))

    assert await credential_pushes(hummingbot) == pushes_before


async def test_late_configured_event_never_revives_a_removed_connector(
    adapter: RunningAdapter, client: Client
) -> None:
    events = control_events(adapter)
    connector_id = str(uuid.uuid4())
    event = configured(client, 3, connector_id)

    await events.connector_removed(
        ConnectorRemoved(
            connector_id=event.connector_id,
            client_id=event.client_id,
            account=event.account,
            exchange=event.exchange,
        )
    )
    await events.connector_configured(event)

    async with adapter.app.state.runtime.pool.acquire() as conn:
        found = await accounts.get_connector(conn, event.connector_id)
    assert found is not None
    assert not found.live
