"""`clients list|show|create`: the agency's client organisations and their wallets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import typer
from rich.console import RenderableType

from tradectl.context import connect
from tradectl.render import Column, JsonOutput, note, record, show, table

app = typer.Typer(help="Client organisations and their wallets (admin).", no_args_is_help=True)

CLIENT_COLUMNS = [
    Column("id"),
    Column("name"),
    Column("account_identifier", "account"),
    Column("wallets"),
    Column("created_at", "created"),
]
WALLET_COLUMNS = [Column("chain"), Column("address"), Column("id"), Column("created_at", "added")]


@app.command("list")
def list_clients(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, max=200, help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    as_json: JsonOutput = False,
) -> None:
    """Clients, oldest first."""
    with connect(ctx) as gateway:
        page = gateway.get("/api/clients", {"limit": limit, "offset": offset})
    show(page, as_json, _page_view)


@app.command("show")
def show_client(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client id, or one of its wallet addresses.")],
    as_json: JsonOutput = False,
) -> None:
    """One client with its wallets."""
    path = (
        f"/api/clients/by-wallet/{client}" if client.startswith("0x") else f"/api/clients/{client}"
    )
    with connect(ctx) as gateway:
        found = gateway.get(path)
    show(found, as_json, _client_view)


@app.command("create")
def create_client(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The organisation's name.")],
    account: Annotated[
        str | None, typer.Option(help="Account slug; generated from the name if not given.")
    ] = None,
    wallet: Annotated[
        list[str] | None,
        typer.Option(
            help="Wallet address, `chain:address` for a chain other than evm; repeatable."
        ),
    ] = None,
    as_json: JsonOutput = False,
) -> None:
    """Onboard a client with its wallets."""
    body = {"name": name, "account_identifier": account, "wallets": _wallets(wallet or [])}
    with connect(ctx) as gateway:
        created = gateway.post("/api/clients", body)
    show(created, as_json, _client_view)


def _wallets(given: list[str]) -> list[dict[str, str]]:
    wallets = []
    for text in given:
        chain, _, address = text.rpartition(":")
        wallets.append({"chain": chain or "evm", "address": address})
    return wallets


def _page_view(page: dict[str, Any]) -> Iterable[RenderableType]:
    rows = [_with_addresses(client) for client in page.get("items", [])]
    yield table(rows, CLIENT_COLUMNS, title="Clients")
    if "total" in page:
        yield note(f"{len(rows)} shown of {page['total']}", style="dim")


def _client_view(client: dict[str, Any]) -> Iterable[RenderableType]:
    yield record(client, ["id", "name", "account_identifier", "created_at"], title="Client")
    yield table(client.get("wallets", []), WALLET_COLUMNS, title="Wallets")


def _with_addresses(client: dict[str, Any]) -> dict[str, Any]:
    wallets = client.get("wallets")
    if not isinstance(wallets, list):
        return client
    return client | {"wallets": [wallet.get("address") for wallet in wallets]}
