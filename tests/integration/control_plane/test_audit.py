"""The audit trail: each mutation recorded with its actor and request id, never a secret."""

from __future__ import annotations

import uuid

from tests.support.control_plane import RunningControlPlane


async def test_mutations_are_audited_with_actor_request_id_and_no_secret(
    cp: RunningControlPlane,
) -> None:
    client = await cp.create_client()
    headers = {**cp.admin_headers(subject="alice"), "X-Request-Id": "req-audit-1"}
    added = await cp.http.post(
        f"/api/clients/{client['id']}/api-keys",
        json={"exchange": "binance", "api_key": "audit-key-00000", "api_secret": "audit-secret"},
        headers=headers,
    )
    await cp.http.delete(f"/api/clients/{client['id']}", headers=headers)

    trail = await cp.http.get(
        f"/api/audit?client_id={client['id']}&limit=10", headers=cp.admin_headers()
    )

    entries = trail.json()["entries"]
    assert [e["action"] for e in entries] == ["client.deleted", "api_key.created", "client.created"]
    created_key = entries[1]
    assert created_key["actor_subject"] == "alice" and created_key["actor_role"] == "admin"
    assert created_key["target_id"] == added.json()["id"]
    assert created_key["request_id"] == "req-audit-1"
    assert created_key["details"]["api_key_masked"] == "****0000"
    assert "audit-secret" not in trail.text


async def test_credential_releases_are_audited_as_the_service(cp: RunningControlPlane) -> None:
    client = await cp.create_client()
    key = await cp.add_key(client["id"])
    async with cp.internal_client() as internal:
        await internal.credentials([uuid.UUID(key["id"])])

    trail = await cp.http.get(f"/api/audit?client_id={client['id']}", headers=cp.admin_headers())

    released = trail.json()["entries"][0]
    assert released["action"] == "credentials.released"
    assert released["actor_role"] == "service"
    assert released["details"] == {"version": 1}
