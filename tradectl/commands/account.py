"""`portfolio`, `pnl`, `volume` and `trades` of an account, from the trading bridge.

A client token reads its own account; an admin names one with `--account`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import typer
from rich.console import RenderableType

from tradectl.context import connect
from tradectl.render import Column, JsonOutput, cell, heading, note, record, show, table

Account = Annotated[
    str | None, typer.Option(help="The account (an admin must name one; a client reads its own).")
]
Days = Annotated[int, typer.Option(min=1, max=365, help="How many days back.")]

BALANCE_COLUMNS = [
    Column("asset"),
    Column("free", numeric=True),
    Column("used", numeric=True),
    Column("total", numeric=True),
    Column("price_usd", "price USD", numeric=True),
    Column("value_usd", "value USD", numeric=True),
]
PAIR_PNL_COLUMNS = [
    Column("exchange"),
    Column("trading_pair", "pair"),
    Column("fills", numeric=True),
    Column("position", numeric=True),
    Column("average_cost", "avg cost", numeric=True),
    Column("volume_usd", "volume USD", numeric=True),
    Column("realised_usd", "realised USD", numeric=True),
    Column("unrealised_usd", "unrealised USD", numeric=True),
    Column("fees_usd", "fees USD", numeric=True),
    Column("net_usd", "net USD", numeric=True),
]
PAIR_VOLUME_COLUMNS = [
    Column("trading_pair", "pair"),
    Column("fills", numeric=True),
    Column("volume_quote", "volume (quote)", numeric=True),
    Column("quote"),
    Column("volume_usd", "volume USD", numeric=True),
]
DAY_VOLUME_COLUMNS = [
    Column("day"),
    Column("fills", numeric=True),
    Column("volume_usd", "volume USD", numeric=True),
]
TRADE_COLUMNS = [
    Column("timestamp", "time"),
    Column("exchange"),
    Column("trading_pair", "pair"),
    Column("side"),
    Column("price", numeric=True),
    Column("amount", numeric=True),
    Column("cost", numeric=True),
    Column("fee.cost", "fee", numeric=True),
    Column("fee.currency", "fee asset"),
]


def portfolio(ctx: typer.Context, account: Account = None, as_json: JsonOutput = False) -> None:
    """Balances on every exchange, valued in USD; a failing exchange says so, never $0."""
    with connect(ctx) as gateway:
        answer = gateway.get("/api/portfolio", {"account": account})
    show(answer, as_json, _portfolio_view)


def pnl(
    ctx: typer.Context, account: Account = None, days: Days = 7, as_json: JsonOutput = False
) -> None:
    """Profit and loss by the average-cost method, per pair, and against holding."""
    with connect(ctx) as gateway:
        answer = gateway.get("/api/pnl", {"account": account, "days": days})
    show(answer, as_json, _pnl_view)


def volume(
    ctx: typer.Context, account: Account = None, days: Days = 7, as_json: JsonOutput = False
) -> None:
    """Traded volume in USD, by pair and by day."""
    with connect(ctx) as gateway:
        answer = gateway.get("/api/volume", {"account": account, "days": days})
    show(answer, as_json, _volume_view)


def trades(
    ctx: typer.Context,
    account: Account = None,
    pair: Annotated[
        str | None, typer.Option(help="SHARP-USDT or SHARP/USDT; all if absent.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many.")] = 100,
    days: Days = 7,
    as_json: JsonOutput = False,
) -> None:
    """The account's own trades, newest first."""
    query = {"account": account, "trading_pair": pair, "limit": limit, "days": days}
    with connect(ctx) as gateway:
        answer = gateway.get("/api/trades", query)
    show(answer, as_json, _trades_view)


def _portfolio_view(answer: dict[str, Any]) -> Iterable[RenderableType]:
    yield record(answer, ["account", "total_usd", "as_of", "partial"], title="Portfolio")
    if answer.get("partial"):
        yield note("partial: some exchange is not ok or some asset is unpriced")
    for connector in answer.get("connectors", []):
        yield heading(_connector_title(connector))
        yield table(connector.get("balances", []), BALANCE_COLUMNS)
        if error := connector.get("error"):
            yield note(f"{connector.get('exchange')}: {error}", style="red")


def _connector_title(connector: dict[str, Any]) -> str:
    parts = [
        str(connector.get("exchange", "?")),
        str(connector.get("status", "?")),
        f"{cell(connector.get('total_usd'))} USD",
        f"as of {cell(connector.get('as_of'))}",
    ]
    return " · ".join(parts)


def _pnl_view(answer: dict[str, Any]) -> Iterable[RenderableType]:
    yield record(
        answer.get("total", {}),
        ["net_usd", "realised_usd", "unrealised_usd"],
        title=f"PnL, {answer.get('days')} days",
    )
    yield table(answer.get("pairs", []), PAIR_PNL_COLUMNS, title="By pair")
    yield record(answer.get("vs_hold_total", {}), ["pnl_vs_hold_usd"], title="Against holding")
    yield from _unavailable(answer.get("total", {}))
    if answer.get("sync_stale"):
        yield note("some fills could not be synced just now; figures may lag")


def _volume_view(answer: dict[str, Any]) -> Iterable[RenderableType]:
    yield record(answer, ["account", "days", "since", "fills", "total_usd"], title="Volume")
    yield table(answer.get("by_pair", []), PAIR_VOLUME_COLUMNS, title="By pair")
    yield table(answer.get("by_day", []), DAY_VOLUME_COLUMNS, title="By day")
    yield from _unavailable(answer)
    if answer.get("sync_stale"):
        yield note("some fills could not be synced just now; figures may lag")


def _trades_view(answer: dict[str, Any]) -> Iterable[RenderableType]:
    yield table(answer.get("trades", []), TRADE_COLUMNS, title="Trades")
    if answer.get("stale"):
        yield note(
            f"some exchange could not be read; fills synced as of {cell(answer.get('synced_at'))}"
        )
    if text := answer.get("note"):
        yield note(text, style="dim")


def _unavailable(section: dict[str, Any]) -> Iterable[RenderableType]:
    for figure, reason in (section.get("unavailable") or {}).items():
        yield note(f"{figure} unavailable: {reason}")
