"""Who reaches which route, generated from the app's own OpenAPI so no route is forgotten.

Every `/api/*` operation must have a row in EXPECTED; each is called with six callers (admin,
the client's own token, another client's token, none, expired, tampered) against a fresh
client, and must answer the expected status.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from shared.auth import Principal
from tests.integration.control_plane.wallets import new_address
from tests.support.control_plane import RunningControlPlane, bearer, running_control_plane

CALLERS = ("none", "expired", "tampered", "other", "own", "admin")  # admin last: it may delete
UNAUTHENTICATED = {"none": 401, "expired": 401, "tampered": 401}
ADMIN_ONLY = {**UNAUTHENTICATED, "other": 403, "own": 403}
CLIENT_READ = {**UNAUTHENTICATED, "other": 404, "own": 200}
CLIENT_MUTATION = {**UNAUTHENTICATED, "other": 404, "own": 403}
ANY_PRINCIPAL = {**UNAUTHENTICATED, "other": 200, "own": 200, "admin": 200}
PUBLIC: dict[str, int] = {}  # login routes: the answer does not depend on the token

KEY = "/api/clients/{client_id}/api-keys/{key_id}"
EXPECTED: dict[tuple[str, str], dict[str, int]] = {
    ("POST", "/api/clients"): {**ADMIN_ONLY, "admin": 201},
    ("GET", "/api/clients"): {**ADMIN_ONLY, "admin": 200},
    ("GET", "/api/clients/by-wallet/{address}"): {**CLIENT_READ, "admin": 200},
    ("GET", "/api/clients/{client_id}"): {**CLIENT_READ, "admin": 200},
    ("DELETE", "/api/clients/{client_id}"): {**CLIENT_MUTATION, "admin": 204},
    ("POST", "/api/clients/{client_id}/wallets"): {**CLIENT_MUTATION, "admin": 201},
    ("DELETE", "/api/clients/{client_id}/wallets/{wallet_id}"): {**CLIENT_MUTATION, "admin": 204},
    ("POST", "/api/clients/{client_id}/api-keys"): {**CLIENT_MUTATION, "admin": 201},
    ("GET", "/api/clients/{client_id}/api-keys"): {**CLIENT_READ, "admin": 200},
    ("PUT", KEY): {**CLIENT_MUTATION, "admin": 200},
    ("PATCH", KEY): {**CLIENT_MUTATION, "admin": 200},
    ("DELETE", KEY): {**CLIENT_MUTATION, "admin": 204},
    ("POST", KEY + "/reinitialize"): {**CLIENT_MUTATION, "admin": 200},
    ("GET", "/api/exchanges"): ANY_PRINCIPAL,
    ("GET", "/api/audit"): {**ADMIN_ONLY, "admin": 200},
    ("GET", "/api/auth/me"): ANY_PRINCIPAL,
    ("POST", "/api/auth/admin/token"): PUBLIC,
    ("POST", "/api/auth/siwe/nonce"): PUBLIC,
    ("POST", "/api/auth/siwe/login"): PUBLIC,
}

BODIES: dict[tuple[str, str], Callable[[], dict[str, Any]]] = {
    ("POST", "/api/clients"): lambda: {"name": "Authz", "wallets": []},
    ("POST", "/api/clients/{client_id}/wallets"): lambda: {"address": new_address()},
    ("POST", "/api/clients/{client_id}/api-keys"): lambda: {
        "exchange": "binance",
        "api_key": "authz-key-000000",
        "api_secret": "authz-secret",
    },
    ("PUT", KEY): lambda: {"api_key": "authz-key-111111", "api_secret": "authz-secret-2"},
    ("PATCH", KEY): lambda: {"tracked_pairs": ["SHARP/USDT"]},
    ("POST", "/api/auth/admin/token"): lambda: {"username": "nobody", "password": "wrong"},
    ("POST", "/api/auth/siwe/nonce"): lambda: {"address": new_address()},
    ("POST", "/api/auth/siwe/login"): lambda: {
        "message": "not siwe",
        "signature": "0x" + "1" * 130,
    },
}


@pytest.fixture(scope="module")
async def authz_cp(database_url: str, nats_url: str) -> AsyncIterator[RunningControlPlane]:
    async with running_control_plane(
        database_url,
        nats_url,
        uuid.uuid4().hex[:8],
        bridge_confirm_timeout_s=0,
        login_rate_per_minute=10_000,
    ) as cp:
        yield cp


def api_operations(cp: RunningControlPlane) -> set[tuple[str, str]]:
    paths = cp.app.openapi()["paths"]
    return {
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith("/api/")
        for method in operations
    }


def tampered(token: str) -> str:
    """The token with its claims rewritten to role admin, signature kept."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    forged = base64.urlsafe_b64encode(json.dumps({**claims, "role": "admin"}).encode())
    return ".".join([header, forged.decode().rstrip("="), signature])


@dataclass
class World:
    """A client with a wallet and a key (the target), and another client."""

    target: dict[str, Any]
    other: dict[str, Any]
    wallet_id: str
    key_id: str

    def path(self, template: str) -> str:
        return template.format(
            client_id=self.target["id"],
            address=self.target["wallets"][0]["address"],
            wallet_id=self.wallet_id,
            key_id=self.key_id,
        )


async def make_world(cp: RunningControlPlane) -> World:
    target = await cp.create_client(wallets=[new_address()])
    key = await cp.add_key(target["id"])
    return World(target, await cp.create_client(), target["wallets"][0]["id"], key["id"])


def headers_for(cp: RunningControlPlane, caller: str, world: World) -> dict[str, str]:
    own = cp.client_headers(world.target)["Authorization"].removeprefix("Bearer ")
    expired = Principal(subject="admin", role="admin")
    return {
        "none": {},
        "expired": bearer(cp.token(expired, ttl_s=-60)),
        "tampered": bearer(tampered(own)),
        "other": cp.client_headers(world.other),
        "own": bearer(own),
        "admin": cp.admin_headers(),
    }[caller]


async def test_every_api_route_has_an_authorization_expectation(
    authz_cp: RunningControlPlane,
) -> None:
    assert api_operations(authz_cp) == set(EXPECTED)


@pytest.mark.parametrize(("method", "template"), sorted(EXPECTED), ids=" ".join)
async def test_route_answers_each_caller_as_expected(
    authz_cp: RunningControlPlane, method: str, template: str
) -> None:
    cp, world = authz_cp, await make_world(authz_cp)
    answers = {}
    for caller in CALLERS:
        body = BODIES.get((method, template), lambda: None)()
        response = await cp.http.request(
            method, world.path(template), json=body, headers=headers_for(cp, caller, world)
        )
        answers[caller] = response.status_code

    expected = EXPECTED[(method, template)] or dict.fromkeys(CALLERS, answers["none"])
    assert answers == expected
