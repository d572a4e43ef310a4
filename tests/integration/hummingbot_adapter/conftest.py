"""The whole chain for adapter tests: exchange simulator, bot host simulator, control plane,
and the adapter, each over real HTTP on PostgreSQL and NATS."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.control_plane import RunningControlPlane, running_control_plane
from tests.support.exchange_simulator import ApiKey, RunningExchange, running_exchange
from tests.support.hummingbot_adapter import RunningAdapter, running_adapter
from tests.support.hummingbot_simulator import HummingbotClient, running_hummingbot

Json = dict[str, Any]


@dataclass
class Client:
    """A client of the agency with a funded Binance key on the exchange simulator."""

    body: Json
    key: ApiKey
    connector_id: str

    @property
    def account(self) -> str:
        account: str = self.body["account_identifier"]
        return account


@pytest.fixture
async def exchange() -> AsyncIterator[RunningExchange]:
    async with running_exchange() as sim:
        yield sim


@pytest.fixture
async def hummingbot(exchange: RunningExchange) -> AsyncIterator[HummingbotClient]:
    async with running_hummingbot(exchange.url, report_interval=0.1) as host:
        yield host


@pytest.fixture
async def control_plane(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> AsyncIterator[RunningControlPlane]:
    async with running_control_plane(database_url, fresh_streams, schema_suffix) as cp:
        yield cp


@pytest.fixture
async def adapter(
    database_url: str,
    fresh_streams: str,
    schema_suffix: str,
    control_plane: RunningControlPlane,
    hummingbot: HummingbotClient,
) -> AsyncIterator[RunningAdapter]:
    async with running_adapter(
        database_url,
        fresh_streams,
        schema_suffix,
        control_plane_url=control_plane.url,
        hummingbot_url=hummingbot.base_url,
        service_token=control_plane.service_token,
        jwt_public_key=control_plane.jwt_public_key,
    ) as running:
        yield running


async def onboard(cp: RunningControlPlane, exchange: RunningExchange, name: str) -> Client:
    """A client with a Binance key holding 10,000 USDT and 1 BTC on the exchange simulator."""
    key = await exchange.add_account({"USDT": "10000", "BTC": "1"})
    body = await cp.create_client(name=name)
    added = await cp.add_key(body["id"], api_key=key.api_key, api_secret=key.api_secret)
    return Client(body, key, str(added["id"]))


@pytest.fixture
async def client(control_plane: RunningControlPlane, exchange: RunningExchange) -> Client:
    return await onboard(control_plane, exchange, "Sharp Token")


def spread_bot(client: Client, name: str = "sharp-mm", **config: Any) -> Json:
    """The body of `POST /api/bots` for a BTC-USDT spread bot quoting 1 % each side."""
    return {
        "name": name,
        "account": client.account,
        "connector": client.connector_id,
        "trading_pair": "BTC/USDT",
        "strategy": "spread",
        "config": {
            "bid_spread": "0.01",
            "ask_spread": "0.01",
            "order_amount": "100",
            "order_refresh_time": 1,
            **config,
        },
    }
