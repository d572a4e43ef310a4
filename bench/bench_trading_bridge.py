"""Trading bridge benchmark (prints figures; not a test).

    .venv/bin/python -m bench.bench_trading_bridge [--requests 20] [--sessions 1000]

Runs embedded PostgreSQL and NATS, a control plane, the exchange simulator and the bridge in
this process, all over loopback HTTP, and measures:

1. Warm portfolio of 10 connectors with 50 ms added exchange latency, p50/p99, beside a
   baseline doing what the seeds did per request (read the connectors and their credentials,
   then for each one after another: new ccxt instance, `load_markets`, `fetch_balance`,
   `close`), and beside one exchange round trip. Balances are not cached (TTL 0): every
   request reads all 10 balances. The request count stays inside Binance's per-IP weight
   budget (10 balances = 50 ccxt cost units of 1,200 a minute), which the bridge enforces.
2. Key to ready: `POST /api/clients/{id}/api-keys` until the control plane's key status is
   `ready` (the POST waits for the bridge's report), p50/p99, with the same 50 ms latency.
3. Memory: RSS of a separate process holding `--sessions` live sessions (each has made a
   request) on an exchange with 2,000 markets, built the way the bridge builds them.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import ccxt.async_support as ccxt
from pydantic import SecretStr

from scripts.embedded import NatsServer, start_postgres, stop_postgres
from shared.control_plane_client import Credential
from shared.exchange_hosts import rewrite_api_hosts, spot_only_options
from tests.support.exchange_simulator import RunningExchange, running_exchange
from tests.support.trading_bridge import BridgeStack, bridge_stack

LATENCY_MS = 50
CONNECTORS = 10


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):8.1f} ms   p99 {p99:8.1f} ms   (n={len(ordered)})"


async def timed(call: Callable[[], Awaitable[Any]]) -> float:
    started = time.perf_counter()
    await call()
    return (time.perf_counter() - started) * 1000


async def one_round_trip(sim: RunningExchange) -> list[float]:
    client = sim.binance(await sim.add_account({"USDT": "1"}))
    try:
        await client.load_markets()
        return [await timed(client.fetch_balance) for _ in range(10)]
    finally:
        await client.close()


async def seeds_portfolio(stack: BridgeStack, account: str) -> None:
    """What the seeds did per request: everything from scratch, one connector after another."""
    async with stack.cp.internal_client() as control_plane:
        connectors = await control_plane.connectors(account=account)
        credentials = await control_plane.credentials([c.connector_id for c in connectors])
    for credential in credentials:
        exchange = ccxt.binance(
            {
                "apiKey": credential.credential.api_key.get_secret_value(),
                "secret": credential.credential.api_secret.get_secret_value(),
                "options": spot_only_options(),
            }
        )
        rewrite_api_hosts(exchange, stack.sim.url)
        try:
            await exchange.load_markets()
            await exchange.fetch_balance()
        finally:
            await exchange.close()


async def warm_portfolio(stack: BridgeStack, requests: int) -> None:
    client = await stack.cp.create_client(name="Bench Ten")
    keys = [await stack.add_key(client, {"USDT": "1000", "BTC": "0.01"}) for _ in range(10)]
    for key in keys:
        await stack.bridge.wait_for_session(key["id"], state="ready")
    await stack.sim.set_fault(latency_ms=LATENCY_MS)
    headers = stack.cp.client_headers(client)

    async def portfolio() -> None:
        response = await stack.bridge.get("/api/portfolio", headers)
        body = response.json()
        assert response.status_code == 200 and not body["partial"], response.text

    await portfolio()  # tickers cached, as on a dashboard that is open
    warm = [await timed(portfolio) for _ in range(requests)]
    rtt = await one_round_trip(stack.sim)
    account = client["account_identifier"]
    baseline = [await timed(lambda: seeds_portfolio(stack, account)) for _ in range(3)]
    print(f"\n1. Portfolio of {CONNECTORS} connectors, exchange latency +{LATENCY_MS} ms")
    print(f"   bridge (warm sessions)   {percentiles(warm)}")
    print(f"   seeds' way (per request) {percentiles(baseline)}")
    print(f"   one exchange round trip  {percentiles(rtt)}")
    speedup = statistics.median(baseline) / statistics.median(warm)
    ratio = statistics.median(warm) / statistics.median(rtt)
    print(f"   -> {speedup:.1f}x faster than the seeds; p50 = {ratio:.2f}x one round trip")


async def key_to_ready(stack: BridgeStack, keys: int) -> None:
    await stack.sim.set_fault(latency_ms=LATENCY_MS)
    client = await stack.cp.create_client(name="Bench Keys")
    samples = []
    for _ in range(keys):
        account = await stack.sim.add_account({"USDT": "1"})
        started = time.perf_counter()
        added = await stack.cp.add_key(
            client["id"], api_key=account.api_key, api_secret=account.api_secret
        )
        samples.append((time.perf_counter() - started) * 1000)
        assert added["status"] == "ready", added
    print(f"\n2. Key to ready (POST api-keys answers ready), exchange latency +{LATENCY_MS} ms")
    print(f"   {percentiles(samples)}")


async def memory(sim: RunningExchange, sessions: int) -> None:
    await sim.post("/sim/markets", {"synthetic": 2000})
    keys = [await sim.add_account({"USDT": "1"}) for _ in range(sessions)]
    lines = "\n".join(f"{k.api_key} {k.api_secret}" for k in keys)
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.bench_trading_bridge",
        "--memory-child",
        sim.url,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    out, _ = await child.communicate(lines.encode())
    print(f"\n3. Memory, {sessions} live sessions, exchange with 2,000+ markets")
    print("   " + out.decode().strip().replace("\n", "\n   "))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def memory_child(url: str) -> None:
    """One process holding live sessions the way the bridge does (shared venue)."""
    from services.trading_bridge.monitoring.telemetry import Telemetry
    from services.trading_bridge.sessions.venues import Venues

    pairs = [line.split() for line in sys.stdin.read().splitlines() if line.strip()]
    baseline = rss_mb()
    venues = Venues({"binance": url}, timeout_s=30, telemetry=Telemetry())
    venue = venues.get("binance")
    await venue.ensure_markets()
    after_markets = rss_mb()
    instances = [
        venue.connect(Credential(api_key=SecretStr(k), api_secret=SecretStr(s))) for k, s in pairs
    ]
    for start in range(0, len(instances), 100):  # each makes a request: a live session
        batch = instances[start : start + 100]
        await asyncio.gather(*(i.sapi_get_account_apirestrictions() for i in batch))
    held = rss_mb()
    print(f"process after importing ccxt: {baseline:7.1f} MB")
    markets = len(venue.reference.markets)
    print(f"+ markets loaded once:        {after_markets:7.1f} MB ({markets} markets)")
    print(
        f"+ {len(instances)} live sessions:        {held:7.1f} MB "
        f"({(held - after_markets) * 1024 / max(1, len(instances)):.0f} kB each)"
    )
    for instance in instances:
        await instance.close()
    await venues.close()


async def main(requests: int, sessions: int, keys: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database_url = start_postgres(Path(tmp) / "pg")
        nats = NatsServer(Path(tmp) / "nats").start()
        try:
            async with bridge_stack(database_url, nats.url, "bench1", balance_ttl_s=0) as stack:
                await warm_portfolio(stack, requests)
            confirm = {"bridge_confirm_timeout_s": 10}
            async with bridge_stack(
                database_url, nats.url, "bench2", control_plane_overrides=confirm
            ) as stack:
                await key_to_ready(stack, keys)
            async with running_exchange() as sim:
                await memory(sim, sessions)
        finally:
            nats.stop()
            stop_postgres(Path(tmp) / "pg")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--memory-child")
    args = parser.parse_args()
    if args.memory_child:
        asyncio.run(memory_child(args.memory_child))
    else:
        asyncio.run(main(args.requests, args.sessions, args.keys))
