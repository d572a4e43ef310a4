"""A bot's runtime status, derived from one look at the host. Pure: no I/O.

- Host unreachable: `unknown`, keeping the last seen status, time and performance (never
  `stopped`: nobody knows that it stopped).
- The bot's current instance reported: the host's status (`running`, `idle`, `stopped`,
  `error`), its performance summed over controllers and its latest error lines.
- A run is open but the host does not know the instance: `idle` (starting) during the start-up
  grace, `error` after it.
- No open run and nothing on the host: `stopped`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from services.hummingbot_adapter.bot_host.schemas import HostBotStatus
from services.hummingbot_adapter.bots.schemas import Performance

HOST_UNREACHABLE = "bot host unreachable"
STARTING = "starting on the bot host"
HOST_STATUSES = ("running", "idle", "stopped", "error")
SUMMED = ("volume_traded", "realized_pnl_quote", "unrealized_pnl_quote", "global_pnl_quote")


@dataclass(frozen=True)
class BotRuntime:
    status: str = "unknown"
    detail: str = ""
    last_seen_status: str | None = None
    performance: dict[str, Any] = field(default_factory=dict)
    recent_errors: list[dict[str, Any]] = field(default_factory=list)
    last_seen: datetime | None = None


@dataclass(frozen=True)
class Deployment:
    """The bot's latest run, as far as status is concerned."""

    instance: str
    open: bool
    started_at: datetime


def observe(
    previous: BotRuntime,
    deployment: Deployment | None,
    statuses: dict[str, HostBotStatus] | None,
    now: datetime,
    *,
    startup_grace: timedelta,
    errors_kept: int,
) -> BotRuntime:
    if statuses is None:
        return replace(previous, status="unknown", detail=HOST_UNREACHABLE)
    reported = statuses.get(deployment.instance) if deployment else None
    if deployment is not None and reported is not None:
        return _reported(previous, deployment, reported, now, startup_grace, errors_kept)
    status, detail = "stopped", ""
    if deployment is not None and deployment.open:
        if now - deployment.started_at < startup_grace:
            status, detail = "idle", STARTING
        else:
            status, detail = "error", f"instance {deployment.instance} is not on the bot host"
    return replace(previous, status=status, detail=detail, last_seen_status=status, last_seen=now)


def _reported(
    previous: BotRuntime,
    deployment: Deployment,
    reported: HostBotStatus,
    now: datetime,
    startup_grace: timedelta,
    errors_kept: int,
) -> BotRuntime:
    status, detail = _host_status(reported, deployment, now - deployment.started_at < startup_grace)
    errors = [
        _error_line(line.msg, line.logger_name, line.timestamp) for line in reported.error_logs
    ]
    performance = summarize(reported) if reported.performance else previous.performance
    return BotRuntime(status, detail, status, performance, errors[-errors_kept:], now)


def _host_status(
    reported: HostBotStatus, deployment: Deployment, starting: bool
) -> tuple[str, str]:
    status = reported.status
    if status not in HOST_STATUSES:
        return "unknown", f"bot host reported status {status!r}"
    if status == "error":
        last = reported.error_logs[-1].msg if reported.error_logs else ""
        return "error", last or "the bot host reports an error"
    if not deployment.open and status in ("running", "idle"):
        return status, "stopping on the bot host"
    if deployment.open and status == "stopped":
        return ("idle", STARTING) if starting else ("stopped", "the bot host reports it stopped")
    return status, ""


def _error_line(message: str, source: str, timestamp: float | None) -> dict[str, Any]:
    at = datetime.fromtimestamp(timestamp, UTC).isoformat() if timestamp is not None else None
    return {"at": at, "source": source, "message": message}


def summarize(reported: HostBotStatus) -> dict[str, Any]:
    """The bot's performance: each controller's report, and the totals over them."""
    controllers = {name: report.performance for name, report in reported.performance.items()}
    totals = {key: sum(_number(p.get(key)) for p in controllers.values()) for key in SUMMED}
    return Performance.model_validate({**totals, "controllers": controllers}).model_dump()


def closed_executors(performance: dict[str, Any]) -> int | None:
    """Executors the controllers closed (`close_type_counts`), or None when none reported any."""
    counts = [
        report.get("close_type_counts") or {}
        for report in performance.get("controllers", {}).values()
    ]
    if not any(counts):
        return None
    return sum(int(_number(n)) for count in counts for n in count.values())


def _number(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
