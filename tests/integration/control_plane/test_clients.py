"""Clients and wallets over HTTP: creation with wallets, lookups, pagination, deletion."""

from __future__ import annotations

from tests.support.control_plane import RunningControlPlane

WALLET = "0x52908400098527886E0F7030069857D2E4169EE7"


async def test_client_created_with_wallets_is_found_by_wallet_in_any_case(
    cp: RunningControlPlane,
) -> None:
    created = await cp.create_client(name="Sharp Token Ltd.", wallets=[WALLET.lower()])

    found = await cp.http.get(
        f"/api/clients/by-wallet/{WALLET.upper().replace('0X', '0x')}", headers=cp.admin_headers()
    )

    assert created["account_identifier"] == "sharp-token-ltd"
    assert created["wallets"][0]["address"] == WALLET
    assert found.status_code == 200, found.text
    assert found.json()["id"] == created["id"]
