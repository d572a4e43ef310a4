"""The product, end to end through the gateway, as the frontend would use it."""

from __future__ import annotations

import json
from decimal import Decimal

import httpx

from tests.e2e.conftest import RunningStack
from tests.e2e.flows import (
    admin_headers,
    eventually,
    exchange_account,
    onboard_client,
    open_orders,
    sim_account,
    start_spread_bot,
    swing_price_through_quotes,
    wallet_login,
)

BALANCES = {"USDT": "20000", "SHARP": "300000"}


def sim_totals(account: dict[str, object]) -> dict[str, Decimal]:
    balances = account["balances"]
    assert isinstance(balances, dict)
    return {
        a: Decimal(b["free"]) + Decimal(b["locked"])
        for a, b in balances.items()
        if Decimal(b["free"]) + Decimal(b["locked"])
    }


def portfolio_totals(portfolio: dict[str, object]) -> dict[str, Decimal]:
    connectors = portfolio["connectors"]
    assert isinstance(connectors, list)
    return {
        b["asset"]: Decimal(b["total"])
        for c in connectors
        for b in c["balances"]
        if Decimal(b["total"])
    }


async def test_operator_onboards_a_client_who_then_sees_real_balances_trades_pnl_and_bot(
    stack: RunningStack, gateway: httpx.AsyncClient, exchange: httpx.AsyncClient
) -> None:
    admin = await admin_headers(gateway, stack)
    onboarded = await onboard_client(gateway, admin, exchange, BALANCES)
    assert onboarded["key"]["trading_bridge_configured"] is True, onboarded["key"]
    bot = await start_spread_bot(gateway, admin, onboarded)
    resting = await eventually(
        lambda: sim_account(exchange, onboarded["api_key"]), lambda a: len(a["orders"]) >= 2
    )
    assert {o["side"] for o in resting["orders"]} == {"BUY", "SELL"}
    await swing_price_through_quotes(exchange)

    client = await wallet_login(gateway, onboarded["wallet"])
    trades = await eventually(
        lambda: gateway.get("/api/trades", headers=client, params={"trading_pair": "SHARP-USDT"}),
        lambda r: r.status_code == 200 and len(r.json()["trades"]) >= 2,
    )
    assert len(trades.json()["trades"]) >= 2, trades.text
    volume = (await gateway.get("/api/volume", headers=client, params={"days": 1})).json()
    assert Decimal(volume["total_usd"]) > 0
    pnl = (await gateway.get("/api/pnl", headers=client, params={"days": 1})).json()
    assert pnl["method"] == "average_cost"
    assert Decimal(pnl["total"]["volume_usd"]) == Decimal(volume["total_usd"])
    bots = (await gateway.get("/api/bots", headers=client)).json()
    assert [(b["id"], b["status"]) for b in bots] == [(bot["id"], "running")]

    stopped = await gateway.post(f"/api/bots/{bot['id']}/stop", headers=admin)
    assert stopped.status_code < 300, stopped.text
    after_stop = await eventually(
        lambda: sim_account(exchange, onboarded["api_key"]), lambda a: not open_orders(a)
    )
    assert open_orders(after_stop) == []
    portfolio = (await gateway.get("/api/portfolio", headers=client)).json()
    expected = sim_totals(await sim_account(exchange, onboarded["api_key"]))
    assert portfolio_totals(portfolio) == expected
    assert expected["USDT"] != Decimal(BALANCES["USDT"])  # the bot really traded
    assert Decimal(portfolio["total_usd"]) > 0
    assert portfolio["connectors"][0]["status"] == "ok"


async def test_a_client_sees_nothing_of_another_client(
    stack: RunningStack, gateway: httpx.AsyncClient, exchange: httpx.AsyncClient
) -> None:
    admin = await admin_headers(gateway, stack)
    mine = await onboard_client(gateway, admin, exchange, BALANCES)
    theirs = await onboard_client(gateway, admin, exchange, BALANCES)
    client = await wallet_login(gateway, mine["wallet"])
    other_account, other_id = theirs["account"], theirs["client"]["id"]
    probes = [
        f"/api/clients/{other_id}",
        f"/api/clients/{other_id}/api-keys",
        f"/api/clients/by-wallet/{theirs['wallet'].address}",
        f"/api/portfolio?account={other_account}",
        f"/api/balances?account={other_account}",
        f"/api/trades?account={other_account}&trading_pair=SHARP-USDT",
        f"/api/volume?account={other_account}",
        f"/api/pnl?account={other_account}",
        f"/api/bots?account={other_account}",
        f"/api/clients/portfolio?wallet_address={theirs['wallet'].address}",
    ]
    answers = {probe: (await gateway.get(probe, headers=client)).status_code for probe in probes}
    assert answers == dict.fromkeys(probes, 404)
    assert (
        await gateway.get(f"/api/clients/{mine['client']['id']}", headers=client)
    ).status_code == 200


