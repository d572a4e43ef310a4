"""The `/sim` control API over plain HTTP."""

from __future__ import annotations

from tests.support.exchange_simulator import RunningExchange, running_exchange


async def test_account_view_shows_balances_and_never_the_secret(sim: RunningExchange) -> None:
    key = await sim.add_account({"usdt": "12.5"})

    response = await sim.control.get(f"/sim/accounts/{key.api_key}")

    assert response.json()["balances"] == {"USDT": {"free": "12.50000000", "locked": "0.00000000"}}
    assert key.api_secret not in response.text


async def test_reposting_an_account_updates_it(sim: RunningExchange) -> None:
    key = await sim.add_account({"USDT": "10"})
    await sim.add_account({"USDT": "99", "BTC": "1"}, api_key=key.api_key, can_withdraw=True)

    account = await sim.account(key.api_key)

    assert account["can_withdraw"] is True
    assert account["balances"]["USDT"]["free"] == "99.00000000"
    assert account["balances"]["BTC"]["free"] == "1.00000000"


async def test_unknown_account_is_not_found(sim: RunningExchange) -> None:
    response = await sim.control.get("/sim/accounts/nobody")

    assert response.status_code == 404
    assert response.json()["error"] == "AccountNotFound"


async def test_invalid_payload_is_422_with_the_field(sim: RunningExchange) -> None:
    response = await sim.control.post("/sim/accounts", json={"api_key": "k"})

    assert response.status_code == 422
    assert response.json()["error"] == "ValidationError"
    assert "api_secret" in response.text


async def test_new_market_trades_through_ccxt(sim: RunningExchange) -> None:
    created = await sim.post(
        "/sim/markets", {"symbol": "DOGE/USDT", "price": "0.1234", "step_size": "1"}
    )
    key = await sim.add_account({"USDT": "100"})

    order = await sim.binance(key).create_order("DOGE/USDT", "market", "buy", 100)

    assert created["id"] == "DOGEUSDT"
    assert order["status"] == "closed"


async def test_price_of_unknown_market_is_not_found(sim: RunningExchange) -> None:
    response = await sim.control.post("/sim/prices", json={"symbol": "NOPE/USDT", "price": "1"})

    assert response.status_code == 404


async def test_reset_forgets_orders_and_unconfigured_accounts(sim: RunningExchange) -> None:
    key = await sim.add_account({"USDT": "100"})
    await sim.set_price("BTC/USDT", "70000")

    await sim.post("/sim/reset", {})

    assert (await sim.control.get(f"/sim/accounts/{key.api_key}")).status_code == 404
    markets = (await sim.control.get("/sim/markets")).json()["markets"]
    assert {m["symbol"]: m["price"] for m in markets}["BTC/USDT"] == "60000.00000000"


async def test_config_accounts_exist_from_the_start() -> None:
    config = {
        "markets": [{"symbol": "SHARP/USDT", "price": "0.05"}],
        "accounts": [{"api_key": "demo", "api_secret": "s3cret", "balances": {"USDT": "5"}}],
    }
    async with running_exchange(config) as sim:
        account = await sim.account("demo")

    assert account["balances"]["USDT"]["free"] == "5.00000000"
