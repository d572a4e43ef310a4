"""A bot whose exchange stops answering keeps running but stops reporting: `idle`, with
the exchange errors in its error logs, and `running` again once the exchange is back."""

from collections.abc import AsyncIterator

import pytest

from tests.integration.hummingbot_simulator.conftest import ACCOUNT
from tests.support.exchange_simulator import RunningExchange
from tests.support.hummingbot_simulator import HummingbotClient, running_hummingbot, spread_config


@pytest.fixture
async def impatient_hummingbot(exchange: RunningExchange) -> AsyncIterator[HummingbotClient]:
    async with running_hummingbot(exchange.url, report_interval=0.1, activity_window=0.5) as client:
        yield client


async def test_bot_cut_off_from_its_exchange_goes_idle_then_recovers(
    exchange: RunningExchange, impatient_hummingbot: HummingbotClient
) -> None:
    hummingbot = impatient_hummingbot
    key = await exchange.add_account({"USDT": "10000", "BTC": "1"})
    await hummingbot.add_binance_account(ACCOUNT, key.api_key, key.api_secret)
    bot = await hummingbot.deploy("spread", ACCOUNT, {"btc-pmm": spread_config()})
    await hummingbot.wait_for_status(bot, "running")

    await exchange.set_fault(status=503)
    idle = await hummingbot.wait_for_status(bot, "idle")

    assert idle["recently_active"] is False
    assert idle["performance"]["btc-pmm"]["status"] == "running"
    assert idle["error_logs"][-1]["logger_name"] == "btc-pmm"
    await exchange.clear_faults()
    await hummingbot.wait_for_status(bot, "running")
