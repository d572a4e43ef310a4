"""Numbered `.sql` migrations per schema, applied in order, once, under an advisory lock.

A migration source is a named folder of files `NNN_description.sql`. Every source applied to a
schema is recorded in that schema's `schema_migrations` table as (source, version), so a
service's own migrations and shared ones (the outbox) live side by side. Two processes starting
together serialise on `pg_advisory_xact_lock`, and the second finds nothing left to apply.
"""

from __future__ import annotations

import logging
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from shared.db import Connection

log = logging.getLogger(__name__)

_FILE_NAME = re.compile(r"^(\d+)_[\w-]+\.sql$")
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
SHARED_SQL = Path(__file__).parent / "sql"


@dataclass(frozen=True)
class Migration:
    source: str
    version: int
    path: Path


def discover(source: str, folder: Path) -> list[Migration]:
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _FILE_NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file name must be NNN_name.sql: {path}")
        found.append(Migration(source, int(match.group(1)), path))
    versions = [m.version for m in found]
    if len(versions) != len(set(versions)):
        raise ValueError(f"duplicate migration version in {folder}")
    return found


def quote_schema(schema: str) -> str:
    if not _SCHEMA_NAME.match(schema):
        raise ValueError(f"invalid schema name: {schema!r}")
    return f'"{schema}"'


async def apply_migrations(
    connection: Connection, schema: str, sources: dict[str, Path]
) -> list[Migration]:
    """Apply every pending migration of `sources` to `schema`; return the ones applied."""
    pending = [m for source, folder in sources.items() for m in discover(source, folder)]
    lock_key = zlib.crc32(f"migrations:{schema}".encode())
    applied: list[Migration] = []
    async with connection.transaction():
        await connection.execute("SELECT pg_advisory_xact_lock($1)", lock_key)
        await connection.execute(f"CREATE SCHEMA IF NOT EXISTS {quote_schema(schema)}")
        await connection.execute(f"SET LOCAL search_path TO {quote_schema(schema)}")
        await connection.execute(
            """CREATE TABLE IF NOT EXISTS schema_migrations (
                   source text NOT NULL,
                   version integer NOT NULL,
                   name text NOT NULL,
                   applied_at timestamptz NOT NULL DEFAULT now(),
                   PRIMARY KEY (source, version))"""
        )
        done = {
            (r["source"], r["version"])
            for r in await connection.fetch("SELECT source, version FROM schema_migrations")
        }
        for migration in pending:
            if (migration.source, migration.version) in done:
                continue
            await connection.execute(migration.path.read_text())
            await connection.execute(
                "INSERT INTO schema_migrations (source, version, name) VALUES ($1, $2, $3)",
                migration.source,
                migration.version,
                migration.path.name,
            )
            applied.append(migration)
    for migration in applied:
        log.info("migration applied", extra={"schema": schema, "migration": migration.path.name})
    return applied
