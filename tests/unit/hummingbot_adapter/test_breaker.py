"""The circuit breaker opens after consecutive failures, fails fast, then lets one trial by."""

from __future__ import annotations

import pytest

from services.hummingbot_adapter.bot_host.breaker import BreakerState, CircuitBreaker, CircuitOpen


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def state(breaker: CircuitBreaker) -> BreakerState:
    """Read afresh each time (the state moves with the clock)."""
    return breaker.state


def failing(breaker: CircuitBreaker, times: int) -> None:
    for _ in range(times):
        breaker.before_call()
        breaker.record_failure()


def test_breaker_opens_at_the_threshold_and_fails_fast() -> None:
    breaker = CircuitBreaker(3, reset_timeout_s=10, clock=Clock())
    failing(breaker, 2)
    assert state(breaker) is BreakerState.CLOSED

    failing(breaker, 1)

    assert state(breaker) is BreakerState.OPEN
    with pytest.raises(CircuitOpen):
        breaker.before_call()


def test_a_success_resets_the_failure_count() -> None:
    breaker = CircuitBreaker(3, reset_timeout_s=10, clock=Clock())
    failing(breaker, 2)
    breaker.record_success()
    failing(breaker, 2)

    assert state(breaker) is BreakerState.CLOSED


def test_half_open_lets_one_trial_through_and_its_success_closes() -> None:
    clock = Clock()
    breaker = CircuitBreaker(1, reset_timeout_s=10, clock=clock)
    failing(breaker, 1)
    clock.now = 10.5

    breaker.before_call()
    with pytest.raises(CircuitOpen):
        breaker.before_call()
    breaker.record_success()

    assert state(breaker) is BreakerState.CLOSED
    breaker.before_call()


def test_failed_trial_opens_the_breaker_for_another_cool_down() -> None:
    clock = Clock()
    breaker = CircuitBreaker(2, reset_timeout_s=10, clock=clock)
    failing(breaker, 2)
    clock.now = 11

    failing(breaker, 1)

    assert state(breaker) is BreakerState.OPEN
    clock.now = 20
    assert state(breaker) is BreakerState.OPEN
    clock.now = 21
    assert state(breaker) is BreakerState.HALF_OPEN


def test_abandoned_trial_lets_the_next_call_be_the_trial() -> None:
    clock = Clock()
    breaker = CircuitBreaker(1, reset_timeout_s=10, clock=clock)
    failing(breaker, 1)
    clock.now = 10.5
    breaker.before_call()

    breaker.record_abandoned()

    breaker.before_call()
    assert state(breaker) is BreakerState.HALF_OPEN
