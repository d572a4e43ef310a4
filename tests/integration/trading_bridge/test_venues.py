"""Venues: markets loaded once, one rate-limit window and one connection pool per exchange."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pydantic import SecretStr

from services.trading_bridge.monitoring.telemetry import Telemetry
from services.trading_bridge.sessions.venues import UnsupportedExchange, Venue, Venues
from shared.control_plane_client import Credential
from tests.support.exchange_simulator import RunningExchange, running_exchange


@pytest.fixture
async def sim() -> AsyncIterator[RunningExchange]:
    async with running_exchange() as sim:
        yield sim


@pytest.fixture
async def venue(sim: RunningExchange) -> AsyncIterator[Venue]:
    venues = Venues({"binance": sim.url}, timeout_s=5, telemetry=Telemetry())
    yield venues.get("binance")
    await venues.close()


async def credential(sim: RunningExchange) -> Credential:
    key = await sim.add_account({"USDT": "1"})
    return Credential(api_key=SecretStr(key.api_key), api_secret=SecretStr(key.api_secret))


async def test_markets_are_loaded_once_for_every_instance(
    sim: RunningExchange, venue: Venue
) -> None:
    await venue.ensure_markets()
    instances = [venue.connect(await credential(sim)) for _ in range(3)]
    try:
        for instance in instances:
            await instance.fetch_balance()
    finally:
        for instance in instances:
            await instance.close()

    paths = [r.path for r in sim.binance_requests()]
    assert paths.count("/api/v3/exchangeInfo") == 1
    assert paths.count("/api/v3/account") == 3
    assert all(i.markets is venue.reference.markets for i in instances)


async def test_instances_of_a_venue_draw_from_one_rate_limit_window(
    sim: RunningExchange, venue: Venue
) -> None:
    """Pins the undocumented part: ccxt 4.5.90 throttles through `instance.throttler`."""
    await venue.ensure_markets()
    first, second = venue.connect(await credential(sim)), venue.connect(await credential(sim))
    calls_before = len(venue.throttler.timestamps)
    try:
        await first.fetch_balance()
        await second.fetch_balance()
    finally:
        await first.close()
        await second.close()

    costs = [entry["cost"] for entry in venue.throttler.timestamps[calls_before:]]
    assert first.throttler is second.throttler is venue.throttler
    assert costs == [first.api["private"]["get"]["account"]["cost"]] * 2


async def test_closing_an_instance_keeps_the_venue_pool_open(
    sim: RunningExchange, venue: Venue
) -> None:
    instance = venue.connect(await credential(sim))
    await instance.fetch_balance()
    await instance.close()

    assert not venue.http.closed
    assert instance.session is None
    assert instance.timeout_on_exit == 0


def test_unknown_exchange_is_refused_naming_the_ccxt_version() -> None:
    with pytest.raises(UnsupportedExchange, match=r"ccxt 4\.5\.90"):
        Venues({}, timeout_s=1, telemetry=Telemetry()).get("bitmart")
