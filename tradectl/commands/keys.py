"""`keys list|add`: a client's exchange API keys. Secrets are read from the environment or a
hidden prompt, never from the command line (which lands in shell history)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Annotated, Any

import typer
from rich.console import RenderableType

from tradectl.context import EXIT_USAGE, connect, fail
from tradectl.gateway import Gateway
from tradectl.render import Column, JsonOutput, note, record, show, table

app = typer.Typer(help="Clients' exchange API keys (admin).", no_args_is_help=True)

KEY_COLUMNS = [
    Column("id"),
    Column("exchange"),
    Column("label"),
    Column("api_key_masked", "key"),
    Column("version", numeric=True),
    Column("status"),
    Column("tracked_pairs", "pairs"),
    Column("last_checked_at", "checked"),
    Column("last_error", "error"),
]
KEY_FIELDS = [column.key for column in KEY_COLUMNS] + ["trading_bridge_configured"]
# ccxt's name of a credential → the API field and the option naming its environment variable.
EXTRA_CREDENTIALS = {"password": ("passphrase", "--passphrase-env"), "uid": ("uid", "--uid-env")}

ClientId = Annotated[str, typer.Argument(help="The client's id.")]
EnvName = Annotated[
    str | None, typer.Option(metavar="NAME", help="Read it from this environment variable.")
]


@app.command("list")
def list_keys(ctx: typer.Context, client_id: ClientId, as_json: JsonOutput = False) -> None:
    """The client's keys, masked, with what the trading bridge last said of each."""
    with connect(ctx) as gateway:
        keys = gateway.get(f"/api/clients/{client_id}/api-keys")
    show(keys, as_json, lambda body: [table(body.get("items", []), KEY_COLUMNS, title="Keys")])


@app.command("add")
def add_key(
    ctx: typer.Context,
    client_id: ClientId,
    exchange: Annotated[str, typer.Option(help="ccxt exchange id, e.g. binance.")],
    api_key: Annotated[str, typer.Option(prompt="API key", help="The API key (not secret).")],
    api_secret_env: EnvName = None,
    passphrase_env: EnvName = None,
    uid_env: EnvName = None,
    label: Annotated[str, typer.Option(help="A name for the key.")] = "",
    pair: Annotated[
        list[str] | None, typer.Option(help="A trading pair to track, e.g. SHARP-USDT; repeatable.")
    ] = None,
    as_json: JsonOutput = False,
) -> None:
    """Add a key; the answer says whether the trading bridge could use it."""
    env_names = {"--passphrase-env": passphrase_env, "--uid-env": uid_env}
    body: dict[str, Any] = {"exchange": exchange, "api_key": api_key, "label": label}
    body["tracked_pairs"] = pair or []
    body["api_secret"] = secret("API secret", "--api-secret-env", api_secret_env)
    with connect(ctx) as gateway:
        for ccxt_name in _extra_credentials(gateway, exchange):
            field, option = EXTRA_CREDENTIALS[ccxt_name]
            body[field] = secret(field, option, env_names[option])
        added = gateway.post(f"/api/clients/{client_id}/api-keys", body)
    show(added, as_json, _added_view)


def secret(what: str, option: str, env_name: str | None) -> str:
    """From the environment variable named by `option`, or a hidden prompt."""
    if env_name is None:
        value: str = typer.prompt(what, hide_input=True)
        return value
    if not (value := os.environ.get(env_name, "")):
        fail(f"{option}: the environment variable {env_name} is not set", EXIT_USAGE)
    return value


def _extra_credentials(gateway: Gateway, exchange: str) -> list[str]:
    """The credentials beyond key and secret that the exchange requires (none when the
    installation does not list it: the API then says why it refuses the key)."""
    listing = gateway.get("/api/exchanges")
    for known in listing.get("exchanges", []):
        if known.get("id") == exchange.strip().lower():
            return [c for c in known.get("required_credentials", []) if c in EXTRA_CREDENTIALS]
    return []


def _added_view(key: dict[str, Any]) -> Iterable[RenderableType]:
    yield record(key, KEY_FIELDS, title="Key added")
    if warning := key.get("trading_bridge_warning"):
        yield note(f"trading bridge: {warning}")
