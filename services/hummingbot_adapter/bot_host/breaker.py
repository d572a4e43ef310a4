"""A circuit breaker, so a dead bot host costs one timeout, not one per request.

Closed: calls pass, consecutive failures are counted. At `failure_threshold` it opens: calls
fail at once with `CircuitOpen` for `reset_timeout_s`. Then it is half-open: one trial call
passes (the others still fail fast); its success closes the breaker, its failure opens it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum


class CircuitOpen(Exception):
    """The breaker is open: the call was not attempted."""


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(
        self,
        failure_threshold: int,
        reset_timeout_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failure_threshold = failure_threshold
        self.reset_timeout_s = reset_timeout_s
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_in_flight = False

    @property
    def state(self) -> BreakerState:
        if self._opened_at is None:
            return BreakerState.CLOSED
        if self._clock() - self._opened_at < self.reset_timeout_s:
            return BreakerState.OPEN
        return BreakerState.HALF_OPEN

    def before_call(self) -> None:
        """Raise `CircuitOpen` unless a call may go out now."""
        state = self.state
        if state is BreakerState.OPEN:
            raise CircuitOpen(f"bot host circuit open for up to {self.reset_timeout_s:g} s")
        if state is BreakerState.HALF_OPEN:
            if self._trial_in_flight:
                raise CircuitOpen("bot host circuit half-open: a trial call is in flight")
            self._trial_in_flight = True

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None
        self._trial_in_flight = False

    def record_abandoned(self) -> None:
        """The call ended without an answer either way (cancelled, or a client-side error):
        it proves nothing about the host, but frees the half-open trial for the next call."""
        self._trial_in_flight = False

    def record_failure(self) -> None:
        self._trial_in_flight = False
        self._failures += 1
        if self._opened_at is not None or self._failures >= self.failure_threshold:
            self._opened_at = self._clock()
