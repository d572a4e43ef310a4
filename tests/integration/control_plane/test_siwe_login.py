"""Sign-In With Ethereum: a real wallet signs the server's EIP-4361 message and gets a client token.

Every refusal is a 401 that says why.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from eth_account.signers.local import LocalAccount

from services.control_plane.auth.siwe_message import challenge
from shared.auth import decode_token
from tests.integration.control_plane.wallet_signing import new_wallet, sign
from tests.support.control_plane import RunningControlPlane, running_control_plane


async def _nonce(
    cp: RunningControlPlane, wallet: LocalAccount, chain_id: int | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"address": wallet.address}
    if chain_id is not None:
        body["chain_id"] = chain_id
    response = await cp.http.post("/api/auth/siwe/nonce", json=body)
    assert response.status_code == 200, response.text
    issued: dict[str, Any] = response.json()
    return issued


async def _login(cp: RunningControlPlane, message: str, signature: str) -> httpx.Response:
    return await cp.http.post(
        "/api/auth/siwe/login", json={"message": message, "signature": signature}
    )


def _message_for(
    cp: RunningControlPlane,
    wallet: LocalAccount,
    nonce: str,
    *,
    domain: str | None = None,
    chain_id: int = 1,
) -> str:
    """A message the wallet's own software could build for an issued nonce."""
    return challenge(
        domain=domain or cp.settings.siwe_domain,
        uri=cp.settings.siwe_uri,
        address=wallet.address,
        chain_id=chain_id,
        nonce=nonce,
        expires_at=datetime.now(UTC) + timedelta(minutes=5),
    )


@pytest.fixture(scope="module")
async def cp(database_url: str, nats_url: str) -> AsyncIterator[RunningControlPlane]:
    """One control plane for the tests that need no special settings; each uses fresh wallets.
    The login limit is raised because every test logs in from the same address."""
    async with running_control_plane(
        database_url, nats_url, uuid.uuid4().hex[:8], login_rate_per_minute=10_000
    ) as running:
        yield running


async def test_signed_message_logs_the_wallets_client_in(
    cp: RunningControlPlane,
) -> None:
    wallet = new_wallet()
    client = await cp.create_client(name="Sharp Token", wallets=[wallet.address])
    issued = await _nonce(cp, wallet)
    response = await _login(cp, issued["message"], sign(wallet, issued["message"]))
    assert response.status_code == 200, response.text
    token = response.json()["access_token"]
    me = await cp.http.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})

    body = response.json()
    principal = decode_token(token, cp.settings.jwt_public_key)
    assert principal.role == "client"
    assert str(principal.client_id) == client["id"]
    assert principal.account == body["client"]["account_identifier"]
    assert body["client"] == {
        "id": client["id"],
        "name": "Sharp Token",
        "account_identifier": principal.account,
    }
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == cp.settings.access_token_ttl_s
    assert me.json()["client"]["name"] == "Sharp Token"
    assert me.json()["subject"] == wallet.address.lower()


