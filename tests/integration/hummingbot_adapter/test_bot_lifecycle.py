"""A spread bot defined through the adapter runs on the host, trades, and stops with its run
closed: the whole chain over HTTP."""

from __future__ import annotations

import pytest

from tests.integration.hummingbot_adapter.conftest import Client, onboard, spread_bot
from tests.support.control_plane import RunningControlPlane
from tests.support.exchange_simulator import RunningExchange
from tests.support.hummingbot_adapter import RunningAdapter
from tests.support.hummingbot_simulator import eventually

SYMBOL = "BTC/USDT"


async def test_started_spread_bot_quotes_trades_and_stops_with_its_run_closed(
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    exchange: RunningExchange,
    client: Client,
) -> None:
    admin = control_plane.admin_headers()
    bot = await adapter.create_bot(admin, **spread_bot(client))
    assert bot["status"] == "stopped"

    await adapter.command(bot["id"], "start", admin)
    running = await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "running")
    binance = exchange.binance(client.key)
    orders = await eventually(
        lambda: binance.fetch_open_orders(SYMBOL), lambda found: len(found) == 2
    )
    assert sorted(order["side"] for order in orders) == ["buy", "sell"]
    assert running["last_seen"] is not None

    await exchange.set_price(SYMBOL, "59000")
    traded = await adapter.wait_for_bot(
        bot["id"], admin, lambda b: b["performance"]["volume_traded"] > 0
    )
    assert traded["performance"]["volume_traded"] == pytest.approx(100, rel=0.05)
    assert traded["performance"]["unrealized_pnl_quote"] < 0

    stopped = await adapter.command(bot["id"], "stop", admin)
    assert stopped["status"] == "stopped"
    assert stopped["desired_state"] == "stopped"
    assert await binance.fetch_open_orders(SYMBOL) == []
    [run] = await adapter.runs(bot["id"], admin)
    assert run["ended_at"] is not None
    assert run["final_status"] == "stopped"
    assert float(run["volume_quote"]) == pytest.approx(100, rel=0.05)
    assert run["final_performance"]["volume_traded"] == float(run["volume_quote"])
    assert float(run["pnl_quote"]) == run["final_performance"]["global_pnl_quote"]


async def test_client_token_sees_only_its_own_accounts_bots(
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    exchange: RunningExchange,
    client: Client,
) -> None:
    other = await onboard(control_plane, exchange, "Other Project")
    admin = control_plane.admin_headers()
    mine = await adapter.create_bot(admin, **spread_bot(client, name="mine"))
    theirs = await adapter.create_bot(admin, **spread_bot(other, name="theirs"))
    headers = control_plane.client_headers(client.body)

    listed = await adapter.http.get("/api/bots", headers=headers)
    other_bot = await adapter.http.get(f"/api/bots/{theirs['id']}", headers=headers)
    other_account = await adapter.http.get(
        "/api/bots", params={"account": other.account}, headers=headers
    )
    start = await adapter.http.post(f"/api/bots/{mine['id']}/start", headers=headers)

    assert [bot["name"] for bot in listed.json()] == ["mine"]
    assert other_bot.status_code == 404
    assert other_account.status_code == 404
    assert start.status_code == 403
