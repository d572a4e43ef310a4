"""Controller configs are saved by name and deployed by name; what cannot run is refused
with hummingbot-api's `success: false`, and commands to unknown bots say so."""

from typing import Any

from tests.integration.hummingbot_simulator.conftest import ACCOUNT
from tests.support.exchange_simulator import ApiKey
from tests.support.hummingbot_simulator import HummingbotClient, spread_config


async def deploy(hummingbot: HummingbotClient, account: str, configs: list[str]) -> Any:
    deployment = {
        "instance_name": "bot",
        "credentials_profile": account,
        "controllers_config": configs,
    }
    response = await hummingbot.http.post(
        "/bot-orchestration/deploy-v2-controllers", json=deployment
    )
    assert response.status_code == 200
    return response.json()


async def test_controller_configs_are_saved_listed_read_and_deleted(
    hummingbot: HummingbotClient,
) -> None:
    config = spread_config()

    saved = await hummingbot.http.post("/controllers/configs/pmm-a", json=config)

    assert saved.status_code == 201
    assert saved.json() == {"message": "Configuration 'pmm-a' saved successfully"}
    assert (await hummingbot.http.get("/controllers/configs/")).json() == [config]
    assert (await hummingbot.http.get("/controllers/configs/pmm-a")).json() == config
    deleted = await hummingbot.http.delete("/controllers/configs/pmm-a")
    assert deleted.json() == {"message": "Configuration 'pmm-a' deleted successfully"}
    assert (await hummingbot.http.get("/controllers/configs/pmm-a")).status_code == 404


async def test_deployment_names_the_bot_with_a_timestamp_suffix(
    hummingbot: HummingbotClient, key: ApiKey
) -> None:
    await hummingbot.http.post("/controllers/configs/pmm-a", json=spread_config())

    body = await deploy(hummingbot, ACCOUNT, ["pmm-a"])

    assert body["success"] is True
    assert body["unique_instance_name"].startswith("bot-")
    assert body["controllers_deployed"] == ["pmm-a"]
    listing = (await hummingbot.http.get("/bot-orchestration/status")).json()["data"]
    assert list(listing) == [body["unique_instance_name"]]


async def test_deployment_of_an_unknown_config_is_refused(
    hummingbot: HummingbotClient, key: ApiKey
) -> None:
    body = await deploy(hummingbot, ACCOUNT, ["missing"])

    assert body == {"success": False, "message": "Configuration 'missing' not found"}


async def test_deployment_of_an_invalid_config_names_the_bad_field(
    hummingbot: HummingbotClient, key: ApiKey
) -> None:
    await hummingbot.http.post(
        "/controllers/configs/bad", json=spread_config() | {"buy_spreads": [1.5]}
    )

    body = await deploy(hummingbot, ACCOUNT, ["bad"])

    assert body["success"] is False
    assert "buy_spreads" in body["message"]


async def test_deployment_without_credentials_for_the_connector_is_refused(
    hummingbot: HummingbotClient,
) -> None:
    await hummingbot.http.post("/accounts/add-account", params={"account_name": "empty"})
    await hummingbot.http.post("/controllers/configs/pmm-a", json=spread_config())

    body = await deploy(hummingbot, "empty", ["pmm-a"])

    assert body == {"success": False, "message": "No credentials for binance in 'empty'."}


async def test_commands_and_status_for_an_unknown_bot_say_not_found(
    hummingbot: HummingbotClient,
) -> None:
    start = await hummingbot.http.post("/bot-orchestration/start-bot", json={"bot_name": "ghost"})
    stop = await hummingbot.http.post("/bot-orchestration/stop-bot", json={"bot_name": "ghost"})
    status = await hummingbot.http.get("/bot-orchestration/ghost/status")

    not_found = {"success": False, "message": "Bot ghost not found"}
    assert start.json() == {"status": "success", "response": not_found}
    assert stop.json() == {"status": "success", "response": not_found}
    assert status.json() == {
        "status": "success",
        "data": {"status": "not_found", "error": "Bot ghost not found"},
    }


async def test_stop_and_archive_removes_the_bot(hummingbot: HummingbotClient, key: ApiKey) -> None:
    bot = await hummingbot.deploy("spread", ACCOUNT, {"pmm-a": spread_config()})

    response = await hummingbot.http.post(f"/bot-orchestration/stop-and-archive-bot/{bot}")

    assert response.json()["status"] == "success"
    assert (await hummingbot.http.get("/bot-orchestration/status")).json()["data"] == {}
