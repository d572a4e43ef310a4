"""Where a leaked secret would show: log records, log lines, and a schema's stored rows."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg

from shared.logging import JsonFormatter


class CapturedLogs(logging.Handler):
    """Each record as logged and each line as written: redaction must not be what saves us."""

    def __init__(self, service: str) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(JsonFormatter(service))
        self.lines: list[str] = []
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        self.records.append(record.getMessage() + repr(vars(record)))


@contextmanager
def captured_logs(service: str) -> Iterator[CapturedLogs]:
    """Every log record of this process, at DEBUG, while the block runs."""
    handler, root = CapturedLogs(service), logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)


async def schema_text(database_url: str, schema: str) -> str:
    """Every row of every table of `schema`, as PostgreSQL renders it (bytea in hex)."""
    connection = await asyncpg.connect(database_url)
    try:
        tables = await connection.fetch(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", schema
        )
        rows = [
            await connection.fetch(f'SELECT t::text AS row FROM {schema}."{t["table_name"]}" t')
            for t in tables
        ]
    finally:
        await connection.close()
    return "\n".join(row["row"] for table in rows for row in table)