async def test_nonce_message_is_eip4361_for_this_domain_and_wallet(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    wallet = new_wallet()
    async with running_control_plane(
        database_url,
        nats_url,
        schema_suffix,
        siwe_domain="dash.example",
        siwe_uri="https://dash.example",
    ) as cp:
        issued = await _nonce(cp, wallet)

    lines = issued["message"].splitlines()
    assert lines[0] == "dash.example wants you to sign in with your Ethereum account:"
    assert lines[1] == wallet.address
    assert "URI: https://dash.example" in lines
    assert "Chain ID: 1" in lines
    assert f"Nonce: {issued['nonce']}" in lines
    assert any(line.startswith("Expiration Time: ") for line in lines)


async def test_nonce_takes_a_lowercase_address_and_refuses_a_wrong_checksum(
    cp: RunningControlPlane,
) -> None:
    wallet = new_wallet()
    # EIP-55's own example address, with one letter's case flipped.
    wrong_checksum = "0x52908400098527886e0F7030069857D2E4169EE7"
    lowercase = await cp.http.post("/api/auth/siwe/nonce", json={"address": wallet.address.lower()})
    miscased = await cp.http.post("/api/auth/siwe/nonce", json={"address": wrong_checksum})

    assert lowercase.status_code == 200
    assert lowercase.json()["message"].splitlines()[1] == wallet.address
    assert miscased.status_code == 422
    assert "checksum" in miscased.json()["detail"]


async def test_replayed_nonce_is_refused(
    cp: RunningControlPlane,
) -> None:
    wallet = new_wallet()
    await cp.create_client(wallets=[wallet.address])
    issued = await _nonce(cp, wallet)
    signature = sign(wallet, issued["message"])
    first = await _login(cp, issued["message"], signature)
    replay = await _login(cp, issued["message"], signature)

    assert first.status_code == 200
    assert replay.status_code == 401
    assert replay.json() == {
        "error": "Unauthorized",
        "detail": "the nonce was already used: this sign-in is a replay",
    }


async def test_concurrent_logins_with_one_nonce_let_exactly_one_in(
    cp: RunningControlPlane,
) -> None:
    wallet = new_wallet()
    await cp.create_client(wallets=[wallet.address])
    issued = await _nonce(cp, wallet)
    signature = sign(wallet, issued["message"])
    answers = await asyncio.gather(*(_login(cp, issued["message"], signature) for _ in range(6)))

    assert sorted(answer.status_code for answer in answers) == [200, 401, 401, 401, 401, 401]


async def test_expired_message_is_refused(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    wallet = new_wallet()
    async with running_control_plane(
        database_url, nats_url, schema_suffix, siwe_nonce_ttl_s=0
    ) as cp:
        await cp.create_client(wallets=[wallet.address])
        issued = await _nonce(cp, wallet)
        response = await _login(cp, issued["message"], sign(wallet, issued["message"]))

    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


async def test_expired_nonce_is_refused_even_if_the_message_claims_more_time(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    wallet = new_wallet()
    async with running_control_plane(
        database_url, nats_url, schema_suffix, siwe_nonce_ttl_s=0
    ) as cp:
        await cp.create_client(wallets=[wallet.address])
        issued = await _nonce(cp, wallet)
        message = _message_for(cp, wallet, issued["nonce"])
        response = await _login(cp, message, sign(wallet, message))

    assert response.status_code == 401
    assert response.json()["detail"] == "the nonce has expired: request a new one"


async def test_message_for_another_domain_is_refused(
    cp: RunningControlPlane,
) -> None:
    wallet = new_wallet()
    await cp.create_client(wallets=[wallet.address])
    issued = await _nonce(cp, wallet)
    message = _message_for(cp, wallet, issued["nonce"], domain="phishing.example")
    response = await _login(cp, message, sign(wallet, message))

    assert response.status_code == 401
    assert "domain 'phishing.example'" in response.json()["detail"]


async def test_message_altered_after_signing_is_refused(
    cp: RunningControlPlane,
) -> None:
    wallet = new_wallet()
    await cp.create_client(wallets=[wallet.address])
    issued = await _nonce(cp, wallet)
    signature = sign(wallet, issued["message"])
    altered = issued["message"].replace("Expiration Time: 20", "Expiration Time: 29")
    response = await _login(cp, altered, signature)

    assert altered != issued["message"]
    assert response.status_code == 401
    assert "signature does not match" in response.json()["detail"]


async def test_message_naming_a_client_wallet_signed_by_another_key_is_refused(
    cp: RunningControlPlane,
) -> None:
    victim, attacker = new_wallet(), new_wallet()
    await cp.create_client(wallets=[victim.address])
    issued = await _nonce(cp, victim)
    response = await _login(cp, issued["message"], sign(attacker, issued["message"]))

    assert response.status_code == 401
    assert "signature does not match" in response.json()["detail"]


async def test_wallet_of_no_client_is_refused(
    cp: RunningControlPlane,
) -> None:
    wallet = new_wallet()
    issued = await _nonce(cp, wallet)
    response = await _login(cp, issued["message"], sign(wallet, issued["message"]))

    assert response.status_code == 401
    assert response.json()["detail"] == (
        f"wallet {wallet.address.lower()} is not registered to any client"
    )


async def test_chain_not_accepted_is_refused(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    wallet = new_wallet()
    async with running_control_plane(
        database_url, nats_url, schema_suffix, siwe_chain_ids=[1]
    ) as cp:
        await cp.create_client(wallets=[wallet.address])
        issued = await _nonce(cp, wallet)
        message = _message_for(cp, wallet, issued["nonce"], chain_id=5)
        login = await _login(cp, message, sign(wallet, message))
        nonce_for_chain = await cp.http.post(
            "/api/auth/siwe/nonce", json={"address": wallet.address, "chain_id": 5}
        )

    assert login.status_code == 401
    assert login.json()["detail"] == "chain id 5 is not accepted (accepted: [1])"
    assert nonce_for_chain.status_code == 422


async def test_nonce_issued_for_another_wallet_is_refused(
    cp: RunningControlPlane,
) -> None:
    wallet, other = new_wallet(), new_wallet()
    await cp.create_client(wallets=[wallet.address])
    issued_to_other = await _nonce(cp, other)
    message = _message_for(cp, wallet, issued_to_other["nonce"])
    response = await _login(cp, message, sign(wallet, message))

    assert response.status_code == 401
    assert response.json()["detail"] == "the nonce was issued for another wallet or chain"


async def test_made_up_nonce_and_garbage_message_are_refused(
    cp: RunningControlPlane,
) -> None:
    wallet = new_wallet()
    await cp.create_client(wallets=[wallet.address])
    message = _message_for(cp, wallet, "0123456789abcdef")
    made_up = await _login(cp, message, sign(wallet, message))
    garbage = await _login(cp, "hello", sign(wallet, "hello"))

    assert made_up.status_code == 401
    assert made_up.json()["detail"].startswith("unknown nonce")
    assert garbage.status_code == 401
    assert garbage.json()["detail"] == "the sign-in message is not a valid EIP-4361 message"


async def test_bytes_that_are_no_ecdsa_signature_are_refused(
    cp: RunningControlPlane,
) -> None:
    wallet = new_wallet()
    await cp.create_client(wallets=[wallet.address])
    issued = await _nonce(cp, wallet)
    # s beyond the curve order; r = s = 0 (nothing recovers from either)
    answers = [await _login(cp, issued["message"], "0x" + d * 130) for d in "f0"]

    assert [answer.status_code for answer in answers] == [401, 401]
    assert all("signature does not match" in a.json()["detail"] for a in answers)
