"""Run the exchange simulator in a test and talk to it as clients would.

    async with running_exchange(seed=7) as sim:
        key = await sim.add_account({"USDT": "10000"})
        binance = sim.binance(key)
        await binance.fetch_balance()

Every ccxt instance made by `sim.binance` is unmodified `ccxt.async_support.binance` with every
API host rewritten by `shared.exchange_hosts`, and is closed when the block ends.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import ccxt.async_support as ccxt
import httpx

from shared.exchange_hosts import rewrite_api_hosts, spot_only_options
from simulators.exchange.app import create_app
from tests.support.servers import serve

DEFAULT_MARKETS = {
    "markets": [
        {"symbol": "SHARP/USDT", "price": "0.05", "tick_size": "0.000001", "step_size": "1"},
        {"symbol": "BTC/USDT", "price": "60000", "tick_size": "0.01", "step_size": "0.00001"},
        {"symbol": "ETH/USDT", "price": "3000", "tick_size": "0.01", "step_size": "0.0001"},
    ]
}


@dataclass(frozen=True)
class Request:
    method: str
    path: str


class RecordingApp:
    """The simulator app, noting each request's method and path (control calls included)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.requests: list[Request] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.requests.append(Request(scope["method"], scope["path"]))
        await self.app(scope, receive, send)


@dataclass(frozen=True)
class ApiKey:
    api_key: str
    api_secret: str


@dataclass
class RunningExchange:
    url: str
    control: httpx.AsyncClient
    recorder: RecordingApp
    _clients: list[ccxt.binance] = field(default_factory=list)
    _key_numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def add_account(
        self, balances: Mapping[str, str], *, can_withdraw: bool = False, api_key: str | None = None
    ) -> ApiKey:
        number = next(self._key_numbers)
        key = ApiKey(api_key or f"test-key-{number}", f"test-secret-{number}")
        await self.post(
            "/sim/accounts",
            {
                "api_key": key.api_key,
                "api_secret": key.api_secret,
                "balances": dict(balances),
                "can_withdraw": can_withdraw,
            },
        )
        return key

    def binance(self, key: ApiKey | None = None, **config: Any) -> ccxt.binance:
        """A ccxt Binance client on this simulator (throttler off unless `config` says so)."""
        options = spot_only_options() | config.pop("options", {})
        settings: dict[str, Any] = {"enableRateLimit": False, "options": options, **config}
        if key is not None:
            settings |= {"apiKey": key.api_key, "secret": key.api_secret}
        client = ccxt.binance(settings)
        client.timeout_on_exit = 0
        rewrite_api_hosts(client, self.url)
        self._clients.append(client)
        return client

    def binance_requests(self) -> list[Request]:
        """Requests made to the Binance API so far (not to the `/sim` control API)."""
        return [r for r in self.recorder.requests if not r.path.startswith("/sim/")]

    async def post(self, path: str, payload: Mapping[str, Any]) -> Any:
        response = await self.control.post(path, json=dict(payload))
        response.raise_for_status()
        return response.json()

    async def account(self, api_key: str) -> Any:
        response = await self.control.get(f"/sim/accounts/{api_key}")
        response.raise_for_status()
        return response.json()

    async def set_price(self, symbol: str, price: str) -> Any:
        return await self.post("/sim/prices", {"symbol": symbol, "price": price})

    async def step(self, symbol: str | None = None, steps: int = 1) -> Any:
        return await self.post("/sim/step", {"symbol": symbol, "steps": steps})

    async def set_fault(self, **fault: Any) -> Any:
        return await self.post("/sim/faults", fault)

    async def clear_faults(self) -> None:
        (await self.control.delete("/sim/faults")).raise_for_status()

    async def reset(self) -> None:
        """Close this test's ccxt clients and bring the simulator back to its configuration."""
        await self.close_clients()
        await self.post("/sim/reset", {})
        self.recorder.requests.clear()

    async def close_clients(self) -> None:
        for client in self._clients:
            await client.close()
        self._clients.clear()


@asynccontextmanager
async def running_exchange(
    config: Mapping[str, Any] | None = None, seed: int = 0
) -> AsyncIterator[RunningExchange]:
    """A simulator on a free loopback port: `DEFAULT_MARKETS` unless `config` says otherwise."""
    app = RecordingApp(create_app(config if config is not None else DEFAULT_MARKETS, seed=seed))
    async with serve(app) as url, httpx.AsyncClient(base_url=url) as control:
        sim = RunningExchange(url, control, app)
        try:
            yield sim
        finally:
            await sim.close_clients()
