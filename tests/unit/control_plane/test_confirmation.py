from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from services.control_plane.api_keys.confirmation import BridgeConfirmations, outcome
from services.control_plane.api_keys.status_repository import StoredStatus


def status(version: int, state: str = "ready", detail: str = "") -> StoredStatus:
    return StoredStatus(version=version, state=state, detail=detail, checked_at=datetime.now(UTC))


async def test_waiter_wakes_when_the_status_of_its_version_is_stored() -> None:
    waiters, key_id = BridgeConfirmations(), uuid.uuid4()
    stored: list[StoredStatus] = [status(1)]

    async def probe() -> StoredStatus | None:
        return stored[-1]

    waiting = asyncio.create_task(waiters.wait(key_id, 2, 30.0, probe))
    await asyncio.sleep(0)
    stored.append(status(2))
    waiters.notify(key_id)

    assert await asyncio.wait_for(waiting, 5) == stored[-1]


async def test_waiter_gives_up_after_its_timeout_on_an_older_version() -> None:
    async def probe() -> StoredStatus | None:
        return status(1)

    assert await BridgeConfirmations().wait(uuid.uuid4(), 2, 0.01, probe) is None


def test_outcome_says_why_the_bridge_is_not_configured() -> None:
    assert outcome(status(1), 3, True, True).configured is True
    refused = outcome(status(1, "withdrawal_enabled", "binance: enableWithdrawals"), 3, True, True)
    assert refused.warning == (
        "key can withdraw (refused: trading keys must not): binance: enableWithdrawals"
    )
    assert str(outcome(None, 3, True, True).warning).startswith("bridge did not confirm within 3s")
    assert str(outcome(None, 3, False, False).warning).startswith("NATS unavailable: event queued")
