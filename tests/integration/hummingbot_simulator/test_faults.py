"""Faults on demand: a crashed bot reads `error` with its log line; the API goes down,
fails or slows, and recovers; every call is counted."""

import httpx
import pytest

from tests.integration.hummingbot_simulator.conftest import ACCOUNT
from tests.support.exchange_simulator import ApiKey, RunningExchange
from tests.support.hummingbot_simulator import HummingbotClient, spread_config


async def test_crashed_bot_reads_error_with_its_log_line(
    hummingbot: HummingbotClient, key: ApiKey
) -> None:
    bot = await hummingbot.deploy("spread", ACCOUNT, {"btc-pmm": spread_config()})
    await hummingbot.wait_for_status(bot, "running")

    response = await hummingbot.http.post(f"/sim/bots/{bot}/crash", params={"reason": "segfault"})
    assert response.status_code == 200
    data = await hummingbot.wait_for_status(bot, "error")

    assert data["recently_active"] is False
    assert data["performance"] == {}
    assert data["error_logs"][-1]["msg"] == "Bot crashed: SimulatedCrash: segfault"
    assert data["error_logs"][-1]["level_name"] == "ERROR"
    listing = (await hummingbot.http.get("/bot-orchestration/status")).json()["data"]
    assert listing[bot]["status"] == "error"


async def test_crashed_bot_leaves_its_orders_on_the_book(
    exchange: RunningExchange, hummingbot: HummingbotClient, key: ApiKey
) -> None:
    bot = await hummingbot.deploy("spread", ACCOUNT, {"btc-pmm": spread_config(refresh=30)})
    await hummingbot.wait_for_status(bot, "running")

    await hummingbot.http.post(f"/sim/bots/{bot}/crash")
    await hummingbot.wait_until(
        bot, lambda data: any(line["msg"].startswith("Stopped") for line in data["general_logs"])
    )

    assert len(await exchange.binance(key).fetch_open_orders("BTC/USDT")) == 2


async def test_down_host_answers_503_until_faults_are_cleared(
    hummingbot: HummingbotClient,
) -> None:
    await hummingbot.http.post("/sim/faults", json={"down": True})

    down = await hummingbot.http.get("/bot-orchestration/status")
    assert down.status_code == 503
    with pytest.raises(httpx.HTTPStatusError):
        down.raise_for_status()

    await hummingbot.http.delete("/sim/faults")
    assert (await hummingbot.http.get("/bot-orchestration/status")).status_code == 200


async def test_status_fault_answers_that_status_on_every_api_route(
    hummingbot: HummingbotClient,
) -> None:
    await hummingbot.http.post("/sim/faults", json={"status": 500})

    assert (await hummingbot.http.get("/bot-orchestration/status")).status_code == 500
    assert (await hummingbot.http.get("/accounts/")).status_code == 500
    assert (await hummingbot.http.get("/sim/calls")).status_code == 200


async def test_latency_beyond_the_client_timeout_reads_as_a_hung_host(
    hummingbot: HummingbotClient,
) -> None:
    await hummingbot.http.post("/sim/faults", json={"latency_ms": 300})

    with pytest.raises(httpx.ReadTimeout):
        await hummingbot.http.get("/bot-orchestration/status", timeout=0.1)

    await hummingbot.http.delete("/sim/faults")
    assert (await hummingbot.http.get("/bot-orchestration/status", timeout=1)).status_code == 200


async def test_calls_are_counted_per_route_template(hummingbot: HummingbotClient) -> None:
    await hummingbot.http.delete("/sim/calls")

    await hummingbot.http.get("/bot-orchestration/status")
    await hummingbot.http.get("/bot-orchestration/status")
    await hummingbot.http.get("/bot-orchestration/some-bot/status")
    async with httpx.AsyncClient(base_url=hummingbot.base_url) as anonymous:
        await anonymous.get("/accounts/")

    calls = (await hummingbot.http.get("/sim/calls")).json()
    assert calls == {
        "total": 4,
        "routes": {
            "GET /bot-orchestration/status": 2,
            "GET /bot-orchestration/{bot_name}/status": 1,
            "GET /accounts/": 1,
        },
    }


async def test_reset_stops_bots_and_forgets_accounts_and_configs(
    exchange: RunningExchange, hummingbot: HummingbotClient, key: ApiKey
) -> None:
    await hummingbot.deploy("spread", ACCOUNT, {"btc-pmm": spread_config()})

    await hummingbot.http.post("/sim/reset")

    assert (await hummingbot.http.get("/bot-orchestration/status")).json()["data"] == {}
    assert (await hummingbot.http.get("/accounts/")).json() == ["master_account"]
    assert (await hummingbot.http.get("/controllers/configs")).json() == []
    assert await exchange.binance(key).fetch_open_orders("BTC/USDT") == []
