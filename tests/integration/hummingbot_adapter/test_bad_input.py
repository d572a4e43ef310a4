"""`POST /api/bots` refuses what cannot run, saying what is wrong."""

from __future__ import annotations

from tests.integration.hummingbot_adapter.conftest import Client, spread_bot
from tests.support.control_plane import RunningControlPlane
from tests.support.hummingbot_adapter import RunningAdapter


async def test_unknown_account_is_404(
    adapter: RunningAdapter, control_plane: RunningControlPlane, client: Client
) -> None:
    body = spread_bot(client) | {"account": "no-such-account"}

    response = await adapter.http.post(
        "/api/bots", json=body, headers=control_plane.admin_headers()
    )

    assert response.status_code == 404, response.text
    assert "no-such-account" in response.json()["detail"]


async def test_connector_the_account_has_no_key_for_is_409_naming_it(
    adapter: RunningAdapter, control_plane: RunningControlPlane, client: Client
) -> None:
    body = spread_bot(client) | {"connector": "kucoin"}

    response = await adapter.http.post(
        "/api/bots", json=body, headers=control_plane.admin_headers()
    )

    assert response.status_code == 409, response.text
    detail = response.json()["detail"]
    assert "'kucoin'" in detail
    assert f"binance ({client.connector_id})" in detail


async def test_connector_named_by_exchange_resolves_to_the_accounts_key(
    adapter: RunningAdapter, control_plane: RunningControlPlane, client: Client
) -> None:
    bot = await adapter.create_bot(
        control_plane.admin_headers(), **spread_bot(client) | {"connector": "binance"}
    )

    assert bot["connector"] == client.connector_id
    assert bot["exchange"] == "binance"
    assert bot["trading_pair"] == "BTC-USDT"


async def test_invalid_strategy_config_is_422_naming_each_bad_field(
    adapter: RunningAdapter, control_plane: RunningControlPlane, client: Client
) -> None:
    body = spread_bot(client, bid_spread="1.5", order_amount="-3", refresh="soon")

    response = await adapter.http.post(
        "/api/bots", json=body, headers=control_plane.admin_headers()
    )

    assert response.status_code == 422, response.text
    fields = {field["field"] for field in response.json()["fields"]}
    assert fields == {
        "spread.config.bid_spread",
        "spread.config.order_amount",
        "spread.config.refresh",
    }


async def test_name_hummingbot_would_refuse_is_422(
    adapter: RunningAdapter, control_plane: RunningControlPlane, client: Client
) -> None:
    body = spread_bot(client, name="my bot!")

    response = await adapter.http.post(
        "/api/bots", json=body, headers=control_plane.admin_headers()
    )

    assert response.status_code == 422, response.text
    assert [field["field"] for field in response.json()["fields"]] == ["spread.name"]


async def test_duplicate_name_is_409(
    adapter: RunningAdapter, control_plane: RunningControlPlane, client: Client
) -> None:
    admin = control_plane.admin_headers()
    await adapter.create_bot(admin, **spread_bot(client))

    response = await adapter.http.post("/api/bots", json=spread_bot(client), headers=admin)

    assert response.status_code == 409
    assert "sharp-mm" in response.json()["detail"]


async def test_config_change_is_refused_while_running_and_accepted_when_stopped(
    adapter: RunningAdapter, control_plane: RunningControlPlane, client: Client
) -> None:
    admin = control_plane.admin_headers()
    bot = await adapter.create_bot(admin, **spread_bot(client))
    await adapter.command(bot["id"], "start", admin)
    new_config = spread_bot(client)["config"] | {"bid_spread": "0.02"}

    while_running = await adapter.http.patch(
        f"/api/bots/{bot['id']}", json={"config": new_config}, headers=admin
    )
    renamed = await adapter.http.patch(
        f"/api/bots/{bot['id']}", json={"name": "sharp-mm-2"}, headers=admin
    )
    await adapter.command(bot["id"], "stop", admin)
    invalid = await adapter.http.patch(
        f"/api/bots/{bot['id']}", json={"config": {"bid_spread": "0"}}, headers=admin
    )
    when_stopped = await adapter.http.patch(
        f"/api/bots/{bot['id']}", json={"config": new_config}, headers=admin
    )

    assert while_running.status_code == 409
    assert renamed.json()["name"] == "sharp-mm-2"
    assert invalid.status_code == 422
    assert {f["field"] for f in invalid.json()["fields"]} == {
        "config.bid_spread",
        "config.ask_spread",
        "config.order_amount",
    }
    assert when_stopped.status_code == 200, when_stopped.text
    assert when_stopped.json()["config"]["bid_spread"] == "0.02"
