"""Public market data, read through unmodified ccxt."""

from __future__ import annotations

from tests.support.exchange_simulator import Request, RunningExchange


async def test_load_markets_is_one_exchange_info_request(sim: RunningExchange) -> None:
    binance = sim.binance()

    await binance.load_markets()

    assert sim.binance_requests() == [Request("GET", "/api/v3/exchangeInfo")]


async def test_markets_carry_precision_and_limits_from_filters(sim: RunningExchange) -> None:
    markets = await sim.binance().load_markets()

    btc = markets["BTC/USDT"]
    assert (btc["spot"], btc["active"], btc["base"], btc["quote"]) == (True, True, "BTC", "USDT")
    assert btc["precision"]["amount"] == 0.00001
    assert btc["precision"]["price"] == 0.01
    assert btc["limits"]["amount"]["min"] == 0.00001
    assert btc["limits"]["cost"]["min"] == 5
    assert markets["SHARP/USDT"]["precision"] == {
        "amount": 1,
        "price": 0.000001,
        "base": 1e-8,
        "quote": 1e-8,
    }


async def test_ticker_quotes_the_mid_inside_the_spread(sim: RunningExchange) -> None:
    ticker = await sim.binance().fetch_ticker("ETH/USDT")

    assert ticker["last"] == 3000
    assert ticker["bid"] < 3000 < ticker["ask"]
    assert ticker["bidVolume"] > 0 and ticker["askVolume"] > 0


async def test_tickers_cover_every_market_or_the_ones_asked(sim: RunningExchange) -> None:
    binance = sim.binance()

    everything = await binance.fetch_tickers()
    two = await binance.fetch_tickers(["BTC/USDT", "SHARP/USDT"])

    assert set(everything) == {"BTC/USDT", "ETH/USDT", "SHARP/USDT"}
    assert set(two) == {"BTC/USDT", "SHARP/USDT"}


async def test_order_book_is_sorted_and_limited(sim: RunningExchange) -> None:
    book = await sim.binance().fetch_order_book("BTC/USDT", limit=5)

    bids = [price for price, _ in book["bids"]]
    asks = [price for price, _ in book["asks"]]
    assert len(bids) == len(asks) == 5
    assert bids == sorted(bids, reverse=True) and asks == sorted(asks)
    assert bids[0] < 60000 < asks[0]


async def test_price_move_shows_in_ticker_and_day_range(sim: RunningExchange) -> None:
    await sim.set_price("BTC/USDT", "61000")
    await sim.set_price("BTC/USDT", "59500")

    ticker = await sim.binance().fetch_ticker("BTC/USDT")

    assert (ticker["last"], ticker["high"], ticker["low"]) == (59500, 61000, 59500)
    assert ticker["open"] == 60000


async def test_server_time_and_bulk_synthetic_markets(sim: RunningExchange) -> None:
    await sim.post("/sim/markets", {"synthetic": 50})
    binance = sim.binance()

    markets = await binance.load_markets()
    server_time = await binance.fetch_time()

    assert len(markets) == 53
    assert "SYN50/USDT" in markets
    assert server_time > 0


async def test_system_status_is_ok(sim: RunningExchange) -> None:
    status = await sim.binance().fetch_status()

    assert status["status"] == "ok"
