"""USD valuation from the exchanges' own tickers: see `prices.py`."""

from services.trading_bridge.pricing.prices import PriceBook, Quotes

__all__ = ["PriceBook", "Quotes"]
