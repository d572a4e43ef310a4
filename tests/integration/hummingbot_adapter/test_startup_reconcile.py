"""Events lost while the adapter was away: its start-up reconcile from the control plane's
listing still stops the bots of a removed key."""

from __future__ import annotations

from typing import Any

import nats

from shared.events import CONTROL_STREAM
from tests.integration.hummingbot_adapter.conftest import Client, spread_bot
from tests.support.control_plane import RunningControlPlane
from tests.support.hummingbot_adapter import running_adapter
from tests.support.hummingbot_simulator import HummingbotClient, eventually


async def test_key_removed_while_away_with_its_event_lost_stops_the_bot_at_start(
    database_url: str,
    fresh_streams: str,
    schema_suffix: str,
    control_plane: RunningControlPlane,
    hummingbot: HummingbotClient,
    client: Client,
) -> None:
    admin = control_plane.admin_headers()
    options: dict[str, Any] = {
        "control_plane_url": control_plane.url,
        "hummingbot_url": hummingbot.base_url,
        "service_token": control_plane.service_token,
        "jwt_public_key": control_plane.jwt_public_key,
    }
    async with running_adapter(database_url, fresh_streams, schema_suffix, **options) as adapter:
        bot = await adapter.create_bot(admin, **spread_bot(client))
        await adapter.command(bot["id"], "start", admin)
        await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "running")

    await remove_key_and_lose_its_event(control_plane, client, fresh_streams)

    async with running_adapter(database_url, fresh_streams, schema_suffix, **options) as adapter:
        stopped = await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "stopped")
        [run] = await adapter.runs(bot["id"], admin)

    assert stopped["desired_state"] == "stopped"
    assert run["stop_reason"] == "connector removed"
    assert (await hummingbot.http.get("/bot-orchestration/status")).json()["data"] == {}


async def remove_key_and_lose_its_event(
    cp: RunningControlPlane, client: Client, nats_url: str
) -> None:
    connection = await nats.connect(nats_url)
    js = connection.jetstream()
    try:
        before = (await js.stream_info(CONTROL_STREAM)).state.messages
        removed = await cp.http.delete(
            f"/api/clients/{client.body['id']}/api-keys/{client.connector_id}",
            headers=cp.admin_headers(),
        )
        removed.raise_for_status()

        async def published() -> int:
            return (await js.stream_info(CONTROL_STREAM)).state.messages

        await eventually(published, lambda count: count > before)
        await js.purge_stream(CONTROL_STREAM)
    finally:
        await connection.close()
