"""A bot's status from one look at the host: unknown (never stopped) when the host is away."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from services.hummingbot_adapter.bot_host.schemas import HostBotStatus
from services.hummingbot_adapter.bots.runtime import (
    HOST_UNREACHABLE,
    STARTING,
    BotRuntime,
    Deployment,
    closed_executors,
    observe,
)

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
GRACE = timedelta(seconds=60)
OPEN = Deployment("mm-20260501-115000", open=True, started_at=NOW - timedelta(minutes=10))
CLOSED = Deployment("mm-20260501-115000", open=False, started_at=NOW - timedelta(minutes=10))


def report(status: str, **fields: Any) -> HostBotStatus:
    return HostBotStatus.model_validate({"status": status, **fields})


def look(
    deployment: Deployment | None,
    statuses: dict[str, HostBotStatus] | None,
    previous: BotRuntime | None = None,
) -> BotRuntime:
    return observe(
        previous or BotRuntime(), deployment, statuses, NOW, startup_grace=GRACE, errors_kept=2
    )


def test_running_bot_sums_its_controllers_performance() -> None:
    performance = {
        "a": {"performance": {"volume_traded": 100, "global_pnl_quote": 1.5}},
        "b": {"performance": {"volume_traded": 50.5, "global_pnl_quote": -0.5}},
    }

    runtime = look(OPEN, {OPEN.instance: report("running", performance=performance)})

    assert runtime.status == "running"
    assert runtime.last_seen == NOW
    assert runtime.performance["volume_traded"] == 150.5
    assert runtime.performance["global_pnl_quote"] == 1.0
    assert set(runtime.performance["controllers"]) == {"a", "b"}


def test_unreachable_host_is_unknown_keeping_what_was_last_seen() -> None:
    seen = BotRuntime("running", "", "running", {"volume_traded": 7.0}, [], NOW - timedelta(5))

    runtime = look(OPEN, None, previous=seen)

    assert runtime.status == "unknown"
    assert runtime.detail == HOST_UNREACHABLE
    assert runtime.last_seen_status == "running"
    assert runtime.last_seen == seen.last_seen
    assert runtime.performance == {"volume_traded": 7.0}


def test_error_keeps_the_latest_error_lines_and_says_the_last() -> None:
    lines = [{"msg": f"failure {n}", "logger_name": "ctl", "timestamp": 1.0 * n} for n in range(3)]

    runtime = look(OPEN, {OPEN.instance: report("error", error_logs=lines)})

    assert runtime.status == "error"
    assert runtime.detail == "failure 2"
    assert [line["message"] for line in runtime.recent_errors] == ["failure 1", "failure 2"]


def test_open_run_missing_from_the_host_is_starting_then_error() -> None:
    fresh = Deployment("mm-new", open=True, started_at=NOW - timedelta(seconds=5))

    assert look(fresh, {}).status == "idle"
    assert look(fresh, {}).detail == STARTING
    assert look(OPEN, {}).status == "error"
    assert "not on the bot host" in look(OPEN, {}).detail


def test_closed_run_absent_from_the_host_is_stopped() -> None:
    assert look(CLOSED, {}).status == "stopped"
    assert look(None, {}).status == "stopped"


def test_closed_run_still_running_on_the_host_says_it_is_stopping() -> None:
    runtime = look(CLOSED, {CLOSED.instance: report("running")})

    assert runtime.status == "running"
    assert runtime.detail == "stopping on the bot host"


def test_report_without_performance_keeps_the_previous_performance() -> None:
    seen = BotRuntime("running", performance={"volume_traded": 3.0})

    runtime = look(CLOSED, {CLOSED.instance: report("stopped")}, previous=seen)

    assert runtime.status == "stopped"
    assert runtime.performance == {"volume_traded": 3.0}


def test_closed_executors_are_counted_only_when_reported() -> None:
    reported = {"controllers": {"a": {"close_type_counts": {"TAKE_PROFIT": 2, "STOP_LOSS": 1}}}}

    assert closed_executors(reported) == 3
    assert closed_executors({"controllers": {"a": {"close_type_counts": {}}}}) is None
