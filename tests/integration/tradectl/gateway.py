"""The real gateway (Caddy with `gateway/Caddyfile`) in front of services running in a test."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[3]
CADDY = Path(sys.executable).parent / "caddy"


def upstream(url: str) -> str:
    """`http://127.0.0.1:1234` → `127.0.0.1:1234`, as the Caddyfile's upstreams are written."""
    return urlsplit(url).netloc


async def wait_for_port(port: int, process: asyncio.subprocess.Process, within: float = 10) -> None:
    deadline = time.monotonic() + within
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if process.returncode is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the gateway is not listening on {port}") from None
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        return


@asynccontextmanager
async def running_gateway(
    control_plane_url: str, trading_bridge_url: str, hummingbot_adapter_url: str
) -> AsyncIterator[str]:
    """Serve the Caddyfile on a free port routing to the given services; yield its URL."""
    port = free_port()
    environment = os.environ | {
        "GATEWAY_PORT": str(port),
        "CONTROL_PLANE_UPSTREAM": upstream(control_plane_url),
        "TRADING_BRIDGE_UPSTREAM": upstream(trading_bridge_url),
        "HUMMINGBOT_ADAPTER_UPSTREAM": upstream(hummingbot_adapter_url),
    }
    config = ROOT / "gateway" / "Caddyfile"
    process = await asyncio.create_subprocess_exec(
        str(CADDY), "run", "--adapter", "caddyfile", "--config", str(config),
        env=environment,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        await wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        await process.wait()
