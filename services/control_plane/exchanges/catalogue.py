"""The exchanges this installation supports, from the installed ccxt, computed once at import.

An exchange is supported when every credential ccxt's `requiredCredentials` demands is one this
control plane stores (API key, secret, passphrase, uid). Exchanges that sign with a wallet's
private key, or need a login or account id, are listed as unsupported with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import ccxt

from shared.errors import Unprocessable

CCXT_VERSION: str = ccxt.__version__
# ccxt credential name → the field of POST /api-keys that carries it.
CREDENTIAL_FIELDS = {
    "apiKey": "api_key",
    "secret": "api_secret",
    "password": "passphrase",
    "uid": "uid",
}


@dataclass(frozen=True)
class ExchangeInfo:
    id: str
    name: str
    required_credentials: tuple[str, ...]


def _describe(exchange_id: str) -> tuple[str, list[str]]:
    """The exchange's display name and the ccxt credentials it requires."""
    exchange = getattr(ccxt, exchange_id)()
    required = [name for name, needed in exchange.requiredCredentials.items() if needed]
    return str(exchange.name), required


def _build() -> tuple[dict[str, ExchangeInfo], dict[str, list[str]]]:
    supported: dict[str, ExchangeInfo] = {}
    unstorable: dict[str, list[str]] = {}
    for exchange_id in ccxt.exchanges:
        name, required = _describe(exchange_id)
        if other := [name for name in required if name not in CREDENTIAL_FIELDS]:
            unstorable[exchange_id] = other
            continue
        fields = tuple(CREDENTIAL_FIELDS[n] for n in CREDENTIAL_FIELDS if n in required)
        supported[exchange_id] = ExchangeInfo(exchange_id, name, fields)
    return supported, unstorable


SUPPORTED, UNSTORABLE = _build()


def require_supported(exchange: str, given: set[str]) -> ExchangeInfo:
    """The exchange's entry; 422 when ccxt lacks it or a credential it needs is missing."""
    info = SUPPORTED.get(exchange)
    if info is None:
        if exchange in UNSTORABLE:
            raise Unprocessable(
                f"exchange {exchange!r} needs credentials this control plane does not store "
                f"({', '.join(UNSTORABLE[exchange])})"
            )
        raise Unprocessable(
            f"exchange {exchange[:64]!r} is not supported by the installed ccxt {CCXT_VERSION} "
            "(GET /api/exchanges lists the supported ones)"
        )
    if missing := [f for f in info.required_credentials if f not in given]:
        raise Unprocessable(f"exchange {exchange!r} requires {', '.join(missing)}")
    return info
