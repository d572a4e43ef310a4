"""`bots list|show|create|start|stop|runs`: bot definitions merged with their runtime status."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Annotated, Any

import typer
from rich.console import RenderableType

from tradectl.context import EXIT_USAGE, connect, fail
from tradectl.render import Column, JsonOutput, note, record, show, table

app = typer.Typer(help="Trading bots on Hummingbot.", no_args_is_help=True)

BOT_COLUMNS = [
    Column("id"),
    Column("name"),
    Column("account"),
    Column("exchange"),
    Column("trading_pair", "pair"),
    Column("strategy"),
    Column("desired_state", "wanted"),
    Column("status"),
    Column("last_seen", "last seen"),
    Column("performance.global_pnl_quote", "PnL (quote)", numeric=True),
]
BOT_FIELDS = [
    "id",
    "name",
    "account",
    "exchange",
    "connector",
    "trading_pair",
    "strategy",
    "desired_state",
    "status",
    "status_detail",
    "last_seen",
    "last_seen_status",
]
PERFORMANCE_FIELDS = [
    "volume_traded",
    "realized_pnl_quote",
    "unrealized_pnl_quote",
    "global_pnl_quote",
]
RUN_COLUMNS = [
    Column("started_at", "started"),
    Column("ended_at", "ended"),
    Column("final_status", "final status"),
    Column("stop_reason", "why"),
    Column("trades_count", "trades", numeric=True),
    Column("volume_quote", "volume (quote)", numeric=True),
    Column("pnl_quote", "PnL (quote)", numeric=True),
]
ERROR_COLUMNS = [Column("at"), Column("source"), Column("message")]

BotId = Annotated[str, typer.Argument(help="The bot's id.")]


@app.command("list")
def list_bots(
    ctx: typer.Context,
    account: Annotated[str | None, typer.Option(help="Only this account's bots.")] = None,
    as_json: JsonOutput = False,
) -> None:
    """Bots with their last seen status."""
    with connect(ctx) as gateway:
        bots = gateway.get("/api/bots", {"account": account})
    show(bots, as_json, lambda listed: [table(listed, BOT_COLUMNS, title="Bots")])


@app.command("show")
def show_bot(ctx: typer.Context, bot_id: BotId, as_json: JsonOutput = False) -> None:
    """One bot: definition, status, performance and recent errors."""
    with connect(ctx) as gateway:
        bot = gateway.get(f"/api/bots/{bot_id}")
    show(bot, as_json, _bot_view)


@app.command("start")
def start_bot(ctx: typer.Context, bot_id: BotId, as_json: JsonOutput = False) -> None:
    """Deploy and start the bot (a new run); starting a running bot changes nothing."""
    with connect(ctx) as gateway:
        bot = gateway.post(f"/api/bots/{bot_id}/start")
    show(bot, as_json, _bot_view)


@app.command("stop")
def stop_bot(ctx: typer.Context, bot_id: BotId, as_json: JsonOutput = False) -> None:
    """Stop the bot, cancelling its orders, and close its run."""
    with connect(ctx) as gateway:
        bot = gateway.post(f"/api/bots/{bot_id}/stop")
    show(bot, as_json, _bot_view)


@app.command("runs")
def list_runs(ctx: typer.Context, bot_id: BotId, as_json: JsonOutput = False) -> None:
    """The bot's runs, newest first."""
    with connect(ctx) as gateway:
        runs = gateway.get(f"/api/bots/{bot_id}/runs")
    show(runs, as_json, lambda listed: [table(listed, RUN_COLUMNS, title="Runs")])


@app.command("create")
def create_bot(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Letters, digits, _ and -.")],
    account: Annotated[str, typer.Option(help="The client's account.")],
    connector: Annotated[str, typer.Option(help="API key id, or its exchange if only one.")],
    pair: Annotated[str, typer.Option(help="Trading pair, e.g. SHARP-USDT.")],
    strategy: Annotated[str, typer.Option(help="spread or dca.")],
    config: Annotated[str, typer.Option(help="Strategy config as a JSON object.")] = "{}",
    setting: Annotated[
        list[str] | None,
        typer.Option("--set", metavar="FIELD=VALUE", help="One config field; repeatable."),
    ] = None,
    as_json: JsonOutput = False,
) -> None:
    """Define a bot (stopped), e.g. `--strategy spread --set bid_spread=0.002
    --set ask_spread=0.002 --set order_amount=50`."""
    body = {
        "name": name,
        "account": account,
        "connector": connector,
        "trading_pair": pair,
        "strategy": strategy,
        "config": strategy_config(config, setting or []),
    }
    with connect(ctx) as gateway:
        bot = gateway.post("/api/bots", body)
    show(bot, as_json, _bot_view)


def strategy_config(config: str, settings: list[str]) -> dict[str, Any]:
    """The `--config` object with each `--set FIELD=VALUE` over it (values as text: the API
    reads numbers from text)."""
    try:
        merged = json.loads(config)
    except ValueError as error:
        fail(f"--config is not JSON: {error}", EXIT_USAGE)
    if not isinstance(merged, dict):
        fail("--config must be a JSON object", EXIT_USAGE)
    for setting in settings:
        field, equals, value = setting.partition("=")
        if not equals or not field:
            fail(f"--set {setting!r}: expected FIELD=VALUE", EXIT_USAGE)
        merged[field.strip()] = value.strip()
    return merged


def _bot_view(bot: dict[str, Any]) -> Iterable[RenderableType]:
    yield record(bot, BOT_FIELDS, title="Bot")
    yield record(bot.get("config") or {}, [], title="Config")
    yield record(bot.get("performance") or {}, PERFORMANCE_FIELDS, title="Performance")
    if errors := bot.get("recent_errors"):
        yield table(errors, ERROR_COLUMNS, title="Recent errors")
    if bot.get("status") == "unknown":
        yield note("the bot host did not answer: last seen status and time are shown")
