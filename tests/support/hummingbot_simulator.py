"""Run the Hummingbot host simulator over real HTTP in a test, and drive it like a client.

async with running_hummingbot(exchange_url) as hummingbot:
    await hummingbot.add_binance_account("client-a", api_key, api_secret)
    bot = await hummingbot.deploy("spread-1", "client-a", {"pmm": spread_config(...)})
    await hummingbot.wait_for_status(bot, "running")
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from simulators.hummingbot.app import create_app
from tests.support.servers import serve

T = TypeVar("T")

USERNAME = "admin"
PASSWORD = "admin"


def spread_config(
    trading_pair: str = "BTC-USDT",
    spread: float = 0.01,
    amount_quote: float = 200,
    refresh: float = 0.2,
) -> dict[str, Any]:
    """A `pmm_simple` controller config with one level on each side."""
    return {
        "controller_name": "pmm_simple",
        "connector_name": "binance",
        "trading_pair": trading_pair,
        "total_amount_quote": amount_quote,
        "buy_spreads": [spread],
        "sell_spreads": [spread],
        "executor_refresh_time": refresh,
    }


def dca_config(
    trading_pair: str = "BTC-USDT", amount_quote: float = 20, interval: float = 0.2
) -> dict[str, Any]:
    return {
        "controller_name": "dca",
        "connector_name": "binance",
        "trading_pair": trading_pair,
        "amount_quote": amount_quote,
        "interval_seconds": interval,
    }


@dataclass
class HummingbotClient:
    """An authenticated client of the simulator, with the calls tests repeat."""

    base_url: str
    http: httpx.AsyncClient

    async def add_binance_account(self, account: str, api_key: str, api_secret: str) -> None:
        response = await self.http.post("/accounts/add-account", params={"account_name": account})
        response.raise_for_status()
        credentials = {"binance_api_key": api_key, "binance_api_secret": api_secret}
        response = await self.http.post(
            f"/accounts/add-credential/{account}/binance", json=credentials
        )
        response.raise_for_status()

    async def deploy(self, instance: str, account: str, configs: dict[str, dict[str, Any]]) -> str:
        """Save each controller config under its name, deploy them; the bot's name."""
        for config_name, config in configs.items():
            saved = await self.http.post(f"/controllers/configs/{config_name}", json=config)
            saved.raise_for_status()
        deployment = {
            "instance_name": instance,
            "credentials_profile": account,
            "controllers_config": list(configs),
        }
        response = await self.http.post("/bot-orchestration/deploy-v2-controllers", json=deployment)
        response.raise_for_status()
        body = response.json()
        assert body["success"], body
        name: str = body["unique_instance_name"]
        return name

    async def status(self, bot: str) -> dict[str, Any]:
        response = await self.http.get(f"/bot-orchestration/{bot}/status")
        response.raise_for_status()
        data: dict[str, Any] = response.json()["data"]
        return data

    async def wait_for_status(self, bot: str, status: str, within: float = 10) -> dict[str, Any]:
        return await self.wait_until(bot, lambda data: data["status"] == status, within)

    async def wait_until(
        self, bot: str, condition: Callable[[dict[str, Any]], bool], within: float = 10
    ) -> dict[str, Any]:
        """Poll the bot's status until `condition(data)` holds."""
        return await eventually(lambda: self.status(bot), condition, within)


async def eventually(
    probe: Callable[[], Awaitable[T]], condition: Callable[[T], bool], within: float = 10
) -> T:
    """Call `probe` until `condition` holds on what it returns; fail with the last value."""
    deadline = time.monotonic() + within
    while True:
        value = await probe()
        if condition(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition never held within {within}s; last value: {value}")
        await asyncio.sleep(0.05)


@asynccontextmanager
async def running_hummingbot(
    exchange_url: str, report_interval: float = 0.1, **app_options: Any
) -> AsyncIterator[HummingbotClient]:
    app = create_app(
        exchange_url, USERNAME, PASSWORD, report_interval=report_interval, **app_options
    )
    async with (
        serve(app) as base_url,
        httpx.AsyncClient(base_url=base_url, auth=(USERNAME, PASSWORD), timeout=10) as http,
    ):
        yield HummingbotClient(base_url, http)
