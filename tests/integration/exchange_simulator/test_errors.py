"""Binance's rejections, as unmodified ccxt raises them."""

from __future__ import annotations

import ccxt.async_support as ccxt
import httpx
import pytest

from simulators.exchange.clock import now_ms
from simulators.exchange.signing import signature_of
from tests.support.exchange_simulator import ApiKey, RunningExchange


async def test_wrong_secret_raises_authentication_error(sim: RunningExchange) -> None:
    key = await sim.add_account({"USDT": "1"})

    with pytest.raises(ccxt.AuthenticationError, match="-1022"):
        await sim.binance(ApiKey(key.api_key, "not-the-secret")).fetch_balance()


async def test_unknown_api_key_raises_authentication_error(sim: RunningExchange) -> None:
    with pytest.raises(ccxt.AuthenticationError, match="-2015"):
        await sim.binance(ApiKey("nobody", "nothing")).fetch_balance()


async def test_stale_timestamp_raises_invalid_nonce(sim: RunningExchange) -> None:
    key = await sim.add_account({"USDT": "1"})
    binance = sim.binance(key, options={"timeDifference": 30_000})

    with pytest.raises(ccxt.InvalidNonce, match="recvWindow"):
        await binance.fetch_balance()


async def test_unknown_symbol_raises_bad_symbol(sim: RunningExchange) -> None:
    with pytest.raises(ccxt.BadSymbol):
        await sim.binance().public_get_ticker_price({"symbol": "NOPEUSDT"})


async def test_unknown_order_raises_order_not_found(sim: RunningExchange) -> None:
    binance = sim.binance(await sim.add_account({"USDT": "1"}))

    with pytest.raises(ccxt.OrderNotFound):
        await binance.fetch_order("424242", "BTC/USDT")
    with pytest.raises(ccxt.OrderNotFound):
        await binance.cancel_order("424242", "BTC/USDT")


async def test_signature_covers_the_raw_query_and_body(sim: RunningExchange) -> None:
    key = await sim.add_account({"USDT": "100"})
    query = f"symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&timestamp={now_ms()}"
    body = "quantity=0.01&price=2000"
    signature = signature_of(key.api_secret, (query + body).encode())
    headers = {"X-MBX-APIKEY": key.api_key, "Content-Type": "application/x-www-form-urlencoded"}

    signed = await sim.control.post(
        f"/api/v3/order?{query}", content=f"{body}&signature={signature}", headers=headers
    )
    tampered = await sim.control.post(
        f"/api/v3/order?{query}",
        content=f"quantity=0.02&price=2000&signature={signature}",
        headers=headers,
    )

    assert signed.status_code == 200, signed.text
    assert tampered.json() == {"code": -1022, "msg": "Signature for this request is not valid."}


async def test_api_restrictions_report_the_withdraw_permission(sim: RunningExchange) -> None:
    safe = await sim.add_account({"USDT": "1"}, can_withdraw=False)
    risky = await sim.add_account({"USDT": "1"}, can_withdraw=True)

    safe_restrictions = await sim.binance(safe).sapi_get_account_apirestrictions()
    risky_restrictions = await sim.binance(risky).sapi_get_account_apirestrictions()

    assert safe_restrictions["enableWithdrawals"] is False
    assert risky_restrictions["enableWithdrawals"] is True
    assert safe_restrictions["enableSpotAndMarginTrading"] is True
    assert safe_restrictions["ipRestrict"] is False


async def test_responses_report_used_weight(sim: RunningExchange) -> None:
    async with httpx.AsyncClient(base_url=sim.url) as client:
        first = await client.get("/api/v3/exchangeInfo")
        second = await client.get("/api/v3/depth", params={"symbol": "BTCUSDT", "limit": 500})

    assert first.headers["X-MBX-USED-WEIGHT-1M"] == "20"
    assert second.headers["X-MBX-USED-WEIGHT-1M"] == "45"


@pytest.mark.parametrize("limit", ["--5", "²", "9" * 5000])
async def test_malformed_integer_parameter_is_binances_illegal_characters(
    sim: RunningExchange, limit: str
) -> None:
    response = await sim.control.get("/api/v3/depth", params={"symbol": "BTCUSDT", "limit": limit})

    assert response.json() == {
        "code": -1100,
        "msg": "Illegal characters found in parameter 'limit'.",
    }


async def test_quote_amount_over_the_max_notional_fails_the_notional_filter(
    sim: RunningExchange,
) -> None:
    key = await sim.add_account({"USDT": "100"})
    query = f"symbol=BTCUSDT&side=BUY&type=MARKET&quoteOrderQty=1e40&timestamp={now_ms()}"
    signature = signature_of(key.api_secret, query.encode())

    response = await sim.control.post(
        f"/api/v3/order?{query}&signature={signature}", headers={"X-MBX-APIKEY": key.api_key}
    )

    assert response.json() == {"code": -1013, "msg": "Filter failure: NOTIONAL"}
    assert (await sim.account(key.api_key))["balances"]["USDT"]["free"] == "100.00000000"
