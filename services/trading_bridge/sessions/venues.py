"""Venues: one exchange at one base URL, as reached from this process's egress address.

Everything that should exist once per venue, not once per connector, lives here:

- **Markets.** A credential-less reference instance loads them once; every connector's instance
  shares them by reference (`set_markets_from_exchange`: 0.01 ms and about 250 kB per instance,
  against about 22 MB for 2,000 markets loaded per instance). `refresh_markets` reloads them and
  re-shares them with the instances it is given.
- **The rate-limit budget.** Exchanges limit by IP (Binance: weight per minute), while ccxt's
  throttler is per instance, so a thousand instances would each believe they have the whole
  budget. Each venue owns one ccxt `Throttler`, using ccxt's documented `rollingWindow`
  algorithm (Binance: 60,000 ms / rateLimit 50 ms = 1,200 cost units a minute, the published
  limit in ccxt's cost units, bursts allowed inside the window), and every instance of the venue
  is given that same object as its `throttler`. The constructor option is documented; replacing
  the attribute is not, but in ccxt 4.5.90 `throttle()` only awaits `self.throttler(cost)`, and
  `tests/integration/trading_bridge/test_venues.py` pins that two instances draw from one
  window, so an upgrade that breaks it fails a test instead of silently multiplying the budget.
- **The HTTP connection pool.** One aiohttp session (and TLS context) per venue, passed to each
  instance through ccxt's documented `session` option, so an instance costs no sockets of its own
  and `close()` has nothing to wait for (`timeout_on_exit = 0`: REST only, no websockets).
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Iterable
from typing import Any

import aiohttp
import ccxt.async_support as ccxt
import certifi
from ccxt.async_support import Exchange
from ccxt.async_support.base.throttler import Throttler

from services.trading_bridge.monitoring.telemetry import Telemetry
from shared.control_plane_client import Credential
from shared.exchange_hosts import rewrite_api_hosts, spot_only_options


class UnsupportedExchange(Exception):
    """The connector names an exchange this ccxt does not have."""


class Venue:
    def __init__(
        self, exchange_id: str, base_url: str | None, timeout_s: float, telemetry: Telemetry
    ) -> None:
        if exchange_id not in ccxt.exchanges:
            raise UnsupportedExchange(
                f"exchange {exchange_id!r} is not supported by ccxt {ccxt.__version__}"
            )
        self.exchange_id = exchange_id
        self.base_url = base_url
        self.timeout_ms = int(timeout_s * 1000)
        self.telemetry = telemetry
        self.ssl_context = ssl.create_default_context(cafile=certifi.where())
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(ssl=self.ssl_context, limit=0),
            trust_env=False,
        )
        self.reference = self._instance({})
        self.throttler: Throttler = self.reference.throttler
        self.markets_loaded_at: float | None = None
        self._markets_lock = asyncio.Lock()

    def connect(self, credential: Credential) -> Exchange:
        """A new instance for one connector: shared markets, budget and connection pool."""
        instance = self._instance(_ccxt_credentials(credential))
        instance.throttler = self.throttler
        if self.reference.markets:
            instance.set_markets_from_exchange(self.reference)
        return instance

    async def ensure_markets(self) -> None:
        """Load the venue's markets once; concurrent callers wait for the same load."""
        if self.reference.markets:
            return
        async with self._markets_lock:
            if not self.reference.markets:
                await self.reference.load_markets()
                self.markets_loaded_at = time.time()

    async def refresh_markets(self, instances: Iterable[Exchange]) -> None:
        """Reload the markets and hand the new ones to `instances`."""
        async with self._markets_lock:
            await self.reference.load_markets(reload=True)
            self.markets_loaded_at = time.time()
        for instance in instances:
            instance.set_markets_from_exchange(self.reference)

    def share_markets(self, instance: Exchange) -> None:
        instance.set_markets_from_exchange(self.reference)

    async def close(self) -> None:
        await self.reference.close()
        await self.http.close()

    def _instance(self, credentials: dict[str, str]) -> Exchange:
        config: dict[str, Any] = {
            **credentials,
            "enableRateLimit": True,
            "rateLimiterAlgorithm": "rollingWindow",
            "timeout": self.timeout_ms,
            "session": self.http,
            "ssl_context": self.ssl_context,
        }
        if self.exchange_id == "binance":
            # One open-orders call for every symbol is what the bridge wants (weight 40).
            config["options"] = spot_only_options() | {"warnOnFetchOpenOrdersWithoutSymbol": False}
        instance: Exchange = getattr(ccxt, self.exchange_id)(config)
        instance.timeout_on_exit = 0
        if self.base_url:
            rewrite_api_hosts(instance, self.base_url)
        return instance


def _ccxt_credentials(credential: Credential) -> dict[str, str]:
    fields = {"apiKey": credential.api_key, "secret": credential.api_secret}
    if credential.passphrase is not None:
        fields["password"] = credential.passphrase
    if credential.uid is not None:
        fields["uid"] = credential.uid
    return {name: secret.get_secret_value() for name, secret in fields.items()}


class Venues:
    """The venues of this process, created on first use, keyed by exchange id."""

    def __init__(
        self, url_overrides: dict[str, str], timeout_s: float, telemetry: Telemetry
    ) -> None:
        self._url_overrides = url_overrides
        self._timeout_s = timeout_s
        self.telemetry = telemetry
        self._venues: dict[str, Venue] = {}

    def get(self, exchange_id: str) -> Venue:
        venue = self._venues.get(exchange_id)
        if venue is None:
            base_url = self._url_overrides.get(exchange_id)
            venue = Venue(exchange_id, base_url, self._timeout_s, self.telemetry)
            self._venues[exchange_id] = venue
        return venue

    def all(self) -> list[Venue]:
        return list(self._venues.values())

    async def close(self) -> None:
        venues, self._venues = list(self._venues.values()), {}
        for venue in venues:
            await venue.close()
