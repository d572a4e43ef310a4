"""The `tradectl` command: its global options and where each command lives."""

from __future__ import annotations

from typing import Annotated

import typer

from tradectl.commands import account, bots, clients, keys, login
from tradectl.context import DEFAULT_URL, Cli

app = typer.Typer(
    name="tradectl",
    help="Log in and call the trading platform's API through its gateway.",
    no_args_is_help=True,
    # A traceback must never print locals: they may hold a password or a private key.
    pretty_exceptions_show_locals=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    url: Annotated[
        str | None,
        typer.Option(
            envvar="TRADECTL_URL",
            help=f"The gateway; default: the one logged in to, else {DEFAULT_URL}.",
        ),
    ] = None,
) -> None:
    ctx.obj = Cli(url)


app.add_typer(login.app, name="login")
app.command()(login.logout)
app.command()(login.whoami)
app.add_typer(clients.app, name="clients")
app.add_typer(keys.app, name="keys")
app.command()(account.portfolio)
app.command()(account.pnl)
app.command()(account.volume)
app.command()(account.trades)
app.add_typer(bots.app, name="bots")
