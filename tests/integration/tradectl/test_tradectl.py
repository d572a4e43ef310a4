"""`tradectl` against the whole platform behind the real gateway: logins, tables, JSON, errors."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import sys
from typing import Any

import httpx
from eth_account import Account

from tests.integration.tradectl.conftest import ADMIN_USERNAME, Platform, Tradectl
from tradectl.home import SESSION_FILE


async def test_admin_login_keeps_a_private_token_and_lists_clients(
    platform: Platform, tradectl: Tradectl
) -> None:
    await tradectl.login_admin()
    created = await tradectl("clients", "create", "Sharp Token", "--account", "sharp-token")
    onboarded = await platform.cp.create_client(name="Blunt Coin")
    listed = await tradectl("clients", "list")

    assert created.exit_code == 0, created.output
    assert listed.exit_code == 0, listed.output
    assert "sharp-token" in listed.stdout
    assert onboarded["account_identifier"] in listed.stdout
    assert "Blunt Coin" in listed.stdout
    session = tradectl.home / SESSION_FILE
    assert stat.S_IMODE(session.stat().st_mode) == 0o600
    assert json.loads(session.read_text())["access_token"] not in listed.output


async def test_wallet_login_sees_its_own_account_and_portfolio(
    platform: Platform, tradectl: Tradectl
) -> None:
    wallet = Account.create()
    client = await platform.cp.create_client(name="Sharp Token", wallets=[wallet.address])
    key = await platform.exchange.add_account({"USDT": "1000", "BTC": "0.5"})
    await tradectl.login_admin()
    added = await tradectl(
        "keys", "add", client["id"], "--exchange", "binance", "--api-key", key.api_key,
        "--api-secret-env", "SIM_SECRET", "--json",
        SIM_SECRET=key.api_secret,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    await platform.bridge.wait_for_session(json.loads(added.stdout)["id"], state="ready")

    private_key = wallet.key.hex()
    login = await tradectl("login", "wallet", TRADECTL_WALLET_KEY=private_key)
    whoami = await tradectl("whoami")
    portfolio = await tradectl("portfolio")

    assert login.exit_code == whoami.exit_code == portfolio.exit_code == 0, portfolio.output
    assert key.api_secret not in added.output
    assert private_key.removeprefix("0x") not in login.output
    assert "client" in whoami.stdout
    assert client["account_identifier"] in whoami.stdout
    assert "binance · ok" in portfolio.stdout
    usdt = next(line for line in portfolio.stdout.splitlines() if "USDT" in line)
    assert "1000" in usdt


async def test_wrong_password_exits_with_the_apis_error_in_one_line(
    platform: Platform, tradectl: Tradectl
) -> None:
    result = await tradectl(
        "--url", platform.gateway_url, "login", "admin", "--username", ADMIN_USERNAME,
        TRADECTL_ADMIN_PASSWORD="not the password",
    )  # fmt: skip
    async with httpx.AsyncClient(base_url=platform.gateway_url) as http:
        refused = await http.post(
            "/api/auth/admin/token", json={"username": ADMIN_USERNAME, "password": "wrong"}
        )

    body = refused.json()
    assert result.exit_code == 1
    assert result.stderr == f"error: {body['error']}: {body['detail']}\n"
    assert not (tradectl.home / SESSION_FILE).exists()


async def test_refused_token_says_to_log_in_again(platform: Platform, tradectl: Tradectl) -> None:
    await tradectl.login_admin()
    session = tradectl.home / SESSION_FILE
    stored = json.loads(session.read_text())
    session.write_text(json.dumps(stored | {"access_token": "not-a-token"}))

    result = await tradectl("clients", "list")

    assert result.exit_code == 3
    assert result.stderr.startswith("error: Unauthorized: ")
    assert "log in again" in result.stderr


async def test_json_output_is_the_apis_answer(platform: Platform, tradectl: Tradectl) -> None:
    await tradectl.login_admin()
    await platform.cp.create_client(name="Sharp Token")

    listed = await run_module(tradectl, "clients", "list", "--json")
    response = await platform.cp.http.get("/api/clients", headers=platform.cp.admin_headers())

    assert listed["items"] == response.json()["items"]


async def test_admin_defines_a_bot_and_sees_it_stopped(
    platform: Platform, tradectl: Tradectl
) -> None:
    client = await platform.cp.create_client(name="Sharp Token")
    key = await platform.exchange.add_account({"USDT": "1000"})
    await platform.cp.add_key(client["id"], api_key=key.api_key, api_secret=key.api_secret)
    account = client["account_identifier"]
    await tradectl.login_admin()

    created = await tradectl(
        "bots", "create", "--name", "mm-1", "--account", account, "--connector", "binance",
        "--pair", "BTC/USDT", "--strategy", "spread", "--set", "bid_spread=0.002",
        "--set", "ask_spread=0.002", "--set", "order_amount=50", "--json",
    )  # fmt: skip
    listed = await tradectl("bots", "list", "--account", account)

    assert created.exit_code == 0, created.output
    bot = json.loads(created.stdout)
    assert (bot["trading_pair"], bot["desired_state"]) == ("BTC-USDT", "stopped")
    assert listed.exit_code == 0, listed.output
    row = next(line for line in listed.stdout.splitlines() if bot["id"] in line)
    assert "mm-1" in row
    assert "stopped" in row


async def run_module(tradectl: Tradectl, *args: str) -> Any:
    """`python -m tradectl ARGS` in its own process; its stdout parsed as JSON."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tradectl", *args,
        env=os.environ | {"TRADECTL_HOME": str(tradectl.home)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()
    return json.loads(stdout)
