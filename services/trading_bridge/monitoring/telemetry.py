"""What the bridge saw of the exchanges: Prometheus metrics and a recent-errors ring buffer.

Prometheus metrics are module-level (one registry per process). The ring buffer and latency
samples behind `GET /api/monitoring` belong to one app's `Telemetry`, so two bridges in one
test process do not mix their errors.
"""

from __future__ import annotations

import statistics
from collections import Counter as Counter_
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime

from prometheus_client import Counter, Gauge, Histogram

from shared.events import utc_now

SESSIONS = Gauge("bridge_sessions", "Live connector sessions", ["exchange", "state"])
CALL_LATENCY = Histogram(
    "bridge_exchange_call_seconds",
    "Latency of calls to exchanges",
    ["exchange", "operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
CALL_ERRORS = Counter(
    "bridge_exchange_errors_total", "Failed calls to exchanges", ["exchange", "operation", "state"]
)

LATENCY_SAMPLES = 1000


@dataclass(frozen=True)
class RecordedError:
    exchange: str
    connector_id: str | None
    operation: str
    state: str
    detail: str
    error_type: str
    at: datetime = field(default_factory=utc_now)


class Telemetry:
    def __init__(self, recent_errors: int = 100) -> None:
        self.errors: deque[RecordedError] = deque(maxlen=recent_errors)
        self._latency: defaultdict[str, deque[float]] = defaultdict(
            lambda: deque(maxlen=LATENCY_SAMPLES)
        )

    def observe(self, exchange: str, operation: str, seconds: float) -> None:
        CALL_LATENCY.labels(exchange, operation).observe(seconds)
        self._latency[exchange].append(seconds)

    def failed(self, error: RecordedError) -> None:
        CALL_ERRORS.labels(error.exchange, error.operation, error.state).inc()
        self.errors.append(error)

    def latency_ms(self, exchange: str) -> dict[str, float | None]:
        """p50 and p99 of the last calls to `exchange`, in milliseconds."""
        samples = sorted(self._latency.get(exchange, ()))
        if not samples:
            return {"p50": None, "p99": None, "samples": 0}
        percentiles = statistics.quantiles(samples, n=100) if len(samples) > 1 else samples * 99
        return {
            "p50": round(percentiles[49] * 1000, 2),
            "p99": round(percentiles[98] * 1000, 2),
            "samples": len(samples),
        }


def count_sessions(states: list[tuple[str, str]]) -> None:
    """Set the sessions gauge from (exchange, state) pairs, one per live session."""
    SESSIONS.clear()
    for (exchange, state), count in Counter_(states).items():
        SESSIONS.labels(exchange, state).set(count)
