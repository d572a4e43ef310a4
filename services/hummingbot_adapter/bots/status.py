"""Storing a bot's runtime, and announcing each change of status on `status.bot`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from services.hummingbot_adapter.bots import repository
from services.hummingbot_adapter.bots.runtime import BotRuntime
from shared.db import Connection
from shared.events import BotStatus, utc_now
from shared.outbox import add_event


@dataclass(frozen=True)
class RuntimeChange:
    bot_id: uuid.UUID
    account: str
    previous: BotRuntime | None
    current: BotRuntime

    @property
    def status_changed(self) -> bool:
        return self.previous is None or self.previous.status != self.current.status


async def record_runtimes(conn: Connection, changes: list[RuntimeChange]) -> None:
    await repository.save_runtimes(conn, [(c.bot_id, c.current) for c in changes])
    observed_at = utc_now()
    for change in changes:
        if change.status_changed:
            event = BotStatus(
                bot_id=change.bot_id,
                account=change.account,
                state=change.current.status,
                detail=change.current.detail,
                observed_at=observed_at,
            )
            await add_event(conn, event)
