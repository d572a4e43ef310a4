from collections.abc import AsyncIterator

import pytest

from tests.support.exchange_simulator import ApiKey, RunningExchange, running_exchange
from tests.support.hummingbot_simulator import HummingbotClient, running_hummingbot

ACCOUNT = "client-a"


@pytest.fixture
async def exchange() -> AsyncIterator[RunningExchange]:
    async with running_exchange() as sim:
        yield sim


@pytest.fixture
async def hummingbot(exchange: RunningExchange) -> AsyncIterator[HummingbotClient]:
    async with running_hummingbot(exchange.url, report_interval=0.2) as client:
        yield client


@pytest.fixture
async def key(exchange: RunningExchange, hummingbot: HummingbotClient) -> ApiKey:
    """A funded key on the exchange, saved on the host as account `client-a`'s binance key."""
    api_key = await exchange.add_account({"USDT": "10000", "BTC": "1"})
    await hummingbot.add_binance_account(ACCOUNT, api_key.api_key, api_key.api_secret)
    return api_key
