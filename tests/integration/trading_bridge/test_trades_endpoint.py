"""`/api/trades` over real HTTP: complete after a burst, no duplicates, clear errors."""

from __future__ import annotations

import asyncio

from tests.support.bridge_analytics import analytics_stack

SYMBOL = "SHARP/USDT"
FUNDS = {"USDT": "100000", "SHARP": "1000000"}


async def test_trades_after_a_burst_are_complete_without_duplicates(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with analytics_stack(
        database_url, fresh_streams, schema_suffix, FUNDS, fill_sync_max_age_s=0
    ) as stack:
        trader = stack.exchange.binance(stack.exchange_key)
        for number in range(12):
            await trader.create_order(SYMBOL, "market", "buy" if number % 2 else "sell", 300)
        pages = await asyncio.gather(
            *(stack.get("/api/trades", trading_pair=p) for p in ["SHARP-USDT", "SHARP/USDT"] * 3)
        )
        exchange_trades = await trader.fetch_my_trades(SYMBOL, limit=1000, params={"fromId": 0})

    expected = sorted(str(t["id"]) for t in exchange_trades)
    for page in pages:
        assert page.status_code == 200, page.text
        body = page.json()
        assert sorted(t["trade_id"] for t in body["trades"]) == expected
        assert body["stale"] is False and body["sync"][0]["error"] is None
    first = pages[0].json()["trades"][0]
    assert first["trading_pair"] == "SHARP-USDT" and first["fee"]["currency"] in ("SHARP", "USDT")


async def test_exchange_down_serves_stored_trades_marked_stale(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with analytics_stack(
        database_url, fresh_streams, schema_suffix, FUNDS, fill_sync_max_age_s=0
    ) as stack:
        trader = stack.exchange.binance(stack.exchange_key)
        await trader.create_order(SYMBOL, "market", "buy", 300)
        fresh = (await stack.get("/api/trades")).json()
        await stack.exchange.set_fault(down=True)
        stale = (await stack.get("/api/trades")).json()

    assert stale["trades"] == fresh["trades"] and len(fresh["trades"]) >= 1
    assert stale["stale"] is True
    assert stale["sync"][0]["error"] == "the exchange is unavailable"
    assert stale["synced_at"] == fresh["synced_at"]


async def test_bad_input_answers_a_clear_4xx(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with analytics_stack(database_url, fresh_streams, schema_suffix, FUNDS) as stack:
        unknown_pair = await stack.get("/api/trades", trading_pair="SHARP-XYZ")
        malformed_pair = await stack.get("/api/trades", trading_pair="SHARPUSDT")
        too_many_days = await stack.get("/api/volume", days=366)
        no_days = await stack.get("/api/pnl", days=0)
        too_big_limit = await stack.get("/api/trades", limit=1001)
        admin = stack.admin_headers()
        unknown_account = await stack.bridge.get("/api/pnl", admin, account="nobody-here")
        admin_without_account = await stack.bridge.get("/api/trades", admin)
        other_account = await stack.get("/api/trades", account="someone-else")
        admin_named = await stack.bridge.get("/api/trades", admin, account=stack.account)

    assert unknown_pair.status_code == 404
    assert unknown_pair.json() == {
        "error": "NotFound",
        "detail": f"SHARP-XYZ is not traded on any connector of account {stack.account!r}",
    }
    for response, field in [
        (malformed_pair, "trading_pair"),
        (too_many_days, "days"),
        (no_days, "days"),
        (too_big_limit, "limit"),
    ]:
        assert response.status_code == 422, response.text
        assert response.json()["fields"][0]["field"] == f"query.{field}"
    assert unknown_account.status_code == 404
    assert admin_without_account.status_code == 422
    assert other_account.status_code == 404
    assert admin_named.status_code == 200


OWN_WALLET = "0x52908400098527886E0F7030069857D2E4169EE7"
OTHER_WALLET = "0x8617E340B3D01FA5F11F306F4090FD50E238070D"


async def test_seed_aliases_answer_for_the_callers_wallet_only(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> None:
    async with analytics_stack(
        database_url, fresh_streams, schema_suffix, FUNDS, wallets=[OWN_WALLET]
    ) as stack:
        trader = stack.exchange.binance(stack.exchange_key)
        await trader.create_order(SYMBOL, "market", "buy", 300)
        own = {
            path: await stack.get(f"/api/clients/{path}", wallet_address=OWN_WALLET.lower())
            for path in ("trades", "volume", "pnl")
        }
        direct = (await stack.get("/api/trades")).json()
        other = await stack.get("/api/clients/pnl", wallet_address=OTHER_WALLET)

    assert {path: r.status_code for path, r in own.items()} == dict.fromkeys(own, 200)
    assert own["trades"].json()["trades"] == direct["trades"]
    assert own["volume"].json()["account"] == stack.account
    assert other.status_code == 404
