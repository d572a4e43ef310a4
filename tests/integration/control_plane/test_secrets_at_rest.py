"""Secrets at rest: bound to their row, readable under every keyring version, rotated online."""

from __future__ import annotations

import uuid

import asyncpg

from shared.keyring import Keyring
from tests.integration.control_plane.cli_runner import run_cli
from tests.support.control_plane import RunningControlPlane, running_control_plane

KEYS = [Keyring.generate_entry(version) for version in (1, 2, 3)]


def keyring_up_to(version: int) -> str:
    """`v<version>,…,v1`: the newest listed key encrypts."""
    return ",".join(reversed(KEYS[:version]))


async def stored_key_versions(database_url: str, schema: str) -> list[int]:
    connection = await asyncpg.connect(database_url)
    try:
        rows = await connection.fetch(f"SELECT key_version FROM {schema}.api_keys ORDER BY id")
        return [row["key_version"] for row in rows]
    finally:
        await connection.close()


async def secrets_of(cp: RunningControlPlane, key_ids: list[str]) -> dict[str, str]:
    async with cp.internal_client() as internal:
        opened = await internal.credentials([uuid.UUID(i) for i in key_ids])
    return {str(o.connector_id): o.credential.api_secret.get_secret_value() for o in opened}


async def test_ciphertext_copied_to_another_clients_row_does_not_decrypt(
    cp: RunningControlPlane,
) -> None:
    victim = await cp.add_key((await cp.create_client())["id"], api_secret="victim-secret")
    thief = await cp.add_key((await cp.create_client())["id"], api_secret="thief-secret")
    connection = await asyncpg.connect(cp.settings.database_url)
    try:
        await connection.execute(
            f"UPDATE {cp.settings.db_schema}.api_keys SET api_secret_enc = "
            f"(SELECT api_secret_enc FROM {cp.settings.db_schema}.api_keys WHERE id = $1) "
            "WHERE id = $2",
            uuid.UUID(victim["id"]),
            uuid.UUID(thief["id"]),
        )
    finally:
        await connection.close()

    async with cp.internal_client() as internal:
        opened = await internal.credentials([uuid.UUID(thief["id"]), uuid.UUID(victim["id"])])

    assert [str(o.connector_id) for o in opened] == [victim["id"]]


async def run_rotation(database_url: str, schema: str, keyring: str) -> tuple[int, str]:
    return await run_cli(database_url, schema, keyring, "rotate-keys", "--batch-size", "2")


async def test_rows_under_three_key_versions_decrypt_and_rotate_to_the_newest(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    expected: dict[str, str] = {}
    for version in (1, 2, 3):
        async with running_control_plane(
            database_url,
            nats_url,
            schema_suffix,
            keyring=keyring_up_to(version),
            bridge_confirm_timeout_s=0,
        ) as cp:
            client = await cp.create_client()
            for n in range(version):
                secret = f"secret-v{version}-{n}"
                expected[(await cp.add_key(client["id"], api_secret=secret))["id"]] = secret
    schema = cp.settings.db_schema
    before = await stored_key_versions(database_url, schema)

    code, output = await run_rotation(database_url, schema, keyring_up_to(3))

    after = await stored_key_versions(database_url, schema)
    async with running_control_plane(
        database_url, nats_url, schema_suffix, keyring=keyring_up_to(3)
    ) as cp:
        readable = await secrets_of(cp, list(expected))
    assert sorted(before) == [1, 2, 2, 3, 3, 3]
    assert code == 0, output
    assert "rotated: 3, already current: 3, failed: 0" in output
    assert after == [3] * 6
    assert readable == expected


async def test_rotation_reports_rows_whose_key_left_the_keyring(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    async with running_control_plane(
        database_url, nats_url, schema_suffix, keyring=keyring_up_to(1)
    ) as cp:
        await cp.add_key((await cp.create_client())["id"])

    code, output = await run_rotation(database_url, cp.settings.db_schema, KEYS[1])

    assert code == 1
    assert "failed: 1" in output
    assert await stored_key_versions(database_url, cp.settings.db_schema) == [1]
