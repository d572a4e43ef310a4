"""Requests the bridge cannot answer get a clear 4xx in the shared error shape."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from tests.support.trading_bridge import BridgeStack, bridge_stack


@pytest.fixture(scope="module")
async def stack(database_url: str, nats_url: str) -> AsyncIterator[BridgeStack]:
    async with bridge_stack(database_url, nats_url, uuid.uuid4().hex[:8]) as stack:
        yield stack


async def test_admin_without_account_gets_422(stack: BridgeStack) -> None:
    response = await stack.bridge.get("/api/portfolio", stack.cp.admin_headers())

    assert response.status_code == 422
    assert response.json()["detail"] == "account is required for an admin token"


async def test_unknown_account_gets_404(stack: BridgeStack) -> None:
    response = await stack.bridge.get("/api/balances", stack.cp.admin_headers(), account="nobody")

    assert (response.status_code, response.json()["error"]) == (404, "NotFound")


async def test_client_naming_another_account_gets_404(stack: BridgeStack) -> None:
    mine = await stack.cp.create_client(name="Mine")
    theirs = await stack.cp.create_client(name="Theirs")

    response = await stack.bridge.get(
        "/api/portfolio", stack.cp.client_headers(mine), account=theirs["account_identifier"]
    )

    assert response.status_code == 404


async def test_wallet_of_another_client_gets_404(stack: BridgeStack) -> None:
    wallet = "0x" + "cd" * 20
    await stack.cp.create_client(name="Owner", wallets=[wallet])
    other = await stack.cp.create_client(name="Other")

    response = await stack.bridge.get(
        "/api/clients/balances", stack.cp.client_headers(other), wallet_address=wallet
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "params"),
    [
        ("GET", "/api/portfolio", {"account": "has space/and slash"}),
        ("GET", "/api/clients/portfolio", {"wallet_address": "not a wallet!"}),
        ("POST", "/api/connectors/not-a-uuid/test", {}),
        ("DELETE", "/api/orders/1", {"connector_id": "nope", "symbol": "BTC-USDT"}),
    ],
)
async def test_malformed_ids_get_422(
    stack: BridgeStack, method: str, path: str, params: dict[str, str]
) -> None:
    response = await stack.bridge.http.request(
        method, path, params=params, headers=stack.cp.admin_headers()
    )

    assert (response.status_code, response.json()["error"]) == (422, "ValidationError")


async def test_limit_order_without_price_gets_422(stack: BridgeStack) -> None:
    order = {
        "account": "a",
        "connector_id": "00000000-0000-0000-0000-000000000000",
        "symbol": "BTC/USDT",
        "side": "buy",
        "type": "limit",
        "amount": "1",
    }

    response = await stack.bridge.http.post(
        "/api/orders", json=order, headers=stack.cp.admin_headers()
    )

    assert response.status_code == 422
    assert "price" in response.json()["detail"]


async def test_missing_token_gets_401(stack: BridgeStack) -> None:
    response = await stack.bridge.http.get("/api/portfolio")

    assert response.status_code == 401
