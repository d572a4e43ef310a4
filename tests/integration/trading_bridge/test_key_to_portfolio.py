"""A key added through the control plane becomes a ready session and a valued portfolio."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from decimal import Decimal

import pytest

from tests.support.trading_bridge import BridgeStack, bridge_stack, wait_for_key_status

HOLDINGS = {"USDT": "10000", "BTC": "0.5", "SHARP": "100000"}


@pytest.fixture
async def stack(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> AsyncIterator[BridgeStack]:
    async with bridge_stack(database_url, fresh_streams, schema_suffix) as stack:
        yield stack


async def test_added_key_is_reported_ready_to_the_control_plane(stack: BridgeStack) -> None:
    client, key = await stack.client_with_key(HOLDINGS)

    reported = await wait_for_key_status(stack.cp, client["id"], key["id"], "ready")

    assert reported["last_error"] is None
    assert stack.bridge.sessions.get(uuid.UUID(key["id"])) is not None


async def test_portfolio_values_the_exchange_balances_in_usd(stack: BridgeStack) -> None:
    client, key = await stack.client_with_key(HOLDINGS)
    await stack.bridge.wait_for_session(key["id"], state="ready")

    response = await stack.bridge.get("/api/portfolio", stack.cp.client_headers(client))

    assert response.status_code == 200, response.text
    portfolio = response.json()
    assert portfolio["partial"] is False
    assert portfolio["total_usd"] == "45000"
    [connector] = portfolio["connectors"]
    assert connector["status"] == "ok"
    assert {
        b["asset"]: (b["total"], b["price_usd"], b["value_usd"]) for b in connector["balances"]
    } == {
        "BTC": ("0.5", "60000", "30000"),
        "SHARP": ("100000", "0.05", "5000"),
        "USDT": ("10000", "1", "10000"),
    }


async def test_asset_without_a_usd_market_is_unpriced_not_zero(stack: BridgeStack) -> None:
    client, key = await stack.client_with_key({"USDT": "100", "XYZ": "7"})
    await stack.bridge.wait_for_session(key["id"], state="ready")

    portfolio = (await stack.bridge.get("/api/portfolio", stack.cp.client_headers(client))).json()

    [connector] = portfolio["connectors"]
    xyz = next(b for b in connector["balances"] if b["asset"] == "XYZ")
    assert (xyz["price_usd"], xyz["value_usd"]) == (None, None)
    assert portfolio["unpriced_assets"] == ["XYZ"]
    assert portfolio["partial"] is True
    assert Decimal(portfolio["total_usd"]) == Decimal("100")


async def test_holdings_none_of_which_can_be_priced_total_null_not_zero(
    stack: BridgeStack,
) -> None:
    client, key = await stack.client_with_key({"XYZ": "7"})
    await stack.bridge.wait_for_session(key["id"], state="ready")

    portfolio = (await stack.bridge.get("/api/portfolio", stack.cp.client_headers(client))).json()

    [connector] = portfolio["connectors"]
    assert (connector["status"], connector["unpriced_assets"]) == ("ok", ["XYZ"])
    assert (connector["total_usd"], portfolio["total_usd"]) == (None, None)
    assert portfolio["partial"] is True


async def test_admin_reads_balances_by_account_and_client_by_wallet_alias(
    stack: BridgeStack,
) -> None:
    wallet = "0x" + "ab" * 20
    client = await stack.cp.create_client(name="Wallet Co", wallets=[wallet])
    key = await stack.add_key(client, {"USDT": "250"})
    await stack.bridge.wait_for_session(key["id"], state="ready")

    by_account = await stack.bridge.get(
        "/api/balances", stack.cp.admin_headers(), account=client["account_identifier"]
    )
    by_wallet = await stack.bridge.get(
        "/api/clients/portfolio", stack.cp.client_headers(client), wallet_address=wallet
    )

    assert by_account.status_code == 200, by_account.text
    assert [(b["asset"], b["total"]) for b in by_account.json()["balances"]] == [("USDT", "250")]
    assert by_wallet.status_code == 200, by_wallet.text
    assert by_wallet.json()["total_usd"] == "250"
