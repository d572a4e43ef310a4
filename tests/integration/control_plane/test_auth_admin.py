"""Admin login: username and argon2 password, the first admin from the environment."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from services.control_plane.auth.service import create_admin
from shared.auth import decode_token
from tests.support.control_plane import running_control_plane

BOOTSTRAP: dict[str, Any] = {
    "bootstrap_admin_username": "root",
    "bootstrap_admin_password": SecretStr("s3cret!"),
}


async def test_bootstrap_admin_logs_in_and_gets_an_admin_token(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    async with running_control_plane(database_url, nats_url, schema_suffix, **BOOTSTRAP) as cp:
        response = await cp.http.post(
            "/api/auth/admin/token", json={"username": "root", "password": "s3cret!"}
        )
        token = response.json()["access_token"]
        me = await cp.http.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "bearer"
    assert response.json()["expires_in"] == cp.settings.access_token_ttl_s
    principal = decode_token(token, cp.settings.jwt_public_key)
    assert (principal.role, principal.subject, principal.client_id) == ("admin", "root", None)
    assert me.json() == {
        "role": "admin",
        "subject": "root",
        "client_id": None,
        "account": None,
        "client": None,
    }


async def test_wrong_password_and_unknown_user_are_the_same_401(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    async with running_control_plane(database_url, nats_url, schema_suffix, **BOOTSTRAP) as cp:
        wrong_password = await cp.http.post(
            "/api/auth/admin/token", json={"username": "root", "password": "guess"}
        )
        unknown_user = await cp.http.post(
            "/api/auth/admin/token", json={"username": "nobody", "password": "guess"}
        )

    assert wrong_password.status_code == unknown_user.status_code == 401
    assert wrong_password.json() == unknown_user.json()
    assert wrong_password.json() == {
        "error": "Unauthorized",
        "detail": "wrong username or password",
    }


async def test_restart_keeps_a_password_changed_after_bootstrap(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    async with (
        running_control_plane(database_url, nats_url, schema_suffix, **BOOTSTRAP) as cp,
        cp.app.state.runtime.pool.acquire() as conn,
    ):
        await create_admin(conn, "root", "rotated password")
    async with running_control_plane(
        database_url, nats_url, schema_suffix, **BOOTSTRAP
    ) as restarted:
        old = await restarted.http.post(
            "/api/auth/admin/token", json={"username": "root", "password": "s3cret!"}
        )
        new = await restarted.http.post(
            "/api/auth/admin/token", json={"username": "root", "password": "rotated password"}
        )

    assert old.status_code == 401
    assert new.status_code == 200


async def test_create_admin_makes_a_new_admin_and_resets_an_existing_password(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    async with running_control_plane(database_url, nats_url, schema_suffix) as cp:
        async with cp.app.state.runtime.pool.acquire() as conn:
            created = await create_admin(conn, "ops", "first")
            reset = await create_admin(conn, "ops", "second")
        first = await cp.http.post(
            "/api/auth/admin/token", json={"username": "ops", "password": "first"}
        )
        second = await cp.http.post(
            "/api/auth/admin/token", json={"username": "ops", "password": "second"}
        )

    assert reset.id == created.id
    assert (first.status_code, second.status_code) == (401, 200)


async def test_me_without_or_with_a_forged_token_is_401(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    async with running_control_plane(database_url, nats_url, schema_suffix) as cp:
        anonymous = await cp.http.get("/api/auth/me")
        forged = await cp.http.get(
            "/api/auth/me", headers={"Authorization": "Bearer eyJhbGciOiJub25lIn0.e30."}
        )

    assert (anonymous.status_code, forged.status_code) == (401, 401)


async def test_username_with_a_nul_character_is_a_422(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    async with running_control_plane(database_url, nats_url, schema_suffix) as cp:
        response = await cp.http.post(
            "/api/auth/admin/token", json={"username": "root\x00", "password": "guess"}
        )

    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]
