"""SQL of bots, their runs and their last seen runtime status."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from services.hummingbot_adapter.bots.runtime import BotRuntime, Deployment
from services.hummingbot_adapter.bots.schemas import BotDefinition, BotRun
from shared.db import Connection

# The statements below name their columns in full (no formatted SQL).
SELECT_BOT = (
    "SELECT b.id, b.name, b.account, b.connector_id, b.exchange, b.trading_pair, b.strategy, "
    "b.config, b.desired_state, b.removing, b.stop_reason, b.created_at, b.updated_at "
    "FROM bots b"
)
SELECT_VIEW = (
    "SELECT b.id, b.name, b.account, b.connector_id, b.exchange, b.trading_pair, b.strategy, "
    "b.config, b.desired_state, b.removing, b.stop_reason, b.created_at, b.updated_at, "
    "rt.status, rt.detail, rt.last_seen_status, rt.performance, rt.recent_errors, "
    "rt.last_seen, rt.observed_at FROM bots b LEFT JOIN bot_runtime rt ON rt.bot_id = b.id"
)
RETURNING_BOT = (
    " RETURNING id, name, account, connector_id, exchange, trading_pair, strategy, config, "
    "desired_state, removing, stop_reason, created_at, updated_at"
)


class DuplicateName(Exception):
    pass


@dataclass(frozen=True)
class BotView:
    """A definition with its stored runtime (None before the first poll) and its age."""

    definition: BotDefinition
    runtime: BotRuntime | None
    observed_at: datetime | None


@dataclass(frozen=True)
class OpenRun:
    id: uuid.UUID
    instance_name: str
    config_name: str
    started_at: datetime


@dataclass(frozen=True)
class TrackedBot:
    id: uuid.UUID
    account: str
    deployment: Deployment | None
    runtime: BotRuntime | None


def _definition(row: asyncpg.Record) -> BotDefinition:
    return BotDefinition.model_validate({**dict(row), "config": json.loads(row["config"])})


def _runtime(row: asyncpg.Record) -> BotRuntime | None:
    if row["status"] is None:
        return None
    return BotRuntime(
        status=row["status"],
        detail=row["detail"],
        last_seen_status=row["last_seen_status"],
        performance=json.loads(row["performance"]),
        recent_errors=json.loads(row["recent_errors"]),
        last_seen=row["last_seen"],
    )


async def insert_bot(
    conn: Connection,
    *,
    name: str,
    account: str,
    connector_id: uuid.UUID,
    exchange: str,
    trading_pair: str,
    strategy: str,
    config: dict[str, Any],
) -> BotDefinition:
    try:
        row = await conn.fetchrow(
            "INSERT INTO bots (name, account, connector_id, exchange, trading_pair, "  # noqa: S608
            "strategy, config) VALUES ($1, $2, $3, $4, $5, $6, $7)" + RETURNING_BOT,
            name,
            account,
            connector_id,
            exchange,
            trading_pair,
            strategy,
            json.dumps(config),
        )
    except asyncpg.UniqueViolationError:
        raise DuplicateName(name) from None
    assert row is not None
    return _definition(row)


async def get_bot(
    conn: Connection, bot_id: uuid.UUID, *, for_update: bool = False
) -> BotDefinition | None:
    lock = " FOR UPDATE" if for_update else ""
    row = await conn.fetchrow(SELECT_BOT + " WHERE b.id = $1" + lock, bot_id)
    return _definition(row) if row else None


async def update_bot(
    conn: Connection, bot_id: uuid.UUID, name: str, trading_pair: str, config: dict[str, Any]
) -> BotDefinition:
    try:
        row = await conn.fetchrow(
            "UPDATE bots SET name = $2, trading_pair = $3, config = $4, updated_at = now() "  # noqa: S608
            "WHERE id = $1" + RETURNING_BOT,
            bot_id,
            name,
            trading_pair,
            json.dumps(config),
        )
    except asyncpg.UniqueViolationError:
        raise DuplicateName(name) from None
    assert row is not None
    return _definition(row)


async def delete_bot(conn: Connection, bot_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM bots WHERE id = $1", bot_id)


async def set_desired_state(
    conn: Connection, bot_id: uuid.UUID, state: str, stop_reason: str = ""
) -> None:
    await conn.execute(
        "UPDATE bots SET desired_state = $2, stop_reason = $3, updated_at = now() WHERE id = $1",
        bot_id,
        state,
        stop_reason,
    )


async def list_views(conn: Connection, account: str | None) -> list[BotView]:
    rows = await conn.fetch(
        SELECT_VIEW + " WHERE NOT b.removing AND ($1::text IS NULL OR b.account = $1) "
        "ORDER BY b.account, b.name",
        account,
    )
    return [BotView(_definition(row), _runtime(row), row["observed_at"]) for row in rows]


async def get_view(conn: Connection, bot_id: uuid.UUID) -> BotView | None:
    row = await conn.fetchrow(
        SELECT_VIEW + " WHERE b.id = $1 AND NOT b.removing",
        bot_id,
    )
    return BotView(_definition(row), _runtime(row), row["observed_at"]) if row else None


# Runs


async def open_run(conn: Connection, bot_id: uuid.UUID) -> OpenRun | None:
    row = await conn.fetchrow(
        "SELECT id, instance_name, config_name, started_at FROM bot_runs "
        "WHERE bot_id = $1 AND ended_at IS NULL",
        bot_id,
    )
    return OpenRun(**dict(row)) if row else None


async def insert_run(
    conn: Connection, bot_id: uuid.UUID, instance_name: str, config_name: str
) -> OpenRun:
    row = await conn.fetchrow(
        "INSERT INTO bot_runs (bot_id, instance_name, config_name) VALUES ($1, $2, $3) "
        "RETURNING id, instance_name, config_name, started_at",
        bot_id,
        instance_name,
        config_name,
    )
    assert row is not None
    return OpenRun(**dict(row))


async def close_run(
    conn: Connection,
    run_id: uuid.UUID,
    *,
    final_status: str,
    stop_reason: str,
    final_performance: dict[str, Any],
    trades_count: int | None,
) -> None:
    await conn.execute(
        "UPDATE bot_runs SET ended_at = now(), final_status = $2, stop_reason = $3, "
        "final_performance = $4, trades_count = $5, "
        "volume_quote = COALESCE(($4::jsonb ->> 'volume_traded')::numeric, 0), "
        "pnl_quote = COALESCE(($4::jsonb ->> 'global_pnl_quote')::numeric, 0) "
        "WHERE id = $1 AND ended_at IS NULL",
        run_id,
        final_status,
        stop_reason,
        json.dumps(final_performance),
        trades_count,
    )


async def list_runs(conn: Connection, bot_id: uuid.UUID) -> list[BotRun]:
    rows = await conn.fetch(
        "SELECT id, instance_name, started_at, ended_at, final_status, stop_reason, "
        "trades_count, volume_quote, pnl_quote, final_performance FROM bot_runs "
        "WHERE bot_id = $1 ORDER BY started_at DESC",
        bot_id,
    )
    return [
        BotRun.model_validate(
            {
                **dict(row),
                "final_performance": (
                    json.loads(row["final_performance"]) if row["ended_at"] else None
                ),
            }
        )
        for row in rows
    ]


# Runtime


async def get_runtime(conn: Connection, bot_id: uuid.UUID) -> BotRuntime | None:
    row = await conn.fetchrow(
        "SELECT status, detail, last_seen_status, performance, recent_errors, last_seen "
        "FROM bot_runtime WHERE bot_id = $1",
        bot_id,
    )
    return _runtime(row) if row else None


async def save_runtimes(conn: Connection, runtimes: list[tuple[uuid.UUID, BotRuntime]]) -> None:
    await conn.executemany(
        "INSERT INTO bot_runtime (bot_id, status, detail, last_seen_status, performance, "
        "recent_errors, last_seen, observed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now()) "
        "ON CONFLICT (bot_id) DO UPDATE SET status = EXCLUDED.status, "
        "detail = EXCLUDED.detail, last_seen_status = EXCLUDED.last_seen_status, "
        "performance = EXCLUDED.performance, recent_errors = EXCLUDED.recent_errors, "
        "last_seen = EXCLUDED.last_seen, observed_at = now()",
        [
            (
                bot_id,
                runtime.status,
                runtime.detail,
                runtime.last_seen_status,
                json.dumps(runtime.performance),
                json.dumps(runtime.recent_errors),
                runtime.last_seen,
            )
            for bot_id, runtime in runtimes
        ],
    )


async def tracked_bots(conn: Connection) -> list[TrackedBot]:
    """Every bot with its latest run and stored runtime, for one poll cycle."""
    rows = await conn.fetch(
        "SELECT b.id, b.account, r.instance_name, r.ended_at IS NULL AS run_open, "
        "r.started_at, rt.status, rt.detail, rt.last_seen_status, rt.performance, "
        "rt.recent_errors, rt.last_seen FROM bots b "
        "LEFT JOIN LATERAL (SELECT instance_name, ended_at, started_at FROM bot_runs "
        "  WHERE bot_id = b.id ORDER BY started_at DESC LIMIT 1) r ON true "
        "LEFT JOIN bot_runtime rt ON rt.bot_id = b.id"
    )
    return [
        TrackedBot(
            row["id"],
            row["account"],
            Deployment(row["instance_name"], row["run_open"], row["started_at"])
            if row["instance_name"]
            else None,
            _runtime(row),
        )
        for row in rows
    ]


# Stops and removals asked for by the control plane


async def stop_connector_bots(conn: Connection, connector_id: uuid.UUID, reason: str) -> int:
    status = await conn.execute(
        "UPDATE bots SET desired_state = 'stopped', stop_reason = $2, updated_at = now() "
        "WHERE connector_id = $1 AND desired_state = 'running'",
        connector_id,
        reason,
    )
    return int(status.split()[-1])


async def remove_account_bots(conn: Connection, account: str, reason: str) -> int:
    status = await conn.execute(
        "UPDATE bots SET desired_state = 'stopped', removing = true, updated_at = now(), "
        "stop_reason = CASE WHEN desired_state = 'running' THEN $2 ELSE stop_reason END "
        "WHERE account = $1 AND NOT removing",
        account,
        reason,
    )
    return int(status.split()[-1])


async def bots_to_stop(conn: Connection) -> list[BotDefinition]:
    """Bots whose desired state is stopped (or that are being removed) with a run still open."""
    rows = await conn.fetch(
        SELECT_BOT + " WHERE (b.desired_state = 'stopped' OR b.removing) AND EXISTS "  # noqa: S608
        "(SELECT 1 FROM bot_runs r WHERE r.bot_id = b.id AND r.ended_at IS NULL)"
    )
    return [_definition(row) for row in rows]


async def delete_removed_bots(conn: Connection) -> list[BotDefinition]:
    """Delete the removed bots that have nothing left running; return them."""
    rows = await conn.fetch(
        "DELETE FROM bots b WHERE b.removing AND NOT EXISTS "  # noqa: S608
        "(SELECT 1 FROM bot_runs r WHERE r.bot_id = b.id AND r.ended_at IS NULL)" + RETURNING_BOT
    )
    return [_definition(row) for row in rows]


async def bots_on_connector(conn: Connection, connector_id: uuid.UUID) -> int:
    count = await conn.fetchval(
        "SELECT count(*) FROM bots WHERE connector_id = $1 AND NOT removing", connector_id
    )
    return int(count)
