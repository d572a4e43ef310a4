"""Steps an operator and a client take through the gateway, shared by the end-to-end tests."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, TypeVar

import httpx
from eth_account import Account
from eth_account.messages import encode_defunct

from tests.e2e.conftest import RunningStack

T = TypeVar("T")
PAIR = "SHARP/USDT"


async def eventually(
    probe: Callable[[], Awaitable[T]], ok: Callable[[T], bool], within_s: float = 30
) -> T:
    deadline = time.monotonic() + within_s
    while True:
        value = await probe()
        if ok(value) or time.monotonic() > deadline:
            return value
        await asyncio.sleep(0.3)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def admin_headers(gateway: httpx.AsyncClient, stack: RunningStack) -> dict[str, str]:
    credentials = {"username": stack.admin_username, "password": stack.admin_password}
    response = await gateway.post("/api/auth/admin/token", json=credentials)
    assert response.status_code == 200, response.text
    return bearer(response.json()["access_token"])


async def wallet_login(gateway: httpx.AsyncClient, wallet: Any) -> dict[str, str]:
    """Sign-In With Ethereum exactly as a browser wallet would."""
    challenge = await gateway.post("/api/auth/siwe/nonce", json={"address": wallet.address})
    assert challenge.status_code == 200, challenge.text
    message = challenge.json()["message"]
    signature = Account.sign_message(encode_defunct(text=message), wallet.key).signature.hex()
    login = await gateway.post(
        "/api/auth/siwe/login", json={"message": message, "signature": signature}
    )
    assert login.status_code == 200, login.text
    return bearer(login.json()["access_token"])


async def exchange_account(
    exchange: httpx.AsyncClient, balances: dict[str, str]
) -> tuple[str, str]:
    api_key, api_secret = uuid.uuid4().hex * 2, uuid.uuid4().hex * 2
    body = {
        "api_key": api_key,
        "api_secret": api_secret,
        "balances": balances,
        "can_withdraw": False,
    }
    assert (await exchange.post("/sim/accounts", json=body)).status_code < 300
    return api_key, api_secret


async def onboard_client(
    gateway: httpx.AsyncClient,
    admin: dict[str, str],
    exchange: httpx.AsyncClient,
    balances: dict[str, str],
) -> dict[str, Any]:
    """Create a client with a fresh wallet and a key on a fresh simulated exchange account."""
    wallet = Account.create()
    account = f"e2e_{uuid.uuid4().hex[:8]}"
    client = await gateway.post(
        "/api/clients",
        headers=admin,
        json={
            "name": f"Client {account}",
            "account_identifier": account,
            "wallets": [{"chain": "evm", "address": wallet.address}],
        },
    )
    assert client.status_code == 201, client.text
    api_key, api_secret = await exchange_account(exchange, balances)
    key = await gateway.post(
        f"/api/clients/{client.json()['id']}/api-keys",
        headers=admin,
        json={
            "exchange": "binance",
            "api_key": api_key,
            "api_secret": api_secret,
            "tracked_pairs": [PAIR],
        },
    )
    assert key.status_code == 201, key.text
    return {
        "client": client.json(),
        "key": key.json(),
        "wallet": wallet,
        "account": account,
        "api_key": api_key,
    }


async def start_spread_bot(
    gateway: httpx.AsyncClient, admin: dict[str, str], onboarded: dict[str, Any]
) -> dict[str, Any]:
    definition = {
        "name": f"mm_{onboarded['account']}",
        "account": onboarded["account"],
        "connector": onboarded["key"]["id"],
        "trading_pair": PAIR,
        "strategy": "spread",
        "config": {
            "bid_spread": "0.005",
            "ask_spread": "0.005",
            "order_amount": "100",
            "order_refresh_time": 60,
        },
    }
    created = await gateway.post("/api/bots", headers=admin, json=definition)
    assert created.status_code == 201, created.text
    bot = created.json()
    # A bot host that was unreachable a moment ago answers 503 until the adapter's breaker closes.
    started = await eventually(
        lambda: gateway.post(f"/api/bots/{bot['id']}/start", headers=admin),
        lambda r: r.status_code != 503,
    )
    assert started.status_code < 300, started.text
    running = await eventually(
        lambda: gateway.get(f"/api/bots/{bot['id']}", headers=admin),
        lambda r: r.json()["status"] == "running",
    )
    assert running.json()["status"] == "running", running.text
    return dict(running.json())


async def sim_account(exchange: httpx.AsyncClient, api_key: str) -> dict[str, Any]:
    response = await exchange.get(f"/sim/accounts/{api_key}")
    assert response.status_code == 200
    return dict(response.json())


def open_orders(account: dict[str, Any]) -> list[dict[str, Any]]:
    """The account's resting orders (the simulator lists cancelled and filled ones too)."""
    return [o for o in account["orders"] if o["status"] in ("NEW", "PARTIALLY_FILLED")]


async def sharp_price(exchange: httpx.AsyncClient) -> Decimal:
    markets = (await exchange.get("/sim/markets")).json()
    listed = markets["markets"] if isinstance(markets, dict) else markets
    return Decimal(next(m["price"] for m in listed if m["symbol"] == PAIR))


async def swing_price_through_quotes(exchange: httpx.AsyncClient) -> None:
    """Move SHARP down then up by 3%, so the synthetic flow fills both of the bot's quotes."""
    mid = await sharp_price(exchange)
    for price in (mid * Decimal("0.97"), mid * Decimal("1.03")):
        response = await exchange.post("/sim/prices", json={"symbol": PAIR, "price": str(price)})
        assert response.status_code < 300, response.text
