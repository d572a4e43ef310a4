"""A canary secret through every key endpoint, rotation and error path never shows anywhere.

Looked for in: every HTTP response (body and headers), every log line (as written, and as
logged before redaction blanks registered secrets), every message of the CONTROL and STATUS
streams, the CLI's output, and every column of every table of the schema (as text, and as the
hex PostgreSQL shows bytea in).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from shared.keyring import Keyring
from shared.sealing import public_key_text
from tests.integration.control_plane.cli_runner import run_cli
from tests.integration.control_plane.streams import raw_messages
from tests.support.bus import delete_streams
from tests.support.control_plane import RunningControlPlane, running_control_plane
from tests.support.leaks import CapturedLogs, captured_logs, schema_text

MARK = "CANARY-3f9a" + uuid.uuid4().hex[:8]
CANARIES = {
    field: f"{MARK}-{field}-{uuid.uuid4().hex}" for field in ("key", "secret", "pass", "uid")
}
CREDENTIALS = {
    "api_key": CANARIES["key"],
    "api_secret": CANARIES["secret"],
    "passphrase": CANARIES["pass"],
    "uid": CANARIES["uid"],
}


@pytest.fixture
def logs() -> Iterator[CapturedLogs]:
    with captured_logs("control-plane") as handler:
        yield handler


def shows(response: httpx.Response) -> str:
    return response.text + repr(dict(response.headers))


async def key_endpoints(cp: RunningControlPlane, client: dict[str, str]) -> list[httpx.Response]:
    base, admin = f"/api/clients/{client['id']}/api-keys", cp.admin_headers()
    added = await cp.http.post(
        base, json={"exchange": "okx", **CREDENTIALS, "tracked_pairs": ["X/USDT"]}, headers=admin
    )
    key = f"{base}/{added.json()['id']}"
    sealed = await cp.http.post(
        "/internal/credentials",
        json={
            "connector_ids": [added.json()["id"]],
            "public_key": public_key_text(X25519PrivateKey.generate()),
        },
        headers=cp.service_headers(),
    )
    return [
        added,
        sealed,
        await cp.http.get(base, headers=admin),
        await cp.http.put(key, json=CREDENTIALS, headers=admin),
        await cp.http.patch(key, json={"tracked_pairs": ["Y/USDT"]}, headers=admin),
        await cp.http.post(f"{key}/reinitialize", headers=admin),
        await cp.http.get(base, headers=cp.client_headers(client)),
        await cp.http.get("/api/audit", headers=admin),
        await cp.http.delete(key, headers=admin),
    ]


async def error_paths(
    cp: RunningControlPlane, client: dict[str, str], other: dict[str, str]
) -> list[httpx.Response]:
    base, admin = f"/api/clients/{client['id']}/api-keys", cp.admin_headers()
    okx = await cp.http.post(base, json={"exchange": "okx", **CREDENTIALS}, headers=admin)
    okx_key = f"{base}/{okx.json()['id']}"
    long_secret = {**CREDENTIALS, "api_secret": CANARIES["secret"] * 20}
    bodies = [
        {"exchange": "bitmart", **CREDENTIALS},
        {"exchange": "okx", "api_key": CANARIES["key"], "api_secret": CANARIES["secret"]},
        {"exchange": "binance", **long_secret},
        {"exchange": "binance", **CREDENTIALS, "tracked_pairs": ["NOPE"]},
        {"exchange": "binance", **CREDENTIALS, "label": "l" * 101},
        {"exchange": 42, **CREDENTIALS},
        {"exchange": "binance", **CREDENTIALS, "api_key": CANARIES["key"] + "\x00"},
        {"exchange": "binance", **CREDENTIALS, "api_secret": [CANARIES["secret"]]},
    ]
    answers = [await cp.http.post(base, json=body, headers=admin) for body in bodies]
    replaced_without_passphrase = {"api_key": CANARIES["key"], "api_secret": CANARIES["secret"]}
    answers += [
        await cp.http.post(base, json=bodies[0], headers=cp.client_headers(client)),
        await cp.http.post(base, json=bodies[1], headers=cp.client_headers(other)),
        await cp.http.put(okx_key, json=replaced_without_passphrase, headers=admin),
        await cp.http.put(f"{base}/{uuid.uuid4()}", json=CREDENTIALS, headers=admin),
        await cp.http.post(base, content=f'{{"api_secret": "{CANARIES["secret"]}"', headers=admin),
    ]
    assert all(400 <= answer.status_code < 500 for answer in answers)
    return answers


def leaks(text: str) -> list[str]:
    needles = [MARK, MARK.encode().hex(), *CANARIES.values()]
    return [needle for needle in needles if needle in text]


async def test_canary_secret_never_appears_anywhere(
    database_url: str, nats_url: str, schema_suffix: str, logs: CapturedLogs
) -> None:
    await delete_streams(nats_url)
    async with running_control_plane(database_url, nats_url, schema_suffix) as cp:
        client, other = await cp.create_client(name="Canary"), await cp.create_client()
        responses = await key_endpoints(cp, client) + await error_paths(cp, client, other)
        newer = f"{Keyring.generate_entry(3)},{cp.settings.keyring.get_secret_value()}"
        code, cli_output = await run_cli(database_url, cp.settings.db_schema, newer, "rotate-keys")
        stored = await schema_text(cp.settings.database_url, cp.settings.db_schema)
        deleted = await cp.http.delete(f"/api/clients/{client['id']}", headers=cp.admin_headers())
    messages = await raw_messages(nats_url, "CONTROL") + await raw_messages(nats_url, "STATUS")

    assert code == 0, cli_output
    assert "\\x" in stored  # the dump does hold the ciphertexts
    assert len(messages) >= 5 and logs.lines
    assert leaks("\n".join(shows(r) for r in [*responses, deleted])) == []
    assert leaks("\n".join(logs.lines)) == []
    assert leaks("\n".join(logs.records)) == []
    assert leaks(b"\n".join(messages).decode(errors="replace")) == []
    assert leaks(cli_output) == []
    assert leaks(stored) == []
