"""How fast the exchange simulator answers, so it never limits the bridge's benchmarks.

Starts `python -m simulators.exchange` (uvicorn, one worker) as a separate process on a free
port, then measures through unmodified ccxt:

- signed `fetch_balance` round trips per second, one at a time and with concurrent requests;
- signed `GET /api/v3/account` with plain aiohttp (the simulator without ccxt's overhead);
- `exchangeInfo` and ccxt `load_markets` with 2,000 synthetic markets.

Prints a table; asserts nothing. Run: `.venv/bin/python -m bench.bench_exchange_simulator`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import ccxt.async_support as ccxt
import httpx

from shared.exchange_hosts import rewrite_api_hosts, spot_only_options
from simulators.exchange.clock import now_ms
from simulators.exchange.signing import signature_of
from tests.support.servers import free_port

API_KEY, API_SECRET = "bench-key", "bench-secret"
CONFIG = {
    "markets": [{"symbol": "BTC/USDT", "price": "60000"}],
    "accounts": [
        {"api_key": API_KEY, "api_secret": API_SECRET, "balances": {"USDT": "1000", "BTC": "1"}}
    ],
    "weight_limit": 0,
}
ROUND_TRIPS = 3000
CONCURRENCY = 16
SYNTHETIC_MARKETS = 2000


@contextlib.asynccontextmanager
async def simulator_process() -> AsyncIterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "bench.json"
        config.write_text(json.dumps(CONFIG))
        port = free_port()
        command = [sys.executable, "-m", "simulators.exchange", "--port", str(port)]
        command += ["--config", str(config), "--walk-interval", "0"]
        process = await asyncio.create_subprocess_exec(*command)
        url = f"http://127.0.0.1:{port}"
        try:
            await _wait_until_up(url)
            yield url
        finally:
            process.terminate()
            await process.wait()


async def _wait_until_up(url: str) -> None:
    async with httpx.AsyncClient(base_url=url) as client:
        for _ in range(300):
            with contextlib.suppress(httpx.TransportError):
                if (await client.get("/api/v3/ping")).status_code == 200:
                    return
            await asyncio.sleep(0.05)
    raise RuntimeError("the simulator did not start")


def binance_on(url: str, **config: Any) -> ccxt.binance:
    client = ccxt.binance(
        {"apiKey": API_KEY, "secret": API_SECRET, "enableRateLimit": False}
        | {"options": spot_only_options()}
        | config
    )
    client.timeout_on_exit = 0
    rewrite_api_hosts(client, url)
    return client


async def per_second(call: Callable[[], Awaitable[object]], total: int, concurrency: int) -> float:
    """Completed calls per second with `concurrency` calls in flight."""
    remaining = iter(range(total))

    async def worker() -> None:
        for _ in remaining:
            await call()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return total / (time.perf_counter() - started)


async def raw_signed_account(session: aiohttp.ClientSession, url: str) -> None:
    query = f"timestamp={now_ms()}&recvWindow=10000"
    signature = signature_of(API_SECRET, query.encode())
    headers = {"X-MBX-APIKEY": API_KEY}
    async with session.get(
        f"{url}/api/v3/account?{query}&signature={signature}", headers=headers
    ) as response:
        response.raise_for_status()
        await response.read()


async def median_seconds(call: Callable[[], Awaitable[object]], repeats: int = 5) -> float:
    durations = []
    for _ in range(repeats):
        started = time.perf_counter()
        await call()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations)


async def load_markets_once(url: str) -> None:
    client = binance_on(url)
    try:
        await client.load_markets()
    finally:
        await client.close()


async def main() -> None:
    rows: list[tuple[str, str]] = []
    async with simulator_process() as url:
        binance = binance_on(url)
        try:
            await binance.fetch_balance()
            for concurrency in (1, CONCURRENCY):
                rate = await per_second(binance.fetch_balance, ROUND_TRIPS, concurrency)
                rows.append((f"ccxt fetch_balance, {concurrency} in flight", f"{rate:,.0f} /s"))
        finally:
            await binance.close()
        async with aiohttp.ClientSession() as session:
            rate = await per_second(
                lambda: raw_signed_account(session, url), ROUND_TRIPS, CONCURRENCY
            )
        rows.append((f"aiohttp signed GET /account, {CONCURRENCY} in flight", f"{rate:,.0f} /s"))
        async with httpx.AsyncClient(base_url=url) as client:
            await client.post("/sim/markets", json={"synthetic": SYNTHETIC_MARKETS})
            body = (await client.get("/api/v3/exchangeInfo")).content
            info = await median_seconds(lambda: client.get("/api/v3/exchangeInfo"))
        rows.append(
            (
                f"exchangeInfo, {SYNTHETIC_MARKETS + 1} markets ({len(body) // 1024} KiB)",
                f"{info * 1000:.1f} ms",
            )
        )
        loading = await median_seconds(lambda: load_markets_once(url))
        rows.append(
            (f"ccxt load_markets, {SYNTHETIC_MARKETS + 1} markets", f"{loading * 1000:.0f} ms")
        )
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  result")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    asyncio.run(main())
