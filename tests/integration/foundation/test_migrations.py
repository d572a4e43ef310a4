"""Migrations run once per schema, in order, even when two starters race."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from shared.migrations import apply_migrations


@pytest.fixture
def migration_folder(tmp_path: Path) -> Path:
    # Not idempotent on purpose: a second application would fail or add a second row.
    (tmp_path / "001_create.sql").write_text("CREATE TABLE applied (note text NOT NULL);")
    (tmp_path / "002_insert.sql").write_text("INSERT INTO applied (note) VALUES ('second');")
    return tmp_path


async def test_two_concurrent_starters_apply_each_migration_once(
    database_url: str, schema_suffix: str, migration_folder: Path
) -> None:
    schema = f"mig_{schema_suffix}"
    first, second = await asyncpg.connect(database_url), await asyncpg.connect(database_url)
    try:
        results = await asyncio.gather(
            apply_migrations(first, schema, {"demo": migration_folder}),
            apply_migrations(second, schema, {"demo": migration_folder}),
        )
        rows = await first.fetchval(f"SELECT count(*) FROM {schema}.applied")
        recorded = await first.fetchval(f"SELECT count(*) FROM {schema}.schema_migrations")
    finally:
        await first.execute(f"DROP SCHEMA {schema} CASCADE")
        await first.close()
        await second.close()
    assert sorted(len(applied) for applied in results) == [0, 2]
    assert rows == 1
    assert recorded == 2


async def test_second_start_applies_nothing_and_new_files_apply_in_order(
    database_url: str, schema_suffix: str, migration_folder: Path
) -> None:
    schema = f"mig_{schema_suffix}"
    connection = await asyncpg.connect(database_url)
    try:
        first = await apply_migrations(connection, schema, {"demo": migration_folder})
        again = await apply_migrations(connection, schema, {"demo": migration_folder})
        (migration_folder / "003_more.sql").write_text("INSERT INTO applied VALUES ('third');")
        later = await apply_migrations(connection, schema, {"demo": migration_folder})
        notes = await connection.fetch(f"SELECT note FROM {schema}.applied")
    finally:
        await connection.execute(f"DROP SCHEMA {schema} CASCADE")
        await connection.close()
    assert [m.version for m in first] == [1, 2]
    assert again == []
    assert [m.version for m in later] == [3]
    assert [r["note"] for r in notes] == ["second", "third"]


def test_badly_named_migration_file_is_refused(tmp_path: Path) -> None:
    from shared.migrations import discover

    (tmp_path / "create_things.sql").write_text("SELECT 1;")
    with pytest.raises(ValueError, match=r"NNN_name\.sql"):
        discover("demo", tmp_path)
