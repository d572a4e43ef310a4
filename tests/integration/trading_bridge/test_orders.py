"""Orders through warm sessions: idempotent by client order id, refused for withdraw keys."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.support.trading_bridge import BridgeStack, bridge_stack


@pytest.fixture
async def stack(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> AsyncIterator[BridgeStack]:
    async with bridge_stack(database_url, fresh_streams, schema_suffix) as stack:
        yield stack


def limit_buy(client: dict[str, Any], key: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "account": client["account_identifier"],
        "connector_id": key["id"],
        "symbol": "BTC-USDT",
        "side": "buy",
        "type": "limit",
        "amount": "0.01",
        "price": "50000",
        **fields,
    }


async def test_retried_order_with_client_order_id_places_one_order(stack: BridgeStack) -> None:
    client, key = await stack.client_with_key({"USDT": "10000"})
    await stack.bridge.wait_for_session(key["id"], state="ready")
    order = limit_buy(client, key, client_order_id="retry-1")
    admin = stack.cp.admin_headers()

    first = await stack.bridge.http.post("/api/orders", json=order, headers=admin)
    retried = await stack.bridge.http.post("/api/orders", json=order, headers=admin)
    listed = await stack.bridge.get(
        "/api/orders", admin, account=client["account_identifier"], connector_id=key["id"]
    )

    assert first.status_code == 201, first.text
    assert retried.status_code == 201, retried.text
    assert retried.json()["id"] == first.json()["id"]
    assert (first.json()["replayed"], retried.json()["replayed"]) == (False, True)
    assert [o["id"] for o in listed.json()["orders"]] == [first.json()["id"]]


async def test_cancelled_order_leaves_the_open_orders(stack: BridgeStack) -> None:
    client, key = await stack.client_with_key({"USDT": "10000"})
    await stack.bridge.wait_for_session(key["id"], state="ready")
    admin = stack.cp.admin_headers()
    placed = (
        await stack.bridge.http.post("/api/orders", json=limit_buy(client, key), headers=admin)
    ).json()

    cancelled = await stack.bridge.http.delete(
        f"/api/orders/{placed['id']}",
        params={"connector_id": key["id"], "symbol": "BTC-USDT"},
        headers=admin,
    )
    listed = await stack.bridge.get("/api/orders", admin, account=client["account_identifier"])

    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "canceled"
    assert listed.json()["orders"] == []


async def test_order_with_a_key_that_can_withdraw_is_refused(stack: BridgeStack) -> None:
    client, key = await stack.client_with_key({"USDT": "10000"}, can_withdraw=True)
    await stack.bridge.wait_for_session(key["id"], state="withdrawal_enabled")

    response = await stack.bridge.http.post(
        "/api/orders", json=limit_buy(client, key), headers=stack.cp.admin_headers()
    )

    assert response.status_code == 409
    assert "withdraw" in response.json()["detail"]


async def test_orders_are_admin_only(stack: BridgeStack) -> None:
    client, key = await stack.client_with_key({"USDT": "10000"})

    response = await stack.bridge.http.post(
        "/api/orders", json=limit_buy(client, key), headers=stack.cp.client_headers(client)
    )

    assert response.status_code == 403
