"""The whole stack, started by the same supervisor as `make run`, on free ports.

It uses the test run's PostgreSQL and NATS (its own schemas, fresh streams) and no demo data;
tests talk to it only through the gateway, plus the simulators' own control APIs to arrange
the outside world.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from scripts.embedded import free_port, wait_for_port
from scripts.stack import ROOT
from tests.support.bus import delete_streams

SERVICES = ("control-plane", "trading-bridge", "hummingbot-adapter")


@dataclass(frozen=True)
class RunningStack:
    gateway_url: str
    exchange_url: str
    hummingbot_url: str
    admin_username: str
    admin_password: str
    log: Path


def wait_healthy(gateway_url: str, process: subprocess.Popen[bytes], timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    with httpx.Client(base_url=gateway_url, timeout=2) as http:
        for service in SERVICES:
            while True:
                if process.poll() is not None:
                    raise RuntimeError("the stack exited while starting")
                with contextlib.suppress(httpx.HTTPError):
                    if http.get(f"/health/{service}").status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{service} not healthy through the gateway")
                time.sleep(0.3)


@pytest.fixture(scope="module")
def stack(
    database_url: str, nats_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningStack]:
    asyncio.run(delete_streams(nats_url))
    data = tmp_path_factory.mktemp("stack")
    suffix = uuid.uuid4().hex[:6]
    ports = {name: free_port() for name in ("GATEWAY", "CP", "TB", "HA", "EX", "HB")}
    admin_password = uuid.uuid4().hex
    environment = os.environ | {
        "STACK_DATA_DIR": str(data),
        "STACK_DEMO": "0",
        "DATABASE_URL": database_url,
        "NATS_URL": nats_url,
        "GATEWAY_PORT": str(ports["GATEWAY"]),
        "CONTROL_PLANE_PORT": str(ports["CP"]),
        "TRADING_BRIDGE_PORT": str(ports["TB"]),
        "HUMMINGBOT_ADAPTER_PORT": str(ports["HA"]),
        "SIM_EXCHANGE_PORT": str(ports["EX"]),
        "SIM_HUMMINGBOT_PORT": str(ports["HB"]),
        "ADMIN_USERNAME": "operator",
        "ADMIN_PASSWORD": admin_password,
        "CONTROL_PLANE_DB_SCHEMA": f"e2e_control_{suffix}",
        "TRADING_BRIDGE_DB_SCHEMA": f"e2e_bridge_{suffix}",
        "HUMMINGBOT_ADAPTER_DB_SCHEMA": f"e2e_adapter_{suffix}",
        "TRADING_BRIDGE_FILL_SYNC_MAX_AGE_S": "1",
        "HUMMINGBOT_ADAPTER_POLL_INTERVAL_S": "0.5",
        "LOG_LEVEL": "WARNING",
    }
    log = data / "stack.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "scripts.run"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    gateway_url = f"http://127.0.0.1:{ports['GATEWAY']}"
    try:
        wait_for_port(ports["EX"], timeout_s=60)
        wait_for_port(ports["HB"], timeout_s=60)
        wait_healthy(gateway_url, process)
        yield RunningStack(
            gateway_url=gateway_url,
            exchange_url=f"http://127.0.0.1:{ports['EX']}",
            hummingbot_url=f"http://127.0.0.1:{ports['HB']}",
            admin_username="operator",
            admin_password=admin_password,
            log=log,
        )
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.fixture
async def gateway(stack: RunningStack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=15) as http:
        yield http


@pytest.fixture
async def exchange(stack: RunningStack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.exchange_url, timeout=15) as http:
        yield http
