"""Sessions follow the control plane: restarts, replaced and removed keys, bad keys."""

from __future__ import annotations

import gc
import uuid

import pytest

from tests.support.control_plane import running_control_plane
from tests.support.exchange_simulator import running_exchange
from tests.support.trading_bridge import (
    SimulatedKeys,
    bridge_stack,
    running_bridge,
    wait_for_key_status,
)


async def test_restarted_bridge_restores_sessions_and_applies_changes_made_while_down(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with (
        running_control_plane(database_url, fresh_streams, schema_suffix) as cp,
        running_exchange() as sim,
    ):
        keys = SimulatedKeys(cp, sim)
        bridge_args = (database_url, fresh_streams, schema_suffix)
        async with running_bridge(*bridge_args, control_plane=cp, exchange_url=sim.url) as first:
            client, kept = await keys.client_with_key({"USDT": "100"})
            await first.wait_for_session(kept["id"], state="ready")
        added_while_down = await keys.add_key(client, {"USDT": "200"})

        async with running_bridge(*bridge_args, control_plane=cp, exchange_url=sim.url) as second:
            await second.wait_for_session(kept["id"], state="ready")
            await second.wait_for_session(added_while_down["id"], state="ready")
            portfolio = await second.get("/api/portfolio", cp.client_headers(client))

    assert portfolio.json()["total_usd"] == "300"


async def test_replaced_secret_closes_the_old_instance_and_validates_the_new_version(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with bridge_stack(database_url, fresh_streams, schema_suffix) as stack:
        client, key = await stack.client_with_key({"USDT": "100"})
        first = await stack.bridge.wait_for_session(key["id"], state="ready")
        other = await stack.sim.add_account({"USDT": "300"})

        response = await stack.cp.http.put(
            f"/api/clients/{client['id']}/api-keys/{key['id']}",
            json={"api_key": other.api_key, "api_secret": other.api_secret},
            headers=stack.cp.admin_headers(),
        )
        response.raise_for_status()
        second = await stack.bridge.wait_for_session(key["id"], state="ready", version=2)
        portfolio = await stack.bridge.get("/api/portfolio", stack.cp.client_headers(client))

    assert first.exchange.closed_by_user is True
    assert second.exchange is not first.exchange
    assert portfolio.json()["total_usd"] == "300"


async def test_removed_key_closes_its_session_without_resource_warnings(
    database_url: str, fresh_streams: str, schema_suffix: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with bridge_stack(database_url, fresh_streams, schema_suffix) as stack:
        client, key = await stack.client_with_key({"USDT": "100"})
        session = await stack.bridge.wait_for_session(key["id"], state="ready")
        exchange = session.exchange

        deleted = await stack.cp.http.delete(
            f"/api/clients/{client['id']}/api-keys/{key['id']}", headers=stack.cp.admin_headers()
        )
        await stack.bridge.wait_until_gone(key["id"])
        portfolio = await stack.bridge.get("/api/portfolio", stack.cp.client_headers(client))

    closed = exchange.closed_by_user
    del session, exchange
    gc.collect()  # ccxt logs "requires to release all resources" from __del__ if left open

    assert closed is True
    assert deleted.status_code == 204
    assert portfolio.json()["connectors"] == []
    assert not [r for r in caplog.records if "release all resources" in r.getMessage()]


async def test_wrong_secret_is_reported_invalid_with_a_readable_reason(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with bridge_stack(database_url, fresh_streams, schema_suffix) as stack:
        client = await stack.cp.create_client(name="Typo")
        account = await stack.sim.add_account({"USDT": "100"})
        key = await stack.cp.add_key(
            client["id"], api_key=account.api_key, api_secret="not-the-secret-123"
        )

        reported = await wait_for_key_status(
            stack.cp, client["id"], key["id"], "invalid_credentials"
        )
        portfolio = await stack.bridge.get("/api/portfolio", stack.cp.client_headers(client))

    assert reported["last_error"] == "the exchange rejected the API key or secret"
    [connector] = portfolio.json()["connectors"]
    assert (connector["status"], connector["error"]) == ("error", reported["last_error"])
    assert portfolio.json()["total_usd"] is None


async def test_key_that_can_withdraw_is_flagged(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with bridge_stack(database_url, fresh_streams, schema_suffix) as stack:
        client, key = await stack.client_with_key({"USDT": "100"}, can_withdraw=True)

        reported = await wait_for_key_status(
            stack.cp, client["id"], key["id"], "withdrawal_enabled"
        )
        session = stack.bridge.sessions.get(uuid.UUID(key["id"]))

    assert "withdraw" in reported["last_error"]
    assert session is not None and session.can_withdraw is True
