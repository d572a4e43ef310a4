"""`control-plane create-admin`: the admin it makes can log in to the running service."""

from __future__ import annotations

from tests.integration.control_plane.cli_runner import run_cli
from tests.support.control_plane import RunningControlPlane


async def test_created_admin_logs_in(cp: RunningControlPlane) -> None:
    keyring = cp.settings.keyring.get_secret_value()

    code, output = await run_cli(
        cp.settings.database_url,
        cp.settings.db_schema,
        keyring,
        "create-admin",
        "--username",
        "operator",
        "--password",
        "correct horse battery",
    )
    login = await cp.http.post(
        "/api/auth/admin/token", json={"username": "operator", "password": "correct horse battery"}
    )

    assert code == 0, output
    assert "correct horse" not in output
    assert login.status_code == 200, login.text
