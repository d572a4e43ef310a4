"""The connection test and the monitoring view."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.trading_bridge import BridgeStack, bridge_stack


@pytest.fixture
async def stack(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> AsyncIterator[BridgeStack]:
    async with bridge_stack(database_url, fresh_streams, schema_suffix) as stack:
        yield stack


async def test_owner_tests_its_connector(stack: BridgeStack) -> None:
    client, key = await stack.client_with_key({"USDT": "42"})
    await stack.bridge.wait_for_session(key["id"], state="ready")

    response = await stack.bridge.http.post(
        f"/api/connectors/{key['id']}/test", headers=stack.cp.client_headers(client)
    )

    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["credentials_valid"], result["can_withdraw"], result["state"]) == (
        True,
        False,
        "ready",
    )
    assert [(b["asset"], b["total"]) for b in result["balances"]] == [("USDT", "42")]
    assert result["capabilities"]["createOrder"] is True
    assert result["latency_ms"] > 0


async def test_another_client_cannot_test_a_connector(stack: BridgeStack) -> None:
    _, key = await stack.client_with_key({"USDT": "1"})
    stranger = await stack.cp.create_client(name="Stranger")
    await stack.bridge.wait_for_session(key["id"], state="ready")

    response = await stack.bridge.http.post(
        f"/api/connectors/{key['id']}/test", headers=stack.cp.client_headers(stranger)
    )

    assert response.status_code == 404


async def test_monitoring_counts_sessions_and_keeps_recent_errors(stack: BridgeStack) -> None:
    client, key = await stack.client_with_key({"USDT": "1"})
    await stack.bridge.wait_for_session(key["id"], state="ready")
    wrong = await stack.cp.add_key(client["id"], api_key="nobody-key", api_secret="nobody-secret")
    await stack.bridge.wait_for_session(wrong["id"], state="invalid_credentials")

    response = await stack.bridge.get("/api/monitoring", stack.cp.admin_headers())
    metrics = await stack.bridge.http.get("/metrics")

    body = response.json()
    assert body["sessions"]["by_exchange"] == {"binance": {"ready": 1, "invalid_credentials": 1}}
    assert body["exchanges"]["binance"]["latency_ms"]["samples"] > 0
    assert body["recent_errors"][0]["detail"] == "the exchange rejected the API key or secret"
    assert "bridge_exchange_call_seconds" in metrics.text
    assert 'bridge_sessions{exchange="binance",state="ready"}' in metrics.text
