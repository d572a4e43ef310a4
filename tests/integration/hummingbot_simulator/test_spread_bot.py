"""A pmm_simple bot quotes on the exchange simulator, trades, reports and stops cleanly."""

from typing import Any

import pytest

from tests.integration.hummingbot_simulator.conftest import ACCOUNT
from tests.support.exchange_simulator import ApiKey, RunningExchange
from tests.support.hummingbot_simulator import HummingbotClient, eventually, spread_config

SYMBOL = "BTC/USDT"
Orders = list[dict[str, Any]]


async def open_orders_when(
    exchange: RunningExchange, key: ApiKey, condition: Any, within: float = 10
) -> Orders:
    """The key's open orders, as ccxt sees them, once `condition(orders)` holds."""
    client = exchange.binance(key)
    orders: Orders = await eventually(lambda: client.fetch_open_orders(SYMBOL), condition, within)
    return orders


def quoting(orders: Orders) -> bool:
    return sorted(order["side"] for order in orders) == ["buy", "sell"]


def wound_down(data: dict[str, Any]) -> bool:
    return any(line["msg"].startswith("Stopped") for line in data["general_logs"])


def traded(data: dict[str, Any]) -> bool:
    controller = data["performance"].get("btc-pmm")
    return bool(controller and controller["performance"]["volume_traded"] > 0)


async def test_deployed_spread_bot_runs_and_quotes_both_sides(
    exchange: RunningExchange, hummingbot: HummingbotClient, key: ApiKey
) -> None:
    bot = await hummingbot.deploy("spread", ACCOUNT, {"btc-pmm": spread_config(spread=0.01)})

    status = await hummingbot.wait_for_status(bot, "running")
    orders = await open_orders_when(exchange, key, quoting)

    prices = {order["side"]: order["price"] for order in orders}
    assert prices["buy"] == pytest.approx(59_400, abs=0.01)
    assert prices["sell"] == pytest.approx(60_600, abs=0.01)
    amounts = {order["side"]: order["amount"] for order in orders}
    assert amounts == {"buy": 0.00168, "sell": 0.00165}  # 100 USDT a side, floored to the step
    assert status["recently_active"] is True
    assert status["error_logs"] == []
    assert status["performance"]["btc-pmm"]["status"] == "running"


async def test_price_crossing_the_bid_shows_volume_and_pnl(
    exchange: RunningExchange, hummingbot: HummingbotClient, key: ApiKey
) -> None:
    bot = await hummingbot.deploy("spread", ACCOUNT, {"btc-pmm": spread_config(spread=0.01)})
    await open_orders_when(exchange, key, quoting)

    await exchange.set_price(SYMBOL, "59000")
    data = await hummingbot.wait_until(bot, traded)

    performance = data["performance"]["btc-pmm"]["performance"]
    assert performance["volume_traded"] == pytest.approx(100, rel=0.02)
    assert performance["inventory_imbalance"] > 0
    assert performance["unrealized_pnl_quote"] < 0
    assert performance["global_pnl_quote"] == pytest.approx(
        performance["realized_pnl_quote"] + performance["unrealized_pnl_quote"]
    )
    assert performance["fees_quote"] > 0


async def test_stop_cancels_the_bots_orders_and_reads_stopped(
    exchange: RunningExchange, hummingbot: HummingbotClient, key: ApiKey
) -> None:
    bot = await hummingbot.deploy("spread", ACCOUNT, {"btc-pmm": spread_config()})
    await open_orders_when(exchange, key, quoting)

    response = await hummingbot.http.post("/bot-orchestration/stop-bot", json={"bot_name": bot})

    assert response.json() == {"status": "success", "response": {"success": True}}
    status = await hummingbot.status(bot)
    assert status["status"] == "stopped"
    assert status["performance"] == {}
    await open_orders_when(exchange, key, lambda orders: orders == [])


async def test_stop_skipping_cancellation_leaves_the_orders_resting(
    exchange: RunningExchange, hummingbot: HummingbotClient, key: ApiKey
) -> None:
    bot = await hummingbot.deploy("spread", ACCOUNT, {"btc-pmm": spread_config(refresh=30)})
    await open_orders_when(exchange, key, quoting)

    await hummingbot.http.post(
        "/bot-orchestration/stop-bot", json={"bot_name": bot, "skip_order_cancellation": True}
    )
    await hummingbot.wait_until(bot, wound_down)

    assert quoting(await exchange.binance(key).fetch_open_orders(SYMBOL))


async def test_stopped_bot_starts_again_and_quotes(
    exchange: RunningExchange, hummingbot: HummingbotClient, key: ApiKey
) -> None:
    bot = await hummingbot.deploy("spread", ACCOUNT, {"btc-pmm": spread_config()})
    await hummingbot.wait_for_status(bot, "running")
    await hummingbot.http.post("/bot-orchestration/stop-bot", json={"bot_name": bot})
    await open_orders_when(exchange, key, lambda orders: orders == [])

    response = await hummingbot.http.post("/bot-orchestration/start-bot", json={"bot_name": bot})

    assert response.json() == {"status": "success", "response": {"success": True}}
    await hummingbot.wait_for_status(bot, "running")
    await open_orders_when(exchange, key, quoting)
