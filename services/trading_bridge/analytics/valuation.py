"""USD prices per connector, from one ticker snapshot of each connector's exchange."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from services.trading_bridge.pricing import PriceBook, Quotes
from services.trading_bridge.pricing.prices import ONE, STABLECOINS
from services.trading_bridge.sessions import ConnectorSession


@dataclass(frozen=True)
class UsdRates:
    quotes: dict[uuid.UUID, Quotes]

    def usd(self, connector_id: uuid.UUID, asset: str) -> Decimal | None:
        """`asset`'s USD price on the connector's exchange now; None when unpriced."""
        if asset.upper() in STABLECOINS:
            return ONE
        quotes = self.quotes.get(connector_id)
        return quotes.usd_price(asset) if quotes else None


async def usd_rates(prices: PriceBook, sessions: list[ConnectorSession]) -> UsdRates:
    return UsdRates({s.connector_id: await prices.quotes(s.venue) for s in sessions})
