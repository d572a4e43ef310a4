"""Waiting for the bridge to confirm a key version, and saying why it did not.

After a key change commits, the writer waits (briefly, configurable) for the bridge's
`status.connector` for that version. The status consumer stores each status, then wakes the
waiters of this process; a waiter also re-reads the stored status on a short interval, so a
status consumed by another replica is seen too.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from services.control_plane.api_keys.status_repository import StoredStatus

RECHECK_S = 0.25

StatusProbe = Callable[[], Awaitable[StoredStatus | None]]

_REASONS = {
    "invalid_credentials": "invalid credentials",
    "withdrawal_enabled": "key can withdraw (refused: trading keys must not)",
    "unreachable": "exchange unreachable",
    "error": "bridge error",
}


class BridgeConfirmations:
    def __init__(self) -> None:
        self._waiters: dict[uuid.UUID, set[asyncio.Event]] = defaultdict(set)

    def notify(self, key_id: uuid.UUID) -> None:
        for event in self._waiters.get(key_id, ()):
            event.set()

    async def wait(
        self, key_id: uuid.UUID, version: int, timeout_s: float, probe: StatusProbe
    ) -> StoredStatus | None:
        """The status of `version` (or newer) once known, or None after `timeout_s`."""
        wake = asyncio.Event()
        self._waiters[key_id].add(wake)
        deadline = time.monotonic() + timeout_s
        try:
            while True:
                status = await probe()
                if status is not None and status.version >= version:
                    return status
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), min(remaining, RECHECK_S))
                wake.clear()
        finally:
            self._waiters[key_id].discard(wake)
            if not self._waiters[key_id]:
                del self._waiters[key_id]


@dataclass(frozen=True)
class Outcome:
    configured: bool
    warning: str | None


def outcome(
    status: StoredStatus | None, timeout_s: float, event_published: bool, nats_connected: bool
) -> Outcome:
    """What to tell the operator about the bridge, from the status for this version (if any)."""
    if status is None:
        if not event_published and not nats_connected:
            warning = "NATS unavailable: event queued, the bridge is told when NATS is back"
        elif not event_published:
            warning = "event queued, not yet published to the bridge"
        else:
            warning = f"bridge did not confirm within {timeout_s:g}s; status updates when it does"
        return Outcome(False, warning)
    if status.state == "ready":
        return Outcome(True, None)
    reason = _REASONS.get(status.state, status.state)
    return Outcome(False, f"{reason}: {status.detail}" if status.detail else reason)
