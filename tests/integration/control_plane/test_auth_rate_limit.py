"""Login attempts are limited per minute, per client IP and per name tried, across endpoints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from services.control_plane.auth.siwe_message import challenge
from tests.integration.control_plane.wallet_signing import new_wallet, sign
from tests.support.control_plane import RunningControlPlane, running_control_plane

LIMIT = 3


async def _admin_login(cp: RunningControlPlane, username: str, ip: str) -> httpx.Response:
    # The test server trusts X-Forwarded-For from loopback, as a cp behind the gateway does.
    return await cp.http.post(
        "/api/auth/admin/token",
        json={"username": username, "password": "wrong"},
        headers={"X-Forwarded-For": ip},
    )


async def test_admin_login_answers_429_with_retry_after_past_the_limit(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    async with running_control_plane(
        database_url, nats_url, schema_suffix, login_rate_per_minute=LIMIT
    ) as cp:
        answers = [await _admin_login(cp, "root", "203.0.113.7") for _ in range(LIMIT + 1)]

    assert [answer.status_code for answer in answers] == [401] * LIMIT + [429]
    refused = answers[-1]
    assert refused.json()["error"] == "TooManyRequests"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60


async def test_one_ip_trying_many_usernames_is_limited(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    async with running_control_plane(
        database_url, nats_url, schema_suffix, login_rate_per_minute=LIMIT
    ) as cp:
        answers = [await _admin_login(cp, f"user{n}", "203.0.113.8") for n in range(LIMIT + 1)]
        other_ip = await _admin_login(cp, "someone", "203.0.113.9")

    assert answers[-1].status_code == 429
    assert other_ip.status_code == 401


async def test_one_username_tried_from_many_ips_is_limited(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    async with running_control_plane(
        database_url, nats_url, schema_suffix, login_rate_per_minute=LIMIT
    ) as cp:
        answers = [await _admin_login(cp, "root", f"198.51.100.{n}") for n in range(LIMIT + 1)]
        other_user = await _admin_login(cp, "ops", "198.51.100.200")

    assert answers[-1].status_code == 429
    assert other_user.status_code == 401


async def test_nonce_requests_for_one_wallet_are_limited(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    wallet = new_wallet()
    async with running_control_plane(
        database_url, nats_url, schema_suffix, login_rate_per_minute=LIMIT
    ) as cp:
        answers = [
            await cp.http.post("/api/auth/siwe/nonce", json={"address": wallet.address})
            for _ in range(LIMIT + 1)
        ]

    assert [answer.status_code for answer in answers] == [200] * LIMIT + [429]
    assert "Retry-After" in answers[-1].headers


async def test_siwe_login_attempts_from_one_ip_are_limited_even_when_unparsable(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    async with running_control_plane(
        database_url, nats_url, schema_suffix, login_rate_per_minute=LIMIT
    ) as cp:
        answers = [
            await cp.http.post(
                "/api/auth/siwe/login", json={"message": "hello", "signature": "0x" + "00" * 65}
            )
            for _ in range(LIMIT + 1)
        ]

    assert [answer.status_code for answer in answers] == [401] * LIMIT + [429]


async def test_siwe_login_attempts_for_one_wallet_from_many_ips_are_limited(
    database_url: str, nats_url: str, schema_suffix: str
) -> None:
    wallet = new_wallet()
    async with running_control_plane(
        database_url, nats_url, schema_suffix, login_rate_per_minute=LIMIT
    ) as cp:
        message = challenge(
            domain=cp.settings.siwe_domain,
            uri=cp.settings.siwe_uri,
            address=wallet.address,
            chain_id=1,
            nonce="0123456789abcdef",
            expires_at=datetime.now(UTC) + timedelta(minutes=5),
        )
        answers = [
            await cp.http.post(
                "/api/auth/siwe/login",
                json={"message": message, "signature": sign(wallet, message)},
                headers={"X-Forwarded-For": f"198.51.100.{n}"},
            )
            for n in range(LIMIT + 1)
        ]

    assert [answer.status_code for answer in answers] == [401] * LIMIT + [429]
