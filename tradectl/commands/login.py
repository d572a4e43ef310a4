"""`login admin`, `login wallet`, `logout` and `whoami`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tradectl.context import EXIT_USAGE, connect, fail
from tradectl.home import Session, forget_session, load_session, save_session
from tradectl.render import JsonOutput, record, show
from tradectl.wallet import InvalidPrivateKey, sign_message, wallet_from_key

app = typer.Typer(
    help="Log in through the gateway; the token is kept (0600) for the next commands.",
    no_args_is_help=True,
)

Username = Annotated[
    str, typer.Option(prompt=True, envvar="TRADECTL_ADMIN_USERNAME", help="Admin username.")
]
Password = Annotated[
    str,
    typer.Option(
        prompt=True,
        hide_input=True,
        envvar="TRADECTL_ADMIN_PASSWORD",
        help="Admin password (prompted when not given; prefer the prompt or the env var).",
    ),
]
PrivateKey = Annotated[
    str,
    typer.Option(
        "--private-key",
        prompt="Wallet private key",
        hide_input=True,
        envvar="TRADECTL_WALLET_KEY",
        help="The wallet's hex private key (prompted when not given); it signs the sign-in "
        "message here and never leaves this machine.",
    ),
]
ChainId = Annotated[
    int | None, typer.Option(help="EIP-155 chain id to sign for; the server's first by default.")
]


@app.command("admin")
def login_admin(
    ctx: typer.Context, username: Username, password: Password, as_json: JsonOutput = False
) -> None:
    """Log in as an operator with username and password."""
    with connect(ctx, authenticated=False) as gateway:
        answer = gateway.post("/api/auth/admin/token", {"username": username, "password": password})
    session = Session.issued(gateway.url, "admin", answer["access_token"], answer["expires_in"])
    _keep(session, f"admin {username}", as_json)


@app.command("wallet")
def login_wallet(
    ctx: typer.Context,
    private_key: PrivateKey,
    chain_id: ChainId = None,
    as_json: JsonOutput = False,
) -> None:
    """Log in as a client with its wallet (Sign-In With Ethereum, signed locally)."""
    try:
        wallet = wallet_from_key(private_key)
    except InvalidPrivateKey as error:
        fail(f"--private-key: {error}", EXIT_USAGE)
    with connect(ctx, authenticated=False) as gateway:
        challenge = gateway.post(
            "/api/auth/siwe/nonce", {"address": wallet.address, "chain_id": chain_id}
        )
        signature = sign_message(wallet, challenge["message"])
        answer = gateway.post(
            "/api/auth/siwe/login", {"message": challenge["message"], "signature": signature}
        )
    session = Session.issued(gateway.url, "client", answer["access_token"], answer["expires_in"])
    client = answer.get("client") or {}
    _keep(session, f"client {client.get('name', '?')} ({wallet.address})", as_json)


def logout() -> None:
    """Forget the stored token."""
    typer.echo("logged out" if forget_session() else "not logged in")


def whoami(ctx: typer.Context, as_json: JsonOutput = False) -> None:
    """Who the stored token says you are, on which gateway."""
    with connect(ctx) as gateway:
        me = gateway.get("/api/auth/me")
    session = load_session()
    local = {"gateway": gateway.url, "token_expires_at": session.expires_at if session else None}
    show(me, as_json, lambda body: [record(body | local, _ME_FIELDS)])


_ME_FIELDS = ["role", "subject", "account", "client.name", "client_id", "gateway"]


def _keep(session: Session, who: str, as_json: bool) -> None:
    save_session(session)
    summary: dict[str, Any] = {
        "logged_in_as": who,
        "role": session.role,
        "gateway": session.url,
        "expires_at": session.expires_at,
    }
    line = f"logged in as {who} at {session.url} until {session.expires_at}"
    show(summary, as_json, lambda _: [line])