async def test_internal_api_is_unreachable_through_the_gateway(
    stack: RunningStack, gateway: httpx.AsyncClient
) -> None:
    token = json.loads((stack.log.parent / "secrets.json").read_text())["service_token"]
    for path in ("/internal/connectors", "/internal/credentials", "/internal/anything"):
        response = await gateway.get(path, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 404
        assert response.json()["error"] == "NotFound"


async def test_a_replaced_key_takes_effect_in_the_bridge_and_on_the_bot_host_without_restarts(
    stack: RunningStack, gateway: httpx.AsyncClient, exchange: httpx.AsyncClient
) -> None:
    admin = await admin_headers(gateway, stack)
    onboarded = await onboard_client(gateway, admin, exchange, BALANCES)
    bot = await start_spread_bot(gateway, admin, onboarded)
    new_key, new_secret = await exchange_account(exchange, {"USDT": "7777", "SHARP": "111111"})
    replaced = await gateway.put(
        f"/api/clients/{onboarded['client']['id']}/api-keys/{onboarded['key']['id']}",
        headers=admin,
        json={"api_key": new_key, "api_secret": new_secret},
    )
    assert replaced.status_code == 200, replaced.text
    assert (replaced.json()["version"], replaced.json()["trading_bridge_configured"]) == (2, True)
    portfolio = await eventually(
        lambda: gateway.get(
            "/api/portfolio", headers=admin, params={"account": onboarded["account"]}
        ),
        lambda r: portfolio_totals(r.json()).get("USDT") == Decimal("7777"),
    )
    assert portfolio_totals(portfolio.json()) == {
        "USDT": Decimal("7777"),
        "SHARP": Decimal("111111"),
    }
    # The bot host holds the new key: the bot, started again, quotes from the new account.
    await gateway.post(f"/api/bots/{bot['id']}/stop", headers=admin)
    await gateway.post(f"/api/bots/{bot['id']}/start", headers=admin)
    quoting = await eventually(
        lambda: sim_account(exchange, new_key), lambda a: len(a["orders"]) >= 2
    )
    assert len(quoting["orders"]) >= 2
    await gateway.post(f"/api/bots/{bot['id']}/stop", headers=admin)


async def test_deleting_a_client_removes_every_trace_from_bridge_and_bot_host(
    stack: RunningStack, gateway: httpx.AsyncClient, exchange: httpx.AsyncClient
) -> None:
    admin = await admin_headers(gateway, stack)
    onboarded = await onboard_client(gateway, admin, exchange, BALANCES)
    bot = await start_spread_bot(gateway, admin, onboarded)
    deleted = await gateway.delete(f"/api/clients/{onboarded['client']['id']}", headers=admin)
    assert deleted.status_code in (200, 204), deleted.text

    hummingbot_password = json.loads((stack.log.parent / "secrets.json").read_text())[
        "hummingbot_password"
    ]
    async with httpx.AsyncClient(
        base_url=stack.hummingbot_url, auth=("admin", hummingbot_password)
    ) as host:
        accounts = await eventually(
            lambda: host.get("/accounts/"), lambda r: onboarded["account"] not in r.json()
        )
        status = (await host.get("/bot-orchestration/status")).json()["data"]
    assert onboarded["account"] not in accounts.json()
    assert not [
        name
        for name, s in status.items()
        if onboarded["account"] in name and s["status"] == "running"
    ]
    gone = await eventually(
        lambda: gateway.get(f"/api/bots/{bot['id']}", headers=admin), lambda r: r.status_code == 404
    )
    assert gone.status_code == 404
    book = await eventually(
        lambda: sim_account(exchange, onboarded["api_key"]), lambda a: not open_orders(a)
    )
    assert open_orders(book) == []
    portfolio = await gateway.get(
        "/api/portfolio", headers=admin, params={"account": onboarded["account"]}
    )
    assert portfolio.status_code == 404
