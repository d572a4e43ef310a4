"""Operator commands: `control-plane rotate-keys`, `control-plane create-admin`.

Both read the service's settings from the environment (DATABASE_URL, CONTROL_PLANE_KEYRING…),
like the service itself.
"""

from __future__ import annotations

import asyncio

import asyncpg
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from services.control_plane.api_keys import rotation
from services.control_plane.app import MIGRATIONS, SERVICE_NAME
from services.control_plane.auth.service import create_admin as create_admin_account
from services.control_plane.settings import ControlPlaneSettings
from shared import outbox
from shared.db import create_pool
from shared.keyring import Keyring
from shared.migrations import apply_migrations

app = typer.Typer(help="Control plane operations.", no_args_is_help=True)
console = Console()


async def _pool(settings: ControlPlaneSettings) -> asyncpg.Pool:
    """A small pool on the service's schema, migrated as the service would on start."""
    pool = await create_pool(settings.database_url, settings.db_schema, max_size=2, wait_s=10)
    async with pool.acquire() as connection:
        sources = {"outbox": outbox.MIGRATIONS, SERVICE_NAME: MIGRATIONS}
        await apply_migrations(connection, settings.db_schema, sources)
    return pool


async def _rotate(settings: ControlPlaneSettings, batch_size: int) -> rotation.RotationReport:
    keyring = Keyring.parse(settings.keyring.get_secret_value())
    pool = await _pool(settings)
    try:
        before = await rotation.count(pool, keyring)
        columns = (TextColumn("re-encrypting"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("rotate", total=before.to_rotate)
            return await rotation.rotate(
                pool, keyring, batch_size, lambda n: progress.advance(task, n)
            )
    finally:
        await pool.close()


@app.command("rotate-keys")
def rotate_keys(
    batch_size: int = typer.Option(100, min=1, max=10_000, help="Rows per transaction."),
) -> None:
    """Re-encrypt every stored exchange key to the keyring's current version (online)."""
    settings = ControlPlaneSettings()
    if not settings.keyring.get_secret_value():
        console.print("[red]CONTROL_PLANE_KEYRING is not set[/red]")
        raise typer.Exit(2)
    report = asyncio.run(_rotate(settings, batch_size))
    console.print(
        f"rotated: {report.rotated}, already current: {report.already_current}, "
        f"failed: {len(report.failed)}, left behind: {report.left_behind}"
    )
    for key_id in report.failed:
        console.print(f"[red]failed to decrypt key {key_id}[/red]")
    if report.failed or report.left_behind:
        raise typer.Exit(1)


async def _create_admin(settings: ControlPlaneSettings, username: str, password: str) -> None:
    pool = await _pool(settings)
    try:
        async with pool.acquire() as connection, connection.transaction():
            await create_admin_account(connection, username, password)
    finally:
        await pool.close()


@app.command("create-admin")
def create_admin(
    username: str = typer.Option(..., help="Admin user name."),
    password: str = typer.Option(
        ..., prompt=True, hide_input=True, confirmation_prompt=True, help="Admin password."
    ),
) -> None:
    """Create an admin (or set a new password for an existing one)."""
    asyncio.run(_create_admin(ControlPlaneSettings(), username, password))
    console.print(f"admin {username!r} ready")


if __name__ == "__main__":
    app()
