"""Injected faults and limits, as the network errors ccxt raises for them."""

from __future__ import annotations

import ccxt.async_support as ccxt
import pytest

from tests.support.exchange_simulator import RunningExchange


async def test_timeout_fault_raises_request_timeout(sim: RunningExchange) -> None:
    await sim.set_fault(timeout=True)
    binance = sim.binance(timeout=300)

    with pytest.raises(ccxt.RequestTimeout):
        await binance.fetch_time()


async def test_down_fault_raises_exchange_not_available(sim: RunningExchange) -> None:
    await sim.set_fault(down=True)

    with pytest.raises(ccxt.ExchangeNotAvailable):
        await sim.binance().fetch_time()


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (500, ccxt.ExchangeNotAvailable),
        (503, ccxt.ExchangeNotAvailable),
        (504, ccxt.RequestTimeout),
        (429, ccxt.DDoSProtection),
        (418, ccxt.DDoSProtection),
    ],
)
async def test_status_fault_raises_the_matching_network_error(
    sim: RunningExchange, status: int, error: type[Exception]
) -> None:
    await sim.set_fault(status=status)

    with pytest.raises(error):
        await sim.binance().fetch_time()


async def test_rate_limit_fault_raises_ddos_protection(sim: RunningExchange) -> None:
    # ccxt's Binance raises DDoSProtection for any 429 before it reads the -1003 code
    await sim.set_fault(rate_limit=True)

    with pytest.raises(ccxt.DDoSProtection, match="-1003"):
        await sim.binance().fetch_ticker("BTC/USDT")


async def test_cleared_faults_serve_again(sim: RunningExchange) -> None:
    binance = sim.binance()
    await sim.set_fault(down=True)
    with pytest.raises(ccxt.ExchangeNotAvailable):
        await binance.fetch_time()

    await sim.clear_faults()

    assert await binance.fetch_time() > 0


async def test_account_fault_spares_other_accounts(sim: RunningExchange) -> None:
    broken, healthy = await sim.add_account({"USDT": "1"}), await sim.add_account({"USDT": "2"})
    await sim.set_fault(account=broken.api_key, status=503)

    with pytest.raises(ccxt.ExchangeNotAvailable):
        await sim.binance(broken).fetch_balance()
    assert (await sim.binance(healthy).fetch_balance())["USDT"]["free"] == 2


async def test_error_rate_fails_some_requests_and_serves_the_rest(sim: RunningExchange) -> None:
    await sim.set_fault(error_rate=0.5)
    binance = sim.binance()
    outcomes = []

    for _ in range(30):
        try:
            await binance.fetch_time()
            outcomes.append("served")
        except ccxt.ExchangeNotAvailable:
            outcomes.append("failed")

    assert set(outcomes) == {"served", "failed"}


async def test_latency_fault_still_answers(sim: RunningExchange) -> None:
    await sim.set_fault(latency_ms=20)

    assert await sim.binance().fetch_time() > 0


async def test_weight_over_the_limit_raises_ddos_protection(sim: RunningExchange) -> None:
    await sim.post("/sim/limits", {"weight_limit": 50})
    binance = sim.binance()

    await binance.load_markets()
    await binance.load_markets(reload=True)
    with pytest.raises(ccxt.DDoSProtection, match="limit is 50 request weight"):
        await binance.load_markets(reload=True)
    assert binance.last_response_headers["Retry-After"]
