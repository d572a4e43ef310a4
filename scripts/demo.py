"""Demo data for `make run`, loaded through the public API once the gateway answers."""

from __future__ import annotations

import time

import httpx

from scripts.stack import Stack

SERVICES = ("control-plane", "trading-bridge", "hummingbot-adapter")


def wait_until_healthy(gateway_url: str, timeout_s: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout_s
    with httpx.Client(base_url=gateway_url, timeout=2.0) as http:
        while time.monotonic() < deadline:
            try:
                if all(http.get(f"/health/{s}").status_code == 200 for s in SERVICES):
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
    return False


def load_demo_when_ready(stack: Stack) -> None:
    if not wait_until_healthy(stack.gateway_url):
        print("The stack did not become healthy within 120 s; see the logs above.", flush=True)
        return
    print(banner(stack), flush=True)


def banner(stack: Stack) -> str:
    s = stack.secrets
    return "\n".join(
        [
            "",
            "=" * 72,
            f"Gateway:            {stack.gateway_url}  (API docs per service: /docs on each)",
            f"Admin login:        {s.admin_username} / {s.admin_password}",
            f"Exchange simulator: http://127.0.0.1:{stack.ports.exchange_simulator}",
            f"Hummingbot sim:     http://127.0.0.1:{stack.ports.hummingbot_simulator}",
            "=" * 72,
        ]
    )
