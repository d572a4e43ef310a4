"""One connector of three failing never blanks the others, and never reads as $0."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest

from tests.support.trading_bridge import BridgeStack, bridge_stack

HOLDINGS = [{"USDT": "1000"}, {"USDT": "2000", "BTC": "0.1"}, {"USDT": "3000"}]
FAULTS = {
    "down": {"down": True},
    "slow past the timeout": {"latency_ms": 3000},
    "answering 429": {"rate_limit": True},
}


@pytest.fixture
async def stack(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> AsyncIterator[BridgeStack]:
    overrides: dict[str, Any] = {
        "exchange_timeout_s": 1.0,
        "balance_ttl_s": 0.0,
        "revalidate_interval_s": 600,
    }
    async with bridge_stack(database_url, fresh_streams, schema_suffix, **overrides) as stack:
        yield stack


async def three_connectors(stack: BridgeStack) -> tuple[dict[str, Any], list[str], list[str]]:
    client = await stack.cp.create_client(name="Three")
    api_keys, connector_ids = [], []
    for balances in HOLDINGS:
        account = await stack.sim.add_account(balances)
        key = await stack.cp.add_key(
            client["id"], api_key=account.api_key, api_secret=account.api_secret
        )
        await stack.bridge.wait_for_session(key["id"], state="ready")
        api_keys.append(account.api_key)
        connector_ids.append(key["id"])
    return client, api_keys, connector_ids


def by_connector(portfolio: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["connector_id"]: c for c in portfolio["connectors"]}


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
async def test_failing_connector_shows_its_last_balances_as_stale(
    stack: BridgeStack, fault: dict[str, Any]
) -> None:
    client, api_keys, ids = await three_connectors(stack)
    headers = stack.cp.client_headers(client)
    before = by_connector((await stack.bridge.get("/api/portfolio", headers)).json())

    await stack.sim.set_fault(account=api_keys[1], **fault)
    response = await stack.bridge.get("/api/portfolio", headers)

    portfolio = response.json()
    after = by_connector(portfolio)
    failed = after[ids[1]]
    assert response.status_code == 200
    assert [after[i]["status"] for i in ids] == ["ok", "stale", "ok"]
    assert [after[i]["total_usd"] for i in ids] == ["1000", "8000", "3000"]
    assert failed["balances"] == before[ids[1]]["balances"]
    assert datetime.fromisoformat(failed["as_of"]) == datetime.fromisoformat(
        before[ids[1]]["as_of"]
    )
    assert failed["error"] and "http" not in failed["error"]
    assert portfolio["partial"] is True
    assert portfolio["total_usd"] == "12000"


async def test_connector_failing_from_the_start_is_an_error_not_zero(
    stack: BridgeStack,
) -> None:
    client, api_keys, ids = await three_connectors(stack)  # validated, never read by a portfolio
    await stack.sim.set_fault(account=api_keys[0], down=True)

    portfolio = (await stack.bridge.get("/api/portfolio", stack.cp.client_headers(client))).json()

    failed = by_connector(portfolio)[ids[0]]
    assert (failed["status"], failed["total_usd"], failed["balances"]) == ("error", None, [])
    assert failed["error"] == "the exchange is unavailable"
    assert portfolio["total_usd"] == "11000"
    assert portfolio["partial"] is True
