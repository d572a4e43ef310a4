"""PnL per connector and pair: the average-cost figures, the mid price now, and USD values."""

from __future__ import annotations

from decimal import Decimal

from services.trading_bridge.amounts import to_decimal
from services.trading_bridge.analytics.sums import sum_figures
from services.trading_bridge.analytics.valuation import UsdRates
from services.trading_bridge.fills.schemas import Fill
from services.trading_bridge.pnl import average_cost
from services.trading_bridge.pnl.schemas import PairPnl, PnlTotals
from services.trading_bridge.sessions import ConnectorSession
from services.trading_bridge.sessions.calls import ExchangeCallFailed, exchange_call

USD_FIGURES = ("volume", "realised", "unrealised", "fees", "net")


async def mid_price(
    session: ConnectorSession | None, symbol: str, timeout_s: float
) -> tuple[Decimal | None, str | None]:
    """The pair's bid/ask midpoint now, or None and why."""
    if session is None or not session.is_ready:
        return None, "the connector is not connected"
    try:
        ticker = await exchange_call(
            session, "fetch_ticker", lambda: session.exchange.fetch_ticker(symbol), timeout_s
        )
    except ExchangeCallFailed as failed:
        return None, failed.failure.detail
    bid, ask = ticker.get("bid"), ticker.get("ask")
    if not bid or not ask:
        return None, f"no bid and ask for {symbol}"
    return (to_decimal(bid) + to_decimal(ask)) / 2, None


def fee_rates(fills: list[Fill], rates: UsdRates) -> dict[str, Decimal]:
    """Price, in the pair's quote, of each third currency its fees were paid in."""
    first = fills[0]
    quote_usd = rates.usd(first.connector_id, first.quote)
    found = {}
    for currency in {f.fee.currency for f in fills if f.fee} - {first.base, first.quote}:
        currency_usd = rates.usd(first.connector_id, currency)
        if currency_usd is not None and quote_usd:
            found[currency] = currency_usd / quote_usd
    return found


def pair_pnl(fills: list[Fill], mid: tuple[Decimal | None, str | None], rates: UsdRates) -> PairPnl:
    """One connector's pair (`fills` oldest first, all of one connector and symbol)."""
    first = fills[0]
    market = average_cost.Market(first.base, first.quote, mid[0], fee_rates(fills, rates))
    result = average_cost.average_cost_pnl([f.for_pnl() for f in fills], market)
    unavailable = dict(result.unavailable)
    if mid[1] is not None and "unrealised_quote" in unavailable:
        unavailable["unrealised_quote"] = mid[1]
    quote_usd = rates.usd(first.connector_id, first.quote)
    quote_figures = {
        "volume": result.volume_quote,
        "realised": result.realised_quote,
        "unrealised": result.unrealised_quote,
        "fees": result.fees_quote,
        "net": result.net_quote,
    }
    usd = {f"{k}_usd": _in_usd(v, quote_usd) for k, v in quote_figures.items()}
    for name, value in usd.items():
        if value is None:
            unavailable[name] = _why(name, quote_usd, first.quote)
    return PairPnl(
        connector_id=first.connector_id,
        exchange=first.exchange,
        trading_pair=first.trading_pair,
        base=first.base,
        quote=first.quote,
        fills=result.fills,
        position=result.position,
        average_cost=result.average_cost,
        mid_price=result.mid_price,
        volume_quote=result.volume_quote,
        realised_quote=result.realised_quote,
        unrealised_quote=result.unrealised_quote,
        fees_quote=result.fees_quote,
        net_quote=result.net_quote,
        fees_by_currency=result.fees_by_currency,
        quote_usd=quote_usd,
        unavailable=unavailable,
        **usd,
    )


def _in_usd(value: Decimal | None, quote_usd: Decimal | None) -> Decimal | None:
    return None if value is None or quote_usd is None else value * quote_usd


def _why(name: str, quote_usd: Decimal | None, quote: str) -> str:
    if quote_usd is None:
        return f"no USD price for {quote}"
    return f"{name.removesuffix('_usd')}_quote is unavailable"


def totals(pairs: list[PairPnl]) -> PnlTotals:
    """USD totals over pairs; a total is None when any pair's figure is."""
    figures = [f"{name}_usd" for name in USD_FIGURES]
    sums, unavailable = sum_figures(pairs, figures, lambda pair: pair.trading_pair)
    return PnlTotals(**sums, unavailable=unavailable)
