"""`/api/bots`: admins define, start, stop and delete bots; a client token reads its own."""

from __future__ import annotations

import uuid
from datetime import timedelta

from fastapi import APIRouter, Response, status

from services.hummingbot_adapter.bots import service
from services.hummingbot_adapter.bots.schemas import Bot, BotCreate, BotRun, BotUpdate
from services.hummingbot_adapter.dependencies import (
    BotHostError,
    ControlPlane,
    Lifecycle,
    Settings,
    answering_for_dependencies,
)
from shared.auth import AdminOnly, ClientOrAdmin, scoped_account
from shared.db import DbConn
from shared.errors import Conflict, DependencyUnavailable, NotFound, Unprocessable, responses

router = APIRouter(prefix="/api/bots", tags=["Bots"])
COMMAND_ERRORS = responses(NotFound, Conflict, BotHostError, DependencyUnavailable)


def _stale_after(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.status_stale_after_s)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=responses(NotFound, Conflict, DependencyUnavailable),
)
async def create_bot(
    _: AdminOnly, conn: DbConn, control_plane: ControlPlane, body: BotCreate
) -> Bot:
    """Define a bot (stopped) for an account, on one of the account's exchange keys.

    404: the account does not exist. 409: the account has no key for that connector, or its
    exchange has no Hummingbot connector. 422: a bad name, trading pair or strategy config
    (each bad field is named)."""
    with answering_for_dependencies():
        return await service.create_bot(conn, control_plane, body)


@router.get("", responses=responses(NotFound, Unprocessable))
async def list_bots(
    principal: ClientOrAdmin, conn: DbConn, settings: Settings, account: str | None = None
) -> list[Bot]:
    """Bots merged with their last seen runtime status. A client sees its own account; an
    admin sees every account, or the one named. Answered from storage: no bot host call."""
    scope = account if principal.is_admin else scoped_account(principal, account)
    return await service.list_bots(conn, scope, _stale_after(settings))


@router.get("/{bot_id}", responses=responses(NotFound))
async def get_bot(
    principal: ClientOrAdmin, conn: DbConn, settings: Settings, bot_id: uuid.UUID
) -> Bot:
    """One bot with its status: `running`, `idle`, `stopped`, `error`, or `unknown` (the host
    is unreachable: `last_seen` and `last_seen_status` say what was seen, and when)."""
    await service.visible_bot(conn, principal, bot_id)
    return await service.read_bot(conn, bot_id, _stale_after(settings))


@router.patch("/{bot_id}", responses=responses(NotFound, Conflict))
async def update_bot(
    principal: AdminOnly, conn: DbConn, settings: Settings, bot_id: uuid.UUID, update: BotUpdate
) -> Bot:
    """Rename a bot (any time), or change its trading pair or strategy config (only while it
    is stopped: 409 otherwise, since the host reads them when it deploys the bot)."""
    bot = await service.visible_bot(conn, principal, bot_id, for_update=True)
    await service.update_bot(conn, bot, update)
    return await service.read_bot(conn, bot_id, _stale_after(settings))


@router.post("/{bot_id}/start", responses=COMMAND_ERRORS)
async def start_bot(
    principal: AdminOnly, conn: DbConn, lifecycle: Lifecycle, settings: Settings, bot_id: uuid.UUID
) -> Bot:
    """Put the account's credentials on the host, deploy the strategy and start it; a new run
    begins. Starting a running bot changes nothing; a bot in `error` is restarted."""
    bot = await service.visible_bot(conn, principal, bot_id, for_update=True)
    with answering_for_dependencies():
        await lifecycle.start(conn, bot)
    return await service.read_bot(conn, bot_id, _stale_after(settings))


@router.post("/{bot_id}/stop", responses=COMMAND_ERRORS)
async def stop_bot(
    principal: AdminOnly, conn: DbConn, lifecycle: Lifecycle, settings: Settings, bot_id: uuid.UUID
) -> Bot:
    """Stop the bot on the host (cancelling its orders) and close its run with its final
    performance. Stopping a stopped bot changes nothing."""
    bot = await service.visible_bot(conn, principal, bot_id, for_update=True)
    with answering_for_dependencies():
        await lifecycle.stop(conn, bot, "stopped by an operator")
    return await service.read_bot(conn, bot_id, _stale_after(settings))


@router.delete("/{bot_id}", status_code=status.HTTP_204_NO_CONTENT, responses=COMMAND_ERRORS)
async def delete_bot(
    principal: AdminOnly, conn: DbConn, lifecycle: Lifecycle, bot_id: uuid.UUID
) -> Response:
    """Stop the bot if it runs, then delete it with its run history."""
    bot = await service.visible_bot(conn, principal, bot_id, for_update=True)
    with answering_for_dependencies():
        await service.delete_bot(conn, lifecycle, bot)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{bot_id}/runs", responses=responses(NotFound))
async def list_runs(principal: ClientOrAdmin, conn: DbConn, bot_id: uuid.UUID) -> list[BotRun]:
    """The bot's runs, newest first: started, ended, final status and why, trades, volume and
    PnL, and the final performance."""
    bot = await service.visible_bot(conn, principal, bot_id)
    return await service.list_runs(conn, bot)
