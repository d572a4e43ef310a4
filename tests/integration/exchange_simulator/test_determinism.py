"""The same seed gives the same prices and the same fills."""

from __future__ import annotations

from typing import Any

from tests.support.exchange_simulator import running_exchange


async def _session(seed: int) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Rest a ladder of orders, walk the market, and report prices and the account's fills."""
    async with running_exchange(seed=seed) as sim:
        key = await sim.add_account({"USDT": "10000", "SHARP": "100000"})
        binance = sim.binance(key)
        for offset in range(1, 6):
            await binance.create_order("SHARP/USDT", "limit", "buy", 1000, 0.05 - offset * 0.00005)
            await binance.create_order("SHARP/USDT", "limit", "sell", 1000, 0.05 + offset * 0.00005)
        prices = []
        for _ in range(40):
            stepped = await sim.step("SHARP/USDT", steps=3)
            prices.append(stepped["markets"][0]["price"])
        trades = await binance.fetch_my_trades("SHARP/USDT")
        fills = [(t["id"], t["order"], t["side"], t["price"], t["amount"]) for t in trades]
        return prices, fills


async def test_same_seed_gives_same_prices_and_fills() -> None:
    first_prices, first_fills = await _session(seed=11)
    second_prices, second_fills = await _session(seed=11)

    assert first_fills, "the walk should have crossed some of the resting orders"
    assert (first_prices, first_fills) == (second_prices, second_fills)


async def test_another_seed_walks_another_path() -> None:
    first_prices, _ = await _session(seed=11)
    other_prices, _ = await _session(seed=12)

    assert first_prices != other_prices


async def test_one_markets_steps_leave_another_markets_path_unchanged() -> None:
    async with running_exchange(seed=3) as sim:
        await sim.step("BTC/USDT", steps=10)
        eth_after_btc = await sim.step("ETH/USDT", steps=5)
    async with running_exchange(seed=3) as sim:
        eth_alone = await sim.step("ETH/USDT", steps=5)

    assert eth_after_btc == eth_alone
