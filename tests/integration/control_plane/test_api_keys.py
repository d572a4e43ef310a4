"""Exchange keys over HTTP: masked answers, versions, and the events the bridge consumes."""

from __future__ import annotations

from shared.events import ConnectorConfigured, ConnectorRemoved
from tests.integration.control_plane.streams import event_of, wait_for
from tests.support.control_plane import RunningControlPlane

CONFIGURED = ConnectorConfigured.subject


async def test_added_key_is_masked_pending_and_announced_to_the_bridge(
    cp: RunningControlPlane,
) -> None:
    client = await cp.create_client()

    key = await cp.add_key(
        client["id"], api_key="AKIA-0000-1111-WXYZ", tracked_pairs=["sharp-usdt", "ETH/USDT"]
    )

    assert key["api_key_masked"] == "****WXYZ"
    assert key["version"] == 1
    assert key["status"] == "pending"
    assert key["trading_bridge_configured"] is False
    assert key["tracked_pairs"] == ["SHARP/USDT", "ETH/USDT"]
    [event] = await wait_for(cp.settings.nats_url, event_of(CONFIGURED, connector_id=key["id"]))
    assert event.data == {
        "connector_id": key["id"],
        "client_id": client["id"],
        "account": client["account_identifier"],
        "exchange": "binance",
        "version": 1,
        "tracked_pairs": ["SHARP/USDT", "ETH/USDT"],
    }


async def test_replace_reinitialize_and_pair_change_each_announce_a_new_version(
    cp: RunningControlPlane,
) -> None:
    client = await cp.create_client()
    key = await cp.add_key(client["id"])
    path = f"/api/clients/{client['id']}/api-keys/{key['id']}"
    admin = cp.admin_headers()

    replaced = await cp.http.put(
        path, json={"api_key": "NEW-KEY-0000-ABCD", "api_secret": "new-secret"}, headers=admin
    )
    reinitialized = await cp.http.post(f"{path}/reinitialize", headers=admin)
    repaired = await cp.http.patch(path, json={"tracked_pairs": ["BTC-USDT"]}, headers=admin)
    relabelled = await cp.http.patch(path, json={"label": "main"}, headers=admin)

    assert [r.status_code for r in (replaced, reinitialized, repaired, relabelled)] == [200] * 4
    assert [r.json()["version"] for r in (replaced, reinitialized, repaired, relabelled)] == [
        2,
        3,
        4,
        4,
    ]
    assert replaced.json()["id"] == key["id"]
    assert replaced.json()["api_key_masked"] == "****ABCD"
    assert relabelled.json()["label"] == "main"
    for version in (2, 3, 4):
        assert await wait_for(
            cp.settings.nats_url, event_of(CONFIGURED, connector_id=key["id"], version=version)
        )
    [latest] = await wait_for(
        cp.settings.nats_url, event_of(CONFIGURED, connector_id=key["id"], version=4)
    )
    assert latest.data["tracked_pairs"] == ["BTC/USDT"]


async def test_listing_shows_masked_keys_with_status_fields(cp: RunningControlPlane) -> None:
    client = await cp.create_client()
    await cp.add_key(client["id"], exchange="okx", passphrase="okx-pass-phrase", label="okx")

    listing = await cp.http.get(f"/api/clients/{client['id']}/api-keys", headers=cp.admin_headers())

    assert listing.status_code == 200
    [key] = listing.json()["items"]
    assert key["exchange"] == "okx"
    assert key["label"] == "okx"
    assert key["status"] == "pending"
    assert key["last_checked_at"] is None
    assert key["last_error"] is None
    assert "api_secret" not in key and "passphrase" not in key


async def test_deleted_key_is_announced_removed_and_gone(cp: RunningControlPlane) -> None:
    client = await cp.create_client()
    key = await cp.add_key(client["id"])
    path = f"/api/clients/{client['id']}/api-keys/{key['id']}"

    deleted = await cp.http.delete(path, headers=cp.admin_headers())
    again = await cp.http.delete(path, headers=cp.admin_headers())

    assert deleted.status_code == 204
    assert again.status_code == 404
    removed = await wait_for(
        cp.settings.nats_url, event_of(ConnectorRemoved.subject, connector_id=key["id"])
    )
    assert removed[0].data["account"] == client["account_identifier"]


async def test_exchanges_lists_credential_fields_per_exchange(cp: RunningControlPlane) -> None:
    client = await cp.create_client()

    listing = await cp.http.get("/api/exchanges", headers=cp.client_headers(client))

    assert listing.status_code == 200
    exchanges = {e["id"]: e for e in listing.json()["exchanges"]}
    assert exchanges["okx"]["required_credentials"] == ["api_key", "api_secret", "passphrase"]
    assert exchanges["binance"]["required_credentials"] == ["api_key", "api_secret"]
    assert "bitmart" not in exchanges
    assert listing.json()["ccxt_version"] == "4.5.90"
