"""Clients and wallets over HTTP: creation with wallets, lookups, pagination, deletion."""

from __future__ import annotations

import uuid

from shared.events import ClientCreated, ClientDeleted, ConnectorRemoved
from tests.integration.control_plane.streams import event_of, wait_for
from tests.integration.control_plane.wallets import new_address
from tests.support.control_plane import RunningControlPlane


async def test_client_created_with_wallets_is_found_by_wallet_in_any_case(
    cp: RunningControlPlane,
) -> None:
    wallet = new_address()
    created = await cp.create_client(name="Sharp Token Ltd.", wallets=[wallet.lower()])

    lower = await cp.http.get(
        f"/api/clients/by-wallet/{wallet.lower()}", headers=cp.admin_headers()
    )
    upper = await cp.http.get(
        f"/api/clients/by-wallet/0x{wallet[2:].upper()}", headers=cp.admin_headers()
    )

    assert created["account_identifier"].startswith("sharp-token-ltd")
    assert created["wallets"][0]["address"] == wallet
    assert created["wallets"][0]["chain"] == "evm"
    assert lower.json() == upper.json() == created


async def test_account_identifier_is_generated_unique_or_taken_as_given(
    cp: RunningControlPlane,
) -> None:
    name = f"Token {uuid.uuid4().hex[:6]}"
    first = await cp.create_client(name=name)
    second = await cp.create_client(name=name)
    chosen = await cp.create_client(name="Anything", account_identifier=f"x_{uuid.uuid4().hex}")
    taken = await cp.http.post(
        "/api/clients",
        json={"name": "Again", "account_identifier": chosen["account_identifier"]},
        headers=cp.admin_headers(),
    )

    assert second["account_identifier"] == first["account_identifier"] + "-2"
    assert chosen["account_identifier"].startswith("x_")
    assert taken.status_code == 409


async def test_client_created_event_names_its_account(cp: RunningControlPlane) -> None:
    client = await cp.create_client()

    [event] = await wait_for(
        cp.settings.nats_url, event_of(ClientCreated.subject, client_id=client["id"])
    )

    assert event.data["account"] == client["account_identifier"]


async def test_clients_page_with_total(cp: RunningControlPlane) -> None:
    for _ in range(3):
        await cp.create_client()

    first = await cp.http.get("/api/clients?limit=2&offset=0", headers=cp.admin_headers())
    second = await cp.http.get("/api/clients?limit=2&offset=2", headers=cp.admin_headers())

    assert first.json()["total"] == second.json()["total"] >= 3
    assert len(first.json()["items"]) == 2
    assert {c["id"] for c in first.json()["items"]}.isdisjoint(
        c["id"] for c in second.json()["items"]
    )


async def test_wallet_added_then_removed_changes_the_lookup(cp: RunningControlPlane) -> None:
    client = await cp.create_client()
    wallet = new_address()

    added = await cp.http.post(
        f"/api/clients/{client['id']}/wallets",
        json={"chain": "ethereum", "address": wallet.lower()},
        headers=cp.admin_headers(),
    )
    found = await cp.http.get(f"/api/clients/by-wallet/{wallet}", headers=cp.admin_headers())
    removed = await cp.http.delete(
        f"/api/clients/{client['id']}/wallets/{added.json()['id']}", headers=cp.admin_headers()
    )
    gone = await cp.http.get(f"/api/clients/by-wallet/{wallet}", headers=cp.admin_headers())

    assert added.status_code == 201
    assert added.json()["address"] == wallet
    assert found.json()["id"] == client["id"]
    assert removed.status_code == 204
    assert gone.status_code == 404


async def test_a_wallet_belongs_to_one_client(cp: RunningControlPlane) -> None:
    wallet = new_address()
    await cp.create_client(wallets=[wallet])
    other = await cp.create_client()

    again = await cp.http.post(
        f"/api/clients/{other['id']}/wallets",
        json={"chain": "evm", "address": wallet.lower()},
        headers=cp.admin_headers(),
    )

    assert again.status_code == 409
    assert again.json()["error"] == "Conflict"


async def test_deleting_a_client_removes_its_keys_and_announces_each(
    cp: RunningControlPlane,
) -> None:
    wallet = new_address()
    client = await cp.create_client(wallets=[wallet])
    keys = [await cp.add_key(client["id"]) for _ in range(2)]

    deleted = await cp.http.delete(f"/api/clients/{client['id']}", headers=cp.admin_headers())
    lookup = await cp.http.get(f"/api/clients/{client['id']}", headers=cp.admin_headers())
    by_wallet = await cp.http.get(f"/api/clients/by-wallet/{wallet}", headers=cp.admin_headers())
    async with cp.internal_client() as internal:
        connectors = await internal.connectors(account=client["account_identifier"])

    assert deleted.status_code == 204
    assert lookup.status_code == 404 and by_wallet.status_code == 404
    assert connectors == []
    for key in keys:
        assert await wait_for(
            cp.settings.nats_url, event_of(ConnectorRemoved.subject, connector_id=key["id"])
        )
    assert await wait_for(
        cp.settings.nats_url, event_of(ClientDeleted.subject, client_id=client["id"])
    )


async def test_another_clients_wallet_reads_as_no_clients_wallet(cp: RunningControlPlane) -> None:
    wallet, unknown = new_address(), new_address()
    await cp.create_client(name="Owner", wallets=[wallet])
    caller = cp.client_headers(await cp.create_client(name="Prober"))

    theirs = await cp.http.get(f"/api/clients/by-wallet/{wallet}", headers=caller)
    nobodys = await cp.http.get(f"/api/clients/by-wallet/{unknown}", headers=caller)

    assert theirs.status_code == nobodys.status_code == 404
    assert theirs.json() == {"error": "NotFound", "detail": f"no client has wallet {wallet}"}
