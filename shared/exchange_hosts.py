"""Point ccxt exchanges at other hosts (the exchange simulator) without patching ccxt.

ccxt keeps one base URL per API section in `exchange.urls["api"]` (over twenty for Binance:
public, private, sapi, fapi…), sometimes nested. Overriding only some of them leaves the rest on
the real exchange, so `rewrite_api_hosts` rewrites every one, keeping each path.

`EXCHANGE_URL_OVERRIDES` names the base URL per ccxt exchange id, either as
`binance=http://127.0.0.1:9100,okx=http://127.0.0.1:9101` or as a JSON object.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import ccxt


def spot_only_options() -> dict[str, Any]:
    """ccxt options under which Binance's `load_markets` is one `GET /api/v3/exchangeInfo`.

    Without them it also asks for futures markets, currencies and margin pairs, which a spot
    simulator (and a spot-only key) does not serve. A fresh dict each call: ccxt may mutate it.
    """
    return {
        "fetchMarkets": {"types": ["spot"]},
        "fetchCurrencies": False,
        "fetchMargins": False,
    }


def rewrite_api_hosts(exchange: ccxt.Exchange, base_url: str) -> None:
    """Send every API section of `exchange` to `base_url`, keeping each section's path.

    `https://api.binance.com/sapi/v1` becomes `http://127.0.0.1:9100/sapi/v1`; a path on
    `base_url` (`http://proxy/binance`) is put in front of the section's path.
    """
    base = _checked_base(base_url)
    exchange.urls["api"] = _rewritten(exchange.urls["api"], base)


def apply_overrides(exchange: ccxt.Exchange, overrides: dict[str, str]) -> bool:
    """Rewrite `exchange`'s hosts if `overrides` names its id; say whether it did."""
    base_url = overrides.get(exchange.id)
    if base_url is None:
        return False
    rewrite_api_hosts(exchange, base_url)
    return True


def parse_overrides(text: str) -> dict[str, str]:
    """`binance=http://127.0.0.1:9100,okx=http://…` or `{"binance": "http://…"}` as a dict.

    Raises ValueError naming the entry that is not `exchange_id=http(s)://host[:port][/path]`.
    """
    text = text.strip()
    if not text:
        return {}
    pairs = _json_pairs(text) if text.startswith("{") else _listed_pairs(text)
    overrides: dict[str, str] = {}
    for exchange_id, base_url in pairs:
        if not exchange_id.isidentifier():
            raise ValueError(f"not a ccxt exchange id: {exchange_id!r}")
        _checked_base(base_url)
        overrides[exchange_id.lower()] = base_url.rstrip("/")
    return overrides


def _json_pairs(text: str) -> list[tuple[str, str]]:
    try:
        decoded = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"exchange URL overrides are not valid JSON: {error}") from None
    if not isinstance(decoded, dict) or not all(isinstance(v, str) for v in decoded.values()):
        raise ValueError("exchange URL overrides as JSON must map exchange ids to URLs")
    return [(key.strip(), value.strip()) for key, value in decoded.items()]


def _listed_pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for entry in filter(None, (part.strip() for part in text.split(","))):
        exchange_id, separator, base_url = entry.partition("=")
        if not separator:
            raise ValueError(f"expected exchange_id=URL, got {entry!r}")
        pairs.append((exchange_id.strip(), base_url.strip()))
    return pairs


def _checked_base(base_url: str) -> tuple[str, str, str]:
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) base URL: {base_url!r}")
    return parts.scheme, parts.netloc, parts.path.rstrip("/")


def _rewritten(value: Any, base: tuple[str, str, str]) -> Any:
    if isinstance(value, str):
        scheme, netloc, prefix = base
        parts = urlsplit(value)
        return urlunsplit((scheme, netloc, prefix + parts.path, parts.query, parts.fragment))
    if isinstance(value, dict):
        return {key: _rewritten(item, base) for key, item in value.items()}
    if isinstance(value, list):
        return [_rewritten(item, base) for item in value]
    return value
