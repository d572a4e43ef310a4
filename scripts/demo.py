"""Demo data for `make run`, loaded through the public API once the gateway answers.

Idempotent on every start: the demo client ("Sharp Foundation", account `client_sharp`) with
the demo wallet, its key on the exchange simulator tracking SHARP/USDT, and a running spread
bot are created only when missing. The simulators keep state in memory, so the simulated
exchange account is (re)created each start, with the same key.
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from scripts.stack import Stack

SERVICES = ("control-plane", "trading-bridge", "hummingbot-adapter")
CLIENT_NAME = "Sharp Foundation"
ACCOUNT = "client_sharp"
PAIR = "SHARP/USDT"
BOT_NAME = "sharp_market_maker"
DEMO_BALANCES = {"USDT": "25000", "SHARP": "500000", "BTC": "0.5", "ETH": "5"}
SPREAD_CONFIG = {
    "bid_spread": "0.004",
    "ask_spread": "0.004",
    "order_amount": "200",
    "order_refresh_time": 15,
}


def wait_until_healthy(stack: Stack, timeout_s: float = 120.0) -> bool:
    """Each service directly first (quiet while they start), then each through the gateway."""
    p = stack.ports
    direct = [
        f"http://127.0.0.1:{port}/health"
        for port in (p.control_plane, p.trading_bridge, p.hummingbot_adapter)
    ]
    through_gateway = [f"{stack.gateway_url}/health/{service}" for service in SERVICES]
    deadline = time.monotonic() + timeout_s
    with httpx.Client(timeout=2.0) as http:
        for url in direct + through_gateway:
            while not _answers_ok(http, url):
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.5)
    return True


def _answers_ok(http: httpx.Client, url: str) -> bool:
    try:
        return http.get(url).status_code == 200
    except httpx.HTTPError:
        return False


def checked(response: httpx.Response) -> Any:
    if response.is_error:
        raise RuntimeError(
            f"{response.request.method} {response.request.url.path}: {response.text}"
        )
    return response.json() if response.content else None


def admin_client(stack: Stack) -> httpx.Client:
    http = httpx.Client(base_url=stack.gateway_url, timeout=15.0)
    credentials = {
        "username": stack.secrets.admin_username,
        "password": stack.secrets.admin_password,
    }
    token = checked(http.post("/api/auth/admin/token", json=credentials))["access_token"]
    http.headers["Authorization"] = f"Bearer {token}"
    return http


def ensure_exchange_account(stack: Stack) -> None:
    account = {
        "api_key": stack.secrets.demo_exchange_api_key,
        "api_secret": stack.secrets.demo_exchange_api_secret,
        "balances": DEMO_BALANCES,
        "can_withdraw": False,
    }
    with httpx.Client(base_url=f"http://127.0.0.1:{stack.ports.exchange_simulator}") as sim:
        checked(sim.post("/sim/accounts", json=account))


def ensure_client(http: httpx.Client, wallet: str) -> dict[str, Any]:
    found = http.get(f"/api/clients/by-wallet/{wallet}")
    if found.status_code == 200:
        client: dict[str, Any] = found.json()
        return client
    body = {
        "name": CLIENT_NAME,
        "account_identifier": ACCOUNT,
        "wallets": [{"chain": "evm", "address": wallet}],
    }
    created: dict[str, Any] = checked(http.post("/api/clients", json=body))
    return created


def ensure_key(http: httpx.Client, stack: Stack, client_id: str) -> dict[str, Any]:
    keys = checked(http.get(f"/api/clients/{client_id}/api-keys"))["items"]
    for key in keys:
        if key["exchange"] == "binance":
            return dict(key)
    body = {
        "exchange": "binance",
        "label": "Simulated Binance",
        "api_key": stack.secrets.demo_exchange_api_key,
        "api_secret": stack.secrets.demo_exchange_api_secret,
        "tracked_pairs": [PAIR],
    }
    created: dict[str, Any] = checked(http.post(f"/api/clients/{client_id}/api-keys", json=body))
    return created


def ensure_running_bot(http: httpx.Client, key_id: str) -> dict[str, Any]:
    """Create the demo bot if missing, and (re)start it: the simulated bot host starts empty on
    every `make run`, so a bot from an earlier run is no longer on it."""
    bots = checked(http.get("/api/bots", params={"account": ACCOUNT}))
    bot = next((b for b in bots if b["name"] == BOT_NAME), None)
    if bot is None:
        definition = {
            "name": BOT_NAME,
            "account": ACCOUNT,
            "connector": key_id,
            "trading_pair": PAIR,
            "strategy": "spread",
            "config": SPREAD_CONFIG,
        }
        bot = checked(http.post("/api/bots", json=definition))
    elif bot["desired_state"] == "running":
        bot_command(http, bot["id"], "stop")
    assert bot is not None
    bot_command(http, bot["id"], "start")
    return dict(bot)


def bot_command(http: httpx.Client, bot_id: str, command: str, timeout_s: float = 60.0) -> Any:
    """Start or stop a bot. A bot host that came up after the adapter answers 503 until the
    adapter's circuit breaker lets calls through again, so wait that out."""
    deadline = time.monotonic() + timeout_s
    while True:
        response = http.post(f"/api/bots/{bot_id}/{command}")
        if response.status_code != 503 or time.monotonic() > deadline:
            return checked(response)
        time.sleep(1.0)


def load_demo(stack: Stack) -> None:
    ensure_exchange_account(stack)
    http = admin_client(stack)
    try:
        client = ensure_client(http, stack.secrets.demo_wallet_address)
        key = ensure_key(http, stack, client["id"])
        ensure_running_bot(http, key["id"])
    finally:
        http.close()


def load_demo_when_ready(stack: Stack) -> None:
    if not wait_until_healthy(stack):
        print("The stack did not become healthy within 120 s; see the logs above.", flush=True)
        return
    try:
        load_demo(stack)
    except (RuntimeError, httpx.HTTPError) as exc:
        print(f"Demo data could not be loaded: {exc}", flush=True)
    print(banner(stack), flush=True)


def banner(stack: Stack) -> str:
    s, url = stack.secrets, stack.gateway_url
    login = (
        f"TOKEN=$(curl -s -X POST {url}/api/auth/admin/token -H 'content-type: application/json' "
        f'-d \'{{"username":"{s.admin_username}","password":"{s.admin_password}"}}\' '
        "| python3 -c 'import json,sys; print(json.load(sys.stdin)[\"access_token\"])')"
    )
    auth = '-H "Authorization: Bearer $TOKEN"'
    return "\n".join(
        [
            "",
            "=" * 78,
            f"Gateway             {url}   (OpenAPI: /docs on each service's port)",
            f"Admin login         {s.admin_username} / {s.admin_password}",
            f"Demo client         {CLIENT_NAME}, account {ACCOUNT}",
            f"Demo wallet         {s.demo_wallet_address}",
            f"  private key       {s.demo_wallet_private_key}   (throwaway, kept in .data/)",
            f"Exchange simulator  http://127.0.0.1:{stack.ports.exchange_simulator}",
            f"Hummingbot sim      http://127.0.0.1:{stack.ports.hummingbot_simulator}",
            "",
            "Try:",
            f"  {login}",
            f"  curl -s {auth} '{url}/api/portfolio?account={ACCOUNT}'",
            f"  curl -s {auth} '{url}/api/pnl?account={ACCOUNT}&days=7'",
            f"  curl -s {auth} '{url}/api/bots?account={ACCOUNT}'",
            "=" * 78,
        ]
    )
