"""The adapter's hummingbot-api client against the bot host simulator over HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from pydantic import SecretStr

from services.hummingbot_adapter.bot_host.breaker import BreakerState, CircuitBreaker
from services.hummingbot_adapter.bot_host.client import (
    BotHostClient,
    BotHostRefused,
    BotHostUnavailable,
)
from tests.support.hummingbot_simulator import PASSWORD, USERNAME, HummingbotClient, eventually


def host_statuses(host: BotHostClient) -> Callable[[], Awaitable[dict[str, Any] | None]]:
    """Probe the host's statuses; None while the breaker (or the host) refuses."""

    async def probe() -> dict[str, Any] | None:
        try:
            return dict(await host.bot_statuses())
        except BotHostUnavailable:
            return None

    return probe


async def host_calls(hummingbot: HummingbotClient) -> int:
    total: int = (await hummingbot.http.get("/sim/calls")).json()["total"]
    return total


@pytest.fixture
async def host(hummingbot: HummingbotClient) -> AsyncIterator[BotHostClient]:
    breaker = CircuitBreaker(failure_threshold=2, reset_timeout_s=0.3)
    client = BotHostClient(
        hummingbot.base_url, USERNAME, SecretStr(PASSWORD), breaker, retry_attempts=2
    )
    yield client
    await client.close()


async def test_dead_host_opens_the_breaker_and_later_calls_do_not_reach_it(
    host: BotHostClient, hummingbot: HummingbotClient
) -> None:
    (await hummingbot.http.post("/sim/faults", json={"down": True})).raise_for_status()
    with pytest.raises(BotHostUnavailable, match="answered 503"):
        await host.bot_statuses()
    calls_when_opened = await host_calls(hummingbot)

    with pytest.raises(BotHostUnavailable, match="circuit open"):
        await host.bot_statuses()

    assert host.breaker.state is BreakerState.OPEN
    assert await host_calls(hummingbot) == calls_when_opened


async def test_host_back_closes_the_breaker_after_the_cool_down(
    host: BotHostClient, hummingbot: HummingbotClient
) -> None:
    (await hummingbot.http.post("/sim/faults", json={"down": True})).raise_for_status()
    with pytest.raises(BotHostUnavailable):
        await host.bot_statuses()
    (await hummingbot.http.delete("/sim/faults")).raise_for_status()

    statuses = await eventually(host_statuses(host), lambda found: found is not None)

    assert statuses == {}
    assert host.breaker.state is BreakerState.CLOSED


async def test_cancelled_trial_call_frees_the_half_open_breaker(
    host: BotHostClient, hummingbot: HummingbotClient
) -> None:
    (await hummingbot.http.post("/sim/faults", json={"down": True})).raise_for_status()
    with pytest.raises(BotHostUnavailable):
        await host.bot_statuses()
    slow = {"down": False, "latency_ms": 500}
    (await hummingbot.http.post("/sim/faults", json=slow)).raise_for_status()

    async def breaker_state() -> BreakerState:
        return host.breaker.state

    await eventually(breaker_state, lambda found: found is BreakerState.HALF_OPEN)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(host.bot_statuses(), timeout=0.05)
    (await hummingbot.http.delete("/sim/faults")).raise_for_status()

    assert await host.bot_statuses() == {}
    assert host.breaker.state is BreakerState.CLOSED


async def test_wrong_password_is_a_refusal_not_an_outage(hummingbot: HummingbotClient) -> None:
    breaker = CircuitBreaker(failure_threshold=1, reset_timeout_s=10)
    client = BotHostClient(hummingbot.base_url, USERNAME, SecretStr("wrong"), breaker)
    try:
        with pytest.raises(BotHostRefused, match="401"):
            await client.bot_statuses()
    finally:
        await client.close()
    assert breaker.state is BreakerState.CLOSED


async def test_unknown_bot_reads_as_absent(host: BotHostClient) -> None:
    assert await host.bot_status("nobody-20260101-000000") is None
    assert await host.stop_and_archive("nobody-20260101-000000") is False


async def test_ensuring_an_account_twice_is_fine(
    host: BotHostClient, hummingbot: HummingbotClient
) -> None:
    await host.ensure_account("sharp-token")
    await host.ensure_account("sharp-token")

    assert "sharp-token" in (await hummingbot.http.get("/accounts/")).json()


async def test_deployment_without_credentials_is_refused_with_the_hosts_reason(
    host: BotHostClient,
) -> None:
    await host.ensure_account("empty")
    await host.save_controller_config(
        "mm",
        {"controller_name": "pmm_simple", "connector_name": "binance", "trading_pair": "BTC-USDT"},
    )

    with pytest.raises(BotHostRefused, match="No credentials for binance"):
        await host.deploy_controllers("mm", "empty", ["mm"])
