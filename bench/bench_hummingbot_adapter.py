"""How the adapter's bot list performs, and how many bot host calls it costs.

Runs the whole chain in one process over real HTTP: exchange simulator, bot host simulator,
control plane and adapter, on PostgreSQL and NATS (embedded ones in a temporary folder, or
`DATABASE_URL` / `NATS_URL`). Onboards 20 clients with a key each, defines 10 spread bots per
account (200 bots) and starts one bot per account (20 running on the host). Then measures:

- `GET /api/bots?account=` (a client's 10 bots) and `GET /api/bots` (all 200, admin): p50/p99;
- bot host calls per request during the measurement, from the simulator's `/sim/calls`
  (the poll cycle's `GET /bot-orchestration/status` counted apart);
- one poll cycle for 200 bots (one host call, 200 runtimes stored).

Prints a table; asserts nothing. Run: `.venv/bin/python -m bench.bench_hummingbot_adapter`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

from scripts.embedded import NatsServer, start_postgres, stop_postgres
from tests.support.control_plane import RunningControlPlane, running_control_plane
from tests.support.exchange_simulator import DEFAULT_MARKETS, RunningExchange, running_exchange
from tests.support.hummingbot_adapter import RunningAdapter, running_adapter
from tests.support.hummingbot_simulator import HummingbotClient, running_hummingbot

ACCOUNTS = 20
BOTS_PER_ACCOUNT = 10
REQUESTS = 300
POLL_INTERVAL_S = 2.0
STATUS_ROUTE = "GET /bot-orchestration/status"


@contextlib.contextmanager
def servers() -> Any:
    """(database_url, nats_url): the environment's, or embedded ones."""
    if os.environ.get("DATABASE_URL") and os.environ.get("NATS_URL"):
        yield os.environ["DATABASE_URL"], os.environ["NATS_URL"]
        return
    with tempfile.TemporaryDirectory() as folder:
        datadir = Path(folder) / "pg"
        nats = NatsServer(Path(folder) / "nats").start()
        try:
            yield start_postgres(datadir), nats.url
        finally:
            nats.stop()
            stop_postgres(datadir)


@contextlib.asynccontextmanager
async def stack(
    database_url: str, nats_url: str
) -> AsyncIterator[tuple[RunningExchange, HummingbotClient, RunningControlPlane, RunningAdapter]]:
    suffix = uuid.uuid4().hex[:8]
    async with (
        running_exchange(DEFAULT_MARKETS | {"weight_limit": 0}) as exchange,
        running_hummingbot(exchange.url, report_interval=1.0) as hummingbot,
        running_control_plane(database_url, nats_url, suffix) as cp,
        running_adapter(
            database_url,
            nats_url,
            suffix,
            control_plane_url=cp.url,
            hummingbot_url=hummingbot.base_url,
            service_token=cp.service_token,
            jwt_public_key=cp.jwt_public_key,
            poll_interval_s=POLL_INTERVAL_S,
            hummingbot_read_timeout_s=3.0,
        ) as adapter,
    ):
        yield exchange, hummingbot, cp, adapter


async def onboard_account(
    n: int, exchange: RunningExchange, cp: RunningControlPlane, adapter: RunningAdapter
) -> tuple[dict[str, Any], list[str]]:
    key = await exchange.add_account({"USDT": "100000", "BTC": "10"})
    client = await cp.create_client(name=f"Bench Project {n:02d}")
    connector = await cp.add_key(client["id"], api_key=key.api_key, api_secret=key.api_secret)
    admin = cp.admin_headers()
    bot_ids = []
    for b in range(BOTS_PER_ACCOUNT):
        bot = await adapter.create_bot(
            admin,
            name=f"bench-{n:02d}-{b:02d}",
            account=client["account_identifier"],
            connector=str(connector["id"]),
            trading_pair="BTC-USDT",
            strategy="spread",
            config={"bid_spread": "0.05", "ask_spread": "0.05", "order_amount": "20"},
        )
        bot_ids.append(bot["id"])
    return client, bot_ids


async def timed(request: Callable[[], Awaitable[Any]], count: int) -> list[float]:
    durations = []
    for _ in range(count):
        started = time.perf_counter()
        response = await request()
        durations.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return durations


def percentiles(durations: list[float]) -> str:
    cuts = statistics.quantiles(durations, n=100)
    return f"p50 {statistics.median(durations):6.2f} ms   p99 {cuts[98]:6.2f} ms"


async def host_calls(hummingbot: HummingbotClient) -> dict[str, Any]:
    summary: dict[str, Any] = (await hummingbot.http.get("/sim/calls")).json()
    return summary


async def measure(
    hummingbot: HummingbotClient,
    cp: RunningControlPlane,
    adapter: RunningAdapter,
    clients: list[dict[str, Any]],
) -> None:
    (await hummingbot.http.delete("/sim/calls")).raise_for_status()
    window_started = time.perf_counter()
    mine = cp.client_headers(clients[0])
    one_account = await timed(lambda: adapter.http.get("/api/bots", headers=mine), REQUESTS)
    admin = cp.admin_headers()
    everything = await timed(lambda: adapter.http.get("/api/bots", headers=admin), REQUESTS)
    window = time.perf_counter() - window_started
    calls = await host_calls(hummingbot)
    polls = calls["routes"].get(STATUS_ROUTE, 0)
    others = calls["total"] - polls
    print(f"GET /api/bots?account= (10 bots, client)  {percentiles(one_account)}")
    print(f"GET /api/bots (200 bots, admin)          {percentiles(everything)}")
    print(
        f"bot host calls during {2 * REQUESTS} requests over {window:.1f} s: {calls['total']} "
        f"({polls} status polls, one per {POLL_INTERVAL_S:g} s cycle; {others} other)"
    )
    print(f"bot host calls per request: {others / (2 * REQUESTS):.3f}")


async def poll_cycle(adapter: RunningAdapter, hummingbot: HummingbotClient) -> None:
    poller = adapter.app.state.poller
    await poller.stop()
    (await hummingbot.http.delete("/sim/calls")).raise_for_status()
    durations = []
    for _ in range(20):
        started = time.perf_counter()
        await poller.run_cycle()
        durations.append((time.perf_counter() - started) * 1000)
    calls = await host_calls(hummingbot)
    print(
        f"poll cycle, 200 bots: p50 {statistics.median(durations):6.2f} ms, "
        f"max {max(durations):6.2f} ms; host calls per cycle {calls['total'] / 20:g}"
    )


async def main() -> None:
    with servers() as (database_url, nats_url):
        async with stack(database_url, nats_url) as (exchange, hummingbot, cp, adapter):
            admin = cp.admin_headers()
            onboarded = [await onboard_account(n, exchange, cp, adapter) for n in range(ACCOUNTS)]
            for _, bot_ids in onboarded:
                await adapter.command(bot_ids[0], "start", admin)
            for _, bot_ids in onboarded:
                await adapter.wait_for_bot(
                    bot_ids[0], admin, lambda b: b["status"] == "running", within=60
                )
            print(f"{ACCOUNTS} accounts, {ACCOUNTS * BOTS_PER_ACCOUNT} bots, {ACCOUNTS} running")
            await measure(hummingbot, cp, adapter, [client for client, _ in onboarded])
            await poll_cycle(adapter, hummingbot)
            for _, bot_ids in onboarded:
                await adapter.command(bot_ids[0], "stop", admin)


if __name__ == "__main__":
    asyncio.run(main())
