"""A DCA bot buys its quote amount on its interval, and with a price step only on dips."""

from typing import Any

import pytest

from tests.integration.hummingbot_simulator.conftest import ACCOUNT
from tests.support.exchange_simulator import ApiKey, RunningExchange
from tests.support.hummingbot_simulator import HummingbotClient, dca_config, eventually

SYMBOL = "BTC/USDT"
Trades = list[dict[str, Any]]


async def trades_when(
    exchange: RunningExchange, key: ApiKey, condition: Any, within: float = 10
) -> Trades:
    client = exchange.binance(key)
    trades: Trades = await eventually(lambda: client.fetch_my_trades(SYMBOL), condition, within)
    return trades


def waited_for_a_dip(data: dict[str, Any]) -> bool:
    return any("no buy" in line["msg"] for line in data["general_logs"])


async def test_dca_bot_buys_its_amount_every_interval(
    exchange: RunningExchange, hummingbot: HummingbotClient, key: ApiKey
) -> None:
    config = dca_config(amount_quote=20, interval=0.2)
    bot = await hummingbot.deploy("dca", ACCOUNT, {"btc-dca": config})

    trades = await trades_when(exchange, key, lambda trades: len(trades) >= 3)

    assert {trade["side"] for trade in trades} == {"buy"}
    assert all(trade["cost"] == pytest.approx(20, rel=0.01) for trade in trades)
    data = await hummingbot.wait_until(
        bot, lambda data: data["performance"]["btc-dca"]["performance"]["volume_traded"] >= 60
    )
    assert data["status"] == "running"


async def test_dca_bot_with_a_price_step_buys_again_only_below_it(
    exchange: RunningExchange, hummingbot: HummingbotClient, key: ApiKey
) -> None:
    config = dca_config(amount_quote=20, interval=0.1) | {"price_step": 0.05}
    bot = await hummingbot.deploy("dca", ACCOUNT, {"btc-dca": config})
    await hummingbot.wait_until(bot, waited_for_a_dip)

    assert len(await exchange.binance(key).fetch_my_trades(SYMBOL)) == 1

    await exchange.set_price(SYMBOL, "56000")
    trades = await trades_when(exchange, key, lambda trades: len(trades) == 2)
    assert trades[1]["price"] < 57_000
