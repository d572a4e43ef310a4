"""The adapter follows the control plane: a deleted client's bots leave the host, a removed
key stops its bots, a replaced key reaches the host without stopping anything."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from services.hummingbot_adapter.bot_host.breaker import BreakerState
from tests.integration.hummingbot_adapter.conftest import Client, spread_bot
from tests.support.control_plane import RunningControlPlane
from tests.support.exchange_simulator import RunningExchange
from tests.support.hummingbot_adapter import RunningAdapter
from tests.support.hummingbot_simulator import HummingbotClient, eventually

ADD_CREDENTIAL = "POST /accounts/add-credential/{account_name}/{connector_name}"


async def running_bot(adapter: RunningAdapter, cp: RunningControlPlane, client: Client) -> str:
    admin = cp.admin_headers()
    bot = await adapter.create_bot(admin, **spread_bot(client))
    await adapter.command(bot["id"], "start", admin)
    await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "running")
    bot_id: str = bot["id"]
    return bot_id


async def host_bots(hummingbot: HummingbotClient) -> dict[str, Any]:
    response = await hummingbot.http.get("/bot-orchestration/status")
    response.raise_for_status()
    data: dict[str, Any] = response.json()["data"]
    return data


async def test_deleting_the_client_stops_its_bots_on_the_host_and_removes_them(
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    exchange: RunningExchange,
    hummingbot: HummingbotClient,
    client: Client,
) -> None:
    admin = control_plane.admin_headers()
    bot_id = await running_bot(adapter, control_plane, client)

    deleted = await control_plane.http.delete(f"/api/clients/{client.body['id']}", headers=admin)
    deleted.raise_for_status()

    async def bot_answer() -> int:
        return (await adapter.http.get(f"/api/bots/{bot_id}", headers=admin)).status_code

    await eventually(bot_answer, lambda status: status == 404)
    assert await host_bots(hummingbot) == {}
    assert await exchange.binance(client.key).fetch_open_orders("BTC/USDT") == []
    accounts = await eventually(
        lambda: hummingbot.http.get("/accounts/"),
        lambda response: client.account not in response.json(),
    )
    assert accounts.status_code == 200


async def test_removed_key_stops_its_bots_with_the_reason_on_the_run(
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    hummingbot: HummingbotClient,
    client: Client,
) -> None:
    admin = control_plane.admin_headers()
    bot_id = await running_bot(adapter, control_plane, client)

    removed = await control_plane.http.delete(
        f"/api/clients/{client.body['id']}/api-keys/{client.connector_id}", headers=admin
    )
    removed.raise_for_status()
    stopped = await adapter.wait_for_bot(bot_id, admin, lambda b: b["status"] == "stopped")
    restart = await adapter.http.post(f"/api/bots/{bot_id}/start", headers=admin)

    [run] = await adapter.runs(bot_id, admin)
    assert stopped["desired_state"] == "stopped"
    assert run["stop_reason"] == "connector removed"
    assert await host_bots(hummingbot) == {}
    assert restart.status_code == 409
    assert "removed" in restart.json()["detail"]


async def test_replaced_key_reaches_the_host_while_the_bot_keeps_running(
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    exchange: RunningExchange,
    hummingbot: HummingbotClient,
    client: Client,
) -> None:
    admin = control_plane.admin_headers()
    bot_id = await running_bot(adapter, control_plane, client)
    pushes_before = await credential_pushes(hummingbot)
    new_key = await exchange.add_account({"USDT": "500"})

    replaced = await control_plane.http.put(
        f"/api/clients/{client.body['id']}/api-keys/{client.connector_id}",
        json={"api_key": new_key.api_key, "api_secret": new_key.api_secret},
        headers=admin,
    )
    replaced.raise_for_status()
    await eventually(lambda: credential_pushes(hummingbot), lambda n: n == pushes_before + 1)

    bot = await adapter.bot(bot_id, admin)
    runs = await adapter.runs(bot_id, admin)
    assert bot["status"] == "running"
    assert len(runs) == 1
    assert runs[0]["ended_at"] is None


async def credential_pushes(hummingbot: HummingbotClient) -> int:
    calls = (await hummingbot.http.get("/sim/calls")).json()
    pushes: int = calls["routes"].get(ADD_CREDENTIAL, 0)
    return pushes


async def test_client_deleted_while_the_host_is_down_leaves_no_bot_config_on_it(
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    hummingbot: HummingbotClient,
    client: Client,
) -> None:
    admin = control_plane.admin_headers()
    bot_id = await running_bot(adapter, control_plane, client)
    await adapter.command(bot_id, "stop", admin)
    (await hummingbot.http.post("/sim/faults", json={"down": True})).raise_for_status()

    deleted = await control_plane.http.delete(f"/api/clients/{client.body['id']}", headers=admin)
    deleted.raise_for_status()
    await eventually(
        lambda: adapter.http.get(f"/api/bots/{bot_id}", headers=admin),
        lambda answer: answer.status_code == 404,
    )
    await eventually(breaker_state(adapter), lambda state: state is BreakerState.OPEN)
    (await hummingbot.http.delete("/sim/faults")).raise_for_status()

    configs = await eventually(
        lambda: hummingbot.http.get("/controllers/configs"), lambda answer: answer.json() == []
    )
    assert configs.status_code == 200


def breaker_state(adapter: RunningAdapter) -> Callable[[], Awaitable[BreakerState]]:
    async def probe() -> BreakerState:
        state: BreakerState = adapter.app.state.lifecycle.host.breaker.state
        return state

    return probe
