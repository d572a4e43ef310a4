"""What every command shares: the gateway it talks to, the stored login, and how a failure
ends the command (one line on stderr, a non-zero exit code).

Exit codes: 1 the API refused the call, 3 a login is needed (none stored, or the token was
refused), 4 the gateway did not answer; 2 is a usage error, as for Typer's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn

import typer

from tradectl.gateway import ApiError, Gateway, GatewayUnreachable
from tradectl.home import Session, load_session

DEFAULT_URL = "http://127.0.0.1:8000"
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_LOGIN_NEEDED = 3
EXIT_UNREACHABLE = 4
LOGIN_COMMANDS = "tradectl login admin | tradectl login wallet"


@dataclass(frozen=True)
class Cli:
    """Options given before the command (`--url`, or `TRADECTL_URL`)."""

    url: str | None

    def gateway_url(self, session: Session | None) -> str:
        """`--url`, else the gateway of the stored login, else the local default."""
        chosen = self.url or (session.url if session else None) or DEFAULT_URL
        return chosen.rstrip("/")


def fail(message: str, exit_code: int = EXIT_REFUSED) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(exit_code)


def _token_for(url: str, session: Session | None) -> str:
    """The stored token, only ever sent to the gateway that issued it."""
    if session is None:
        fail(f"not logged in; run {LOGIN_COMMANDS}", EXIT_LOGIN_NEEDED)
    if session.url != url:
        fail(f"logged in at {session.url}, not at {url}; run {LOGIN_COMMANDS}", EXIT_LOGIN_NEEDED)
    return session.access_token


@contextmanager
def connect(ctx: typer.Context, *, authenticated: bool = True) -> Iterator[Gateway]:
    """A gateway client (with the stored token unless `authenticated` is False); an API error
    or an unreachable gateway inside the block ends the command with its one-line reason."""
    cli = ctx.find_object(Cli) or Cli(url=None)
    session = load_session()
    url = cli.gateway_url(session)
    token = _token_for(url, session) if authenticated else None
    try:
        with Gateway(url, token) as gateway:
            yield gateway
    except ApiError as error:
        if authenticated and error.status == 401:
            fail(f"{error}; log in again: {LOGIN_COMMANDS}", EXIT_LOGIN_NEEDED)
        fail(str(error))
    except GatewayUnreachable as error:
        fail(str(error), EXIT_UNREACHABLE)
