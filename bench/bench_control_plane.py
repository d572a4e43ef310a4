"""Control plane benchmark (prints figures; not a test).

    .venv/bin/python -m bench.bench_control_plane [--clients 10000] [--requests 4000]

Embedded PostgreSQL and NATS; the control plane served by one uvicorn worker in a subprocess.

1. `GET /api/clients/by-wallet/{address}` over `--clients` clients (one wallet each, random
   wallets, random letter case), requests/s and p50/p99 with `--concurrency` concurrent
   requests, side by side with the same app's cheapest routes: `GET /api/exchanges` (a token
   check and a cached answer) and `GET /health`. Target: the lookup at half their throughput
   or better.
2. Key added → `control.connector.configured` published on NATS: p50/p99 of the time from
   sending the POST to the event arriving at a NATS subscriber (the POST does not wait for a
   bridge here: `bridge_confirm_timeout_s=0`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import httpx
import nats
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from eth_account import Account
from nats.aio.msg import Msg

from scripts.embedded import NatsServer, free_port, start_postgres, stop_postgres, wait_for_port
from services.control_plane.app import MIGRATIONS, SERVICE_NAME
from services.control_plane.auth.tokens import issue_token
from shared import outbox
from shared.auth import Principal, private_key_text
from shared.events import ConnectorConfigured, Envelope
from shared.keyring import Keyring
from shared.migrations import apply_migrations

SCHEMA = "control_bench"


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):7.2f} ms   p99 {p99:7.2f} ms"


async def seed(database_url: str, count: int) -> list[str]:
    """`count` clients with one wallet each, written straight to a migrated schema."""
    addresses = [Account.create().address for _ in range(count)]
    connection = await asyncpg.connect(database_url)
    try:
        sources = {"outbox": outbox.MIGRATIONS, SERVICE_NAME: MIGRATIONS}
        await apply_migrations(connection, SCHEMA, sources)
        ids = [uuid.uuid4() for _ in addresses]
        await connection.copy_records_to_table(
            "clients",
            schema_name=SCHEMA,
            columns=["id", "name", "account_identifier"],
            records=[(i, f"Client {n}", f"client-{n}") for n, i in enumerate(ids)],
        )
        await connection.copy_records_to_table(
            "wallets",
            schema_name=SCHEMA,
            columns=["id", "client_id", "chain", "address", "address_key"],
            records=[
                (uuid.uuid4(), i, "evm", a, a.lower()) for i, a in zip(ids, addresses, strict=True)
            ],
        )
        await connection.execute(f"ANALYZE {SCHEMA}.clients; ANALYZE {SCHEMA}.wallets")
    finally:
        await connection.close()
    return addresses


@asynccontextmanager
async def control_plane_process(env: dict[str, str]) -> AsyncIterator[str]:
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", "services.control_plane.app:create_app", "--factory",
        "--port", str(port), "--workers", "1", "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
    process = await asyncio.create_subprocess_exec(*command, env={**os.environ, **env})
    try:
        await asyncio.to_thread(wait_for_port, port, 60)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        await process.wait()


async def load(
    http: httpx.AsyncClient, paths: Callable[[], str], requests: int, concurrency: int
) -> tuple[float, list[float]]:
    """Requests/s and per-request latencies (ms) of `requests` GETs, `concurrency` at a time."""
    latencies: list[float] = []

    async def worker(share: int) -> None:
        for _ in range(share):
            started = time.perf_counter()
            response = await http.get(paths())
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text

    started = time.perf_counter()
    await asyncio.gather(*(worker(requests // concurrency) for _ in range(concurrency)))
    return len(latencies) / (time.perf_counter() - started), latencies


def any_case(address: str) -> str:
    """The address as a user may paste it: checksummed, lower case or upper case hex."""
    return random.choice((address, address.lower(), "0x" + address[2:].upper()))


async def lookup_throughput(
    url: str, token: str, wallets: list[str], args: argparse.Namespace
) -> None:
    limits = httpx.Limits(max_connections=args.concurrency)
    headers = {"Authorization": f"Bearer {token}"}
    routes: dict[str, Callable[[], str]] = {
        "GET /api/clients/by-wallet/{address}": lambda: (
            f"/api/clients/by-wallet/{any_case(random.choice(wallets))}"
        ),
        "GET /api/exchanges": lambda: "/api/exchanges",
        "GET /health": lambda: "/health",
    }
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits) as http:
        await load(http, routes["GET /api/exchanges"], args.concurrency * 20, args.concurrency)
        results = {}
        for name, paths in routes.items():
            results[name] = await load(http, paths, args.requests, args.concurrency)
    lookup = results["GET /api/clients/by-wallet/{address}"][0]
    print(f"\n1. Throughput, one uvicorn worker, concurrency {args.concurrency}, "
          f"{args.clients} clients")  # fmt: skip
    for name, (rate, latencies) in results.items():
        print(f"   {name:40s} {rate:7.0f} req/s   {percentiles(latencies)}")
    cheapest = results["GET /api/exchanges"][0]
    print(f"   lookup / cheapest = {lookup / cheapest:.2f} (target >= 0.50)")


async def configured_latency(url: str, nats_url: str, token: str, adds: int) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    arrived: dict[str, float] = {}
    event = asyncio.Event()
    connection = await nats.connect(nats_url)

    async def on_event(message: Msg) -> None:
        data = Envelope.model_validate_json(message.data).data
        arrived[data["connector_id"]] = time.perf_counter()
        event.set()

    await connection.subscribe(ConnectorConfigured.subject, cb=on_event)
    samples = []
    async with httpx.AsyncClient(base_url=url, headers=headers) as http:
        client = await http.post("/api/clients", json={"name": "Latency"})
        path = f"/api/clients/{client.json()['id']}/api-keys"
        for n in range(adds):
            body = {"exchange": "binance", "api_key": f"bench-key-{n:08d}", "api_secret": "s" * 32}
            started = time.perf_counter()
            key_id = (await http.post(path, json=body)).json()["id"]
            while key_id not in arrived:
                await event.wait()
                event.clear()
            samples.append((arrived[key_id] - started) * 1000)
    await connection.close()
    print(f"\n2. Key added -> configured event on NATS ({adds} keys, one after another)")
    print(f"   {percentiles(samples)}")


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database_url = start_postgres(Path(tmp) / "pg")
        nats_server = NatsServer(Path(tmp) / "nats").start()
        try:
            wallets = await seed(database_url, args.clients)
            private_key = private_key_text(Ed25519PrivateKey.generate())
            env = {
                "DATABASE_URL": database_url,
                "NATS_URL": nats_server.url,
                "LOG_LEVEL": "WARNING",
                "INTERNAL_SERVICE_TOKEN": secrets.token_urlsafe(24),
                "CONTROL_PLANE_DB_SCHEMA": SCHEMA,
                "CONTROL_PLANE_JWT_PRIVATE_KEY": private_key,
                "CONTROL_PLANE_KEYRING": Keyring.generate_entry(1),
                "CONTROL_PLANE_BRIDGE_CONFIRM_TIMEOUT_S": "0",
            }
            token = issue_token(Principal(subject="bench", role="admin"), private_key, 3600)
            async with control_plane_process(env) as url:
                await lookup_throughput(url, token, wallets, args)
                await configured_latency(url, nats_server.url, token, args.adds)
        finally:
            nats_server.stop()
            stop_postgres(Path(tmp) / "pg")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=4_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--adds", type=int, default=200)
    asyncio.run(main(parser.parse_args()))
