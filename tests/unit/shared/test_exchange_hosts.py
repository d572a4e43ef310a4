"""Pointing ccxt at a simulator by rewriting every API host."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import ccxt.async_support as ccxt
import pytest

from shared.exchange_hosts import (
    apply_overrides,
    parse_overrides,
    rewrite_api_hosts,
    spot_only_options,
)


@pytest.fixture
async def binance() -> AsyncIterator[ccxt.binance]:
    exchange = ccxt.binance()
    exchange.timeout_on_exit = 0
    yield exchange
    await exchange.close()


def _leaves(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    return []


async def test_every_binance_api_host_is_rewritten_and_paths_kept(binance: ccxt.binance) -> None:
    original = dict(binance.urls["api"])

    rewrite_api_hosts(binance, "http://127.0.0.1:9100")

    urls = binance.urls["api"]
    assert len(urls) > 20
    assert {urlsplit(url).netloc for url in _leaves(urls)} == {"127.0.0.1:9100"}
    assert urls["sapi"] == "http://127.0.0.1:9100/sapi/v1"
    assert {k: urlsplit(v).path for k, v in urls.items()} == {
        k: urlsplit(v).path for k, v in original.items()
    }


async def test_nested_sections_and_base_path_prefix(binance: ccxt.binance) -> None:
    binance.urls["api"] = {
        "ws": {"spot": "wss://stream.binance.com/ws"},
        "public": "https://api.binance.com/api/v3",
    }

    rewrite_api_hosts(binance, "https://proxy.local/binance/")

    assert binance.urls["api"] == {
        "ws": {"spot": "https://proxy.local/binance/ws"},
        "public": "https://proxy.local/binance/api/v3",
    }


async def test_apply_overrides_touches_only_the_named_exchange(binance: ccxt.binance) -> None:
    assert apply_overrides(binance, {"okx": "http://127.0.0.1:1"}) is False
    assert binance.urls["api"]["public"] == "https://api.binance.com/api/v3"
    assert apply_overrides(binance, {"binance": "http://127.0.0.1:2"}) is True
    assert binance.urls["api"]["public"] == "http://127.0.0.1:2/api/v3"


def test_overrides_parse_from_pairs_and_from_json() -> None:
    expected = {"binance": "http://127.0.0.1:9100", "okx": "http://127.0.0.1:9101"}

    assert parse_overrides("binance=http://127.0.0.1:9100/, okx=http://127.0.0.1:9101") == expected
    assert (
        parse_overrides('{"binance": "http://127.0.0.1:9100", "okx": "http://127.0.0.1:9101"}')
        == expected
    )
    assert parse_overrides("  ") == {}


@pytest.mark.parametrize(
    "text",
    [
        "binance",
        "binance=ftp://host",
        "binance=127.0.0.1:9100",
        '{"binance": 1}',
        "{nope",
        "bin ance=http://h",
    ],
)
def test_malformed_overrides_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_overrides(text)


def test_spot_only_options_are_fresh_each_time() -> None:
    first = spot_only_options()
    first["fetchMarkets"]["types"].append("linear")

    assert spot_only_options()["fetchMarkets"] == {"types": ["spot"]}
