"""Credentials the adapter pushes to the bot host never show: not in a log record (raw or as
shipped), an API answer, a NATS message, or the adapter's tables, including when the host
refuses them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.integration.hummingbot_adapter.conftest import Client, spread_bot
from tests.integration.hummingbot_adapter.test_control_events import credential_pushes
from tests.support.bus import stored_messages
from tests.support.control_plane import RunningControlPlane
from tests.support.exchange_simulator import ApiKey, RunningExchange
from tests.support.hummingbot_adapter import RunningAdapter
from tests.support.hummingbot_simulator import HummingbotClient, eventually
from tests.support.leaks import CapturedLogs, captured_logs, schema_text

MARK = f"CANARY-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def logs() -> Iterator[CapturedLogs]:
    with captured_logs("hummingbot-adapter") as handler:
        yield handler


async def canary_client(cp: RunningControlPlane, exchange: RunningExchange) -> Client:
    key = ApiKey(f"{MARK}-key-{uuid.uuid4().hex}", f"{MARK}-secret-{uuid.uuid4().hex}")
    await exchange.post(
        "/sim/accounts",
        {"api_key": key.api_key, "api_secret": key.api_secret, "balances": {"USDT": "10000"}},
    )
    body = await cp.create_client(name="Canary Token")
    added = await cp.add_key(body["id"], api_key=key.api_key, api_secret=key.api_secret)
    return Client(body, key, str(added["id"]))


async def test_pushed_and_refused_credentials_never_show_anywhere(
    logs: CapturedLogs,
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    exchange: RunningExchange,
    hummingbot: HummingbotClient,
    fresh_streams: str,
) -> None:
    admin = control_plane.admin_headers()
    client = await canary_client(control_plane, exchange)
    bot = await adapter.create_bot(admin, **spread_bot(client))
    answers: list[httpx.Response] = [
        await adapter.http.post(f"/api/bots/{bot['id']}/start", headers=admin)
    ]
    await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "running")
    unknown_to_the_exchange = {"api_key": f"{MARK}-k2", "api_secret": f"{MARK}-s2-{uuid.uuid4()}"}
    replaced = await control_plane.http.put(
        f"/api/clients/{client.body['id']}/api-keys/{client.connector_id}",
        json=unknown_to_the_exchange,
        headers=admin,
    )
    replaced.raise_for_status()
    await eventually(lambda: credential_pushes(hummingbot), lambda pushes: pushes >= 2)
    answers += [
        await adapter.http.get("/api/bots", headers=admin),
        await adapter.http.get(f"/api/bots/{bot['id']}", headers=admin),
        await adapter.http.post(f"/api/bots/{bot['id']}/stop", headers=admin),
        await adapter.http.get(f"/api/bots/{bot['id']}/runs", headers=admin),
    ]
    messages = [
        message.data or b""
        for stream in ("CONTROL", "STATUS")
        for message in await stored_messages(fresh_streams, stream)
    ]

    secrets = [client.key.api_secret, unknown_to_the_exchange["api_secret"]]
    shown = [
        *logs.lines,
        *(a.text + repr(dict(a.headers)) for a in answers),
        *(m.decode() for m in messages),
        await schema_text(adapter.settings.database_url, adapter.settings.db_schema),
    ]
    assert all(answer.status_code < 400 for answer in answers)
    assert any("BotHostRefused" in line for line in logs.lines)
    for secret in secrets:
        assert not [text for text in shown if secret in text]
