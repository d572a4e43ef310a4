"""Bad input answers a clear 4xx and changes nothing: no row, no audit entry, no event."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest

from tests.integration.control_plane.wallets import new_address
from tests.support.control_plane import RunningControlPlane

TABLES = ("clients", "wallets", "api_keys", "audit_log", "outbox")
KEY = {"exchange": "binance", "api_key": "bad-input-key-0000", "api_secret": "bad-input-secret"}
OKX = {"exchange": "okx", "api_key": "okx-key-000000", "api_secret": "okx-secret"}
TAKEN = new_address()

CASES: list[tuple[str, str, str, Any, int, str]] = [
    # (case, method, path, body, status, fragment of the detail)
    (
        "invalid address",
        "POST",
        "/api/clients",
        {"name": "X", "wallets": [{"address": "0x1234"}]},
        422,
        "is not an EVM address",
    ),
    (
        "wrong checksum",
        "POST",
        "/api/clients",
        {"name": "X", "wallets": [{"address": "0x52908400098527886E0F7030069857D2E4169Ee7"}]},
        422,
        "checksum",
    ),
    (
        "unsupported chain",
        "POST",
        "/api/clients",
        {"name": "X", "wallets": [{"chain": "dogecoin", "address": TAKEN}]},
        422,
        "unsupported chain",
    ),
    (
        "wallet twice in one request",
        "POST",
        "/api/clients",
        {"name": "X", "wallets": [{"address": TAKEN.lower()}, {"address": TAKEN}]},
        422,
        "more than once",
    ),
    (
        "wallet of another client",
        "POST",
        "/api/clients",
        {"name": "X", "wallets": [{"address": new_address()}, {"address": TAKEN.lower()}]},
        409,
        "already belongs",
    ),
    ("empty name", "POST", "/api/clients", {"name": "  "}, 422, "name"),
    ("oversized name", "POST", "/api/clients", {"name": "n" * 201}, 422, "name"),
    (
        "bad account identifier",
        "POST",
        "/api/clients",
        {"name": "X", "account_identifier": "Not A Slug"},
        422,
        "account_identifier",
    ),
    (
        "unsupported exchange",
        "POST",
        "/api/clients/{client}/api-keys",
        {**KEY, "exchange": "bitmart"},
        422,
        "not supported by the installed ccxt 4.5.90",
    ),
    (
        "missing passphrase",
        "POST",
        "/api/clients/{client}/api-keys",
        OKX,
        422,
        "requires passphrase",
    ),
    (
        "wallet-signed exchange",
        "POST",
        "/api/clients/{client}/api-keys",
        {**KEY, "exchange": "hyperliquid"},
        422,
        "does not store",
    ),
    (
        "empty secret",
        "POST",
        "/api/clients/{client}/api-keys",
        {**KEY, "api_secret": ""},
        422,
        "api_secret",
    ),
    (
        "oversized key",
        "POST",
        "/api/clients/{client}/api-keys",
        {**KEY, "api_key": "k" * 513},
        422,
        "api_key",
    ),
    (
        "bad pair",
        "POST",
        "/api/clients/{client}/api-keys",
        {**KEY, "tracked_pairs": ["SHARPUSDT"]},
        422,
        "not a trading pair",
    ),
    (
        "replace without passphrase",
        "PUT",
        "/api/clients/{client}/api-keys/{okx_key}",
        {"api_key": "okx-key-111111", "api_secret": "s"},
        422,
        "requires passphrase",
    ),
    (
        "duplicate wallet",
        "POST",
        "/api/clients/{client}/wallets",
        {"address": TAKEN.upper().replace("0X", "0x")},
        409,
        "already belongs",
    ),
    (
        "invalid wallet",
        "POST",
        "/api/clients/{client}/wallets",
        {"address": "nope"},
        422,
        "is not an EVM address",
    ),
    ("lookup of a non-address", "GET", "/api/clients/by-wallet/0xZZ", None, 422, "EVM address"),
    (
        "unknown client",
        "POST",
        "/api/clients/00000000-0000-0000-0000-000000000000/api-keys",
        KEY,
        404,
        "not found",
    ),
    ("malformed id", "GET", "/api/clients/not-a-uuid", None, 422, "client_id"),
    # PostgreSQL text refuses NUL: each used to fail in SQL with a 500.
    ("NUL in a name", "POST", "/api/clients", {"name": "a\x00b"}, 422, "NUL"),
    (
        "NUL in a label",
        "POST",
        "/api/clients/{client}/api-keys",
        {**KEY, "label": "main\x00"},
        422,
        "label: Value error, must not contain the NUL",
    ),
    (
        "NUL in a key",
        "POST",
        "/api/clients/{client}/api-keys",
        {**KEY, "api_key": "bad-input-key-000\x00"},
        422,
        "api_key: Value error, must not contain the NUL",
    ),
    ("offset past bigint", "GET", "/api/clients?offset=" + "9" * 20, None, 422, "offset"),
]


async def row_counts(cp: RunningControlPlane) -> dict[str, int]:
    connection = await asyncpg.connect(cp.settings.database_url)
    try:
        schema = cp.settings.db_schema
        return {t: await connection.fetchval(f"SELECT count(*) FROM {schema}.{t}") for t in TABLES}
    finally:
        await connection.close()


@pytest.fixture(scope="module")
async def targets(cp: RunningControlPlane) -> dict[str, str]:
    client = await cp.create_client(wallets=[TAKEN])
    okx = await cp.add_key(
        client["id"], exchange="okx", api_key="okx-key-000000", passphrase="okx-pass"
    )
    return {"client": client["id"], "okx_key": okx["id"]}


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "fragment"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
async def test_bad_input_is_refused_clearly_and_changes_nothing(
    cp: RunningControlPlane,
    targets: dict[str, str],
    method: str,
    path: str,
    body: Any,
    status: int,
    fragment: str,
) -> None:
    before = await row_counts(cp)

    answer = await cp.http.request(
        method, path.format(**targets), json=body, headers=cp.admin_headers()
    )

    assert answer.status_code == status, answer.text
    assert fragment in answer.json()["detail"]
    assert await row_counts(cp) == before


async def test_malformed_json_is_a_400(cp: RunningControlPlane) -> None:
    answer = await cp.http.post(
        "/api/clients",
        content=b"{not json",
        headers={**cp.admin_headers(), "Content-Type": "application/json"},
    )

    assert answer.status_code == 400
