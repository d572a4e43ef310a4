"""The internal API as the bridge calls it (shared ControlPlaneClient): the contract end to end."""

from __future__ import annotations

import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from shared.sealing import SealError, credential_info, open_sealed, public_key_text
from tests.integration.control_plane.wallets import new_address
from tests.support.control_plane import RunningControlPlane


async def test_credentials_open_with_the_callers_key_to_the_stored_values(
    cp: RunningControlPlane,
) -> None:
    client = await cp.create_client()
    key = await cp.add_key(
        client["id"], exchange="okx", api_key="okx-key", api_secret="okx-secret", passphrase="pp"
    )
    missing = uuid.uuid4()

    async with cp.internal_client() as internal:
        [opened] = await internal.credentials([uuid.UUID(key["id"]), missing])

    assert opened.connector_id == uuid.UUID(key["id"])
    assert opened.version == 1
    assert opened.exchange == "okx"
    assert opened.credential.api_key.get_secret_value() == "okx-key"
    assert opened.credential.api_secret.get_secret_value() == "okx-secret"
    assert opened.credential.passphrase is not None
    assert opened.credential.passphrase.get_secret_value() == "pp"
    assert opened.credential.uid is None


async def test_sealed_credential_does_not_open_with_another_key(cp: RunningControlPlane) -> None:
    client = await cp.create_client()
    key = await cp.add_key(client["id"])
    caller = X25519PrivateKey.generate()

    answer = await cp.http.post(
        "/internal/credentials",
        json={"connector_ids": [key["id"]], "public_key": public_key_text(caller)},
        headers=cp.service_headers(),
    )
    [sealed] = answer.json()["credentials"]
    info = credential_info(key["id"], 1)

    assert open_sealed(sealed["sealed"], caller, info)
    with pytest.raises(SealError):
        open_sealed(sealed["sealed"], X25519PrivateKey.generate(), info)
    with pytest.raises(SealError):
        open_sealed(sealed["sealed"], caller, credential_info(key["id"], 2))


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong-token"}], ids=["none", "wrong"]
)
async def test_internal_routes_refuse_anything_but_the_service_token(
    cp: RunningControlPlane, headers: dict[str, str]
) -> None:
    body = {"connector_ids": [], "public_key": public_key_text(X25519PrivateKey.generate())}

    answers = [
        await cp.http.post("/internal/credentials", json=body, headers=headers),
        await cp.http.get("/internal/connectors", headers=headers),
        await cp.http.get("/internal/accounts/any", headers=headers),
        await cp.http.get(f"/internal/wallets/{new_address()}", headers=headers),
        await cp.http.get("/internal/connectors", headers=cp.admin_headers()),
    ]

    assert [a.status_code for a in answers] == [401] * 5


async def test_connectors_accounts_and_wallets_answer_the_contract(
    cp: RunningControlPlane,
) -> None:
    wallet = new_address()
    client = await cp.create_client(name="Acme", wallets=[wallet])
    other = await cp.create_client(name="Other")
    key = await cp.add_key(client["id"], tracked_pairs=["SHARP/USDT"])
    await cp.add_key(other["id"])

    async with cp.internal_client() as internal:
        everything = await internal.connectors()
        acme = await internal.connectors(account=client["account_identifier"])
        account = await internal.account(client["account_identifier"])
        by_wallet = await internal.account_for_wallet(wallet.lower())
        unknown_wallet = await internal.account_for_wallet(new_address())
        not_an_address = await internal.account_for_wallet("nope")
        unknown_account = await internal.account("nobody")

    assert {c.client_id for c in everything} >= {uuid.UUID(client["id"]), uuid.UUID(other["id"])}
    [connector] = acme
    assert (connector.connector_id, connector.version) == (uuid.UUID(key["id"]), 1)
    assert connector.tracked_pairs == ["SHARP/USDT"]
    assert account is not None and by_wallet == account
    assert account.wallets[0].address == wallet
    assert [c.connector_id for c in account.connectors] == [connector.connector_id]
    assert unknown_wallet is None and not_an_address is None and unknown_account is None


async def test_a_string_no_account_could_have_names_none(cp: RunningControlPlane) -> None:
    service = cp.service_headers()

    account = await cp.http.get("/internal/accounts/no%00body", headers=service)
    connectors = await cp.http.get(
        "/internal/connectors", params={"account": "no\x00body"}, headers=service
    )

    assert account.status_code == 404
    assert (connectors.status_code, connectors.json()) == (200, {"connectors": []})


async def test_connectors_updated_since_leaves_out_older_changes(cp: RunningControlPlane) -> None:
    client = await cp.create_client()
    await cp.add_key(client["id"])
    second = await cp.add_key(client["id"])

    async with cp.internal_client() as internal:
        [since] = [c for c in await internal.connectors() if str(c.connector_id) == second["id"]]
        changed = await internal.connectors(updated_since=since.updated_at)

    assert [str(c.connector_id) for c in changed] == [second["id"]]


async def test_internal_routes_are_not_in_the_public_openapi(cp: RunningControlPlane) -> None:
    spec = (await cp.http.get("/openapi.json")).json()

    assert not [path for path in spec["paths"] if path.startswith("/internal")]


async def test_a_malformed_public_key_is_refused(cp: RunningControlPlane) -> None:
    answer = await cp.http.post(
        "/internal/credentials",
        json={"connector_ids": [], "public_key": "not-base64!"},
        headers=cp.service_headers(),
    )

    assert answer.status_code == 422
