"""Bringing the host to the desired state the database holds.

A stop asked for by the control plane (connector removed, client deleted) is recorded first
and carried out here, so it happens even when the host was down when the event came: bots
whose desired state is stopped but whose run is open are stopped, removed bots with nothing
left running are deleted, and a deleted client's credentials profile leaves the host.
"""

from __future__ import annotations

import logging

import asyncpg

from services.hummingbot_adapter.accounts import repository as accounts
from services.hummingbot_adapter.bots import repository
from services.hummingbot_adapter.bots.lifecycle import BotLifecycle

log = logging.getLogger(__name__)


async def converge(pool: asyncpg.Pool, lifecycle: BotLifecycle) -> None:
    """Carry out pending stops and removals; a host failure is raised to the caller."""
    async with pool.acquire() as conn:
        for bot in await repository.bots_to_stop(conn):
            async with conn.transaction():
                await lifecycle.stop(conn, bot, bot.stop_reason or "stopped")
            log.info("bot stopped", extra={"bot_id": str(bot.id), "reason": bot.stop_reason})
        # The rows go only once the host has dropped their configs: a host failure rolls
        # the deletion back, and the next cycle tries again.
        async with conn.transaction():
            for bot in await repository.delete_removed_bots(conn):
                await lifecycle.host.delete_controller_config(bot.name)
                log.info("bot removed", extra={"bot_id": str(bot.id), "account": bot.account})
        for account in await accounts.deleted_accounts_on_host(conn):
            await lifecycle.host.delete_account(account)
            await accounts.set_on_host(conn, account, False)
            log.info("credentials profile deleted from the host", extra={"account": account})
