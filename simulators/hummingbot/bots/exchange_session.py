"""ccxt sessions on the exchange simulator: unmodified ccxt, every API host rewritten to
the simulator's URL by `shared.exchange_hosts`."""

from __future__ import annotations

import ccxt.async_support as ccxt
from ccxt.async_support import Exchange

from shared.exchange_hosts import rewrite_api_hosts, spot_only_options
from simulators.hummingbot.accounts import (
    AccountError,
    ConnectorSpec,
    ExchangeCredentials,
    connector_spec,
)

REQUEST_TIMEOUT_MS = 10_000


def open_exchange(
    exchange_url: str, spec: ConnectorSpec, credentials: ExchangeCredentials
) -> Exchange:
    exchange_class = getattr(ccxt, spec.ccxt_id)
    exchange = exchange_class(
        {
            "apiKey": credentials.api_key,
            "secret": credentials.secret,
            "timeout": REQUEST_TIMEOUT_MS,
            # The exchange simulator enforces Binance's weight limit; ccxt's own throttle
            # (up to a second per myTrades call) would only slow every bot down.
            "enableRateLimit": False,
            "options": spot_only_options(),
        }
    )
    exchange.timeout_on_exit = 0
    rewrite_api_hosts(exchange, exchange_url)
    return exchange


async def verify_credentials(
    exchange_url: str, spec: ConnectorSpec, credentials: ExchangeCredentials
) -> None:
    """Fetch the balance with these credentials, as hummingbot-api does before saving them."""
    exchange = open_exchange(exchange_url, spec, credentials)
    try:
        await exchange.fetch_balance()
    except ccxt.AuthenticationError:
        raise AccountError(f"Invalid credentials for {spec.ccxt_id}.") from None
    except (ccxt.NetworkError, ccxt.ExchangeError) as error:
        raise AccountError(f"Could not check credentials on {spec.ccxt_id}: {error}") from None
    finally:
        await exchange.close()


class ExchangeSessions:
    """One ccxt instance per connector for one run of a bot, all closed together."""

    def __init__(self, exchange_url: str, credentials: dict[str, ExchangeCredentials]) -> None:
        self._exchange_url = exchange_url
        self._credentials = credentials
        self._open: dict[str, Exchange] = {}

    def open(self, connector: str) -> Exchange:
        if connector not in self._open:
            spec = connector_spec(connector)
            credentials = self._credentials[connector]
            self._open[connector] = open_exchange(self._exchange_url, spec, credentials)
        return self._open[connector]

    async def close(self) -> None:
        sessions = list(self._open.values())
        self._open.clear()
        for exchange in sessions:
            await exchange.close()
