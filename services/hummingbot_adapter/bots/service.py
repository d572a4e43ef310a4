"""Bot definitions: create, read (merged with the stored runtime), change, start, stop, delete.

Reads never call the host: the merged view is what the poll cycle stored, shown as `unknown`
when it is older than `status_stale_after_s`.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from services.hummingbot_adapter.accounts.service import resolve_connector
from services.hummingbot_adapter.bots import repository
from services.hummingbot_adapter.bots.lifecycle import BotLifecycle
from services.hummingbot_adapter.bots.repository import BotView, DuplicateName
from services.hummingbot_adapter.bots.runtime import BotRuntime
from services.hummingbot_adapter.bots.schemas import (
    Bot,
    BotCreate,
    BotDefinition,
    BotRun,
    BotUpdate,
    Performance,
    RecentError,
)
from services.hummingbot_adapter.bots.status import RuntimeChange, record_runtimes
from services.hummingbot_adapter.strategies.schemas import parse_strategy_config
from shared.auth import Principal
from shared.control_plane_client import ControlPlaneClient
from shared.db import Connection
from shared.errors import Conflict, NotFound
from shared.events import utc_now


async def create_bot(conn: Connection, control_plane: ControlPlaneClient, body: BotCreate) -> Bot:
    connector = await resolve_connector(conn, control_plane, body.account, body.connector)
    try:
        bot = await repository.insert_bot(
            conn,
            name=body.name,
            account=body.account,
            connector_id=connector.connector_id,
            exchange=connector.exchange,
            trading_pair=body.trading_pair,
            strategy=body.strategy,
            config=body.config.model_dump(mode="json"),
        )
    except DuplicateName:
        raise Conflict(f"a bot named {body.name!r} already exists") from None
    stopped = BotRuntime(status="stopped", last_seen_status="stopped")
    await record_runtimes(conn, [RuntimeChange(bot.id, bot.account, None, stopped)])
    return await read_bot(conn, bot.id, stale_after=timedelta.max)


async def list_bots(conn: Connection, account: str | None, stale_after: timedelta) -> list[Bot]:
    now = utc_now()
    return [merged(view, now, stale_after) for view in await repository.list_views(conn, account)]


async def read_bot(conn: Connection, bot_id: uuid.UUID, stale_after: timedelta) -> Bot:
    view = await repository.get_view(conn, bot_id)
    if view is None:
        raise NotFound(f"bot {bot_id} not found")
    return merged(view, utc_now(), stale_after)


async def visible_bot(
    conn: Connection, principal: Principal, bot_id: uuid.UUID, *, for_update: bool = False
) -> BotDefinition:
    """The bot, if it exists and the caller may see it (another account's bot is 404)."""
    bot = await repository.get_bot(conn, bot_id, for_update=for_update)
    if bot is None or bot.removing or not principal.can_see(bot.account):
        raise NotFound(f"bot {bot_id} not found")
    return bot


async def update_bot(conn: Connection, bot: BotDefinition, update: BotUpdate) -> None:
    if (update.trading_pair or update.config is not None) and bot.desired_state == "running":
        raise Conflict(
            "stop the bot before changing trading_pair or config: the host reads them when "
            "it deploys the bot"
        )
    config = bot.config if update.config is None else _valid_config(bot.strategy, update.config)
    try:
        await repository.update_bot(
            conn, bot.id, update.name or bot.name, update.trading_pair or bot.trading_pair, config
        )
    except DuplicateName:
        raise Conflict(f"a bot named {update.name!r} already exists") from None


def _valid_config(strategy: str, config: dict[str, object]) -> dict[str, object]:
    try:
        return parse_strategy_config(strategy, config).model_dump(mode="json")
    except ValidationError as invalid:
        raise RequestValidationError(
            [{**error, "loc": ("body", "config", *error["loc"])} for error in invalid.errors()]
        ) from None


async def delete_bot(conn: Connection, lifecycle: BotLifecycle, bot: BotDefinition) -> None:
    await lifecycle.stop(conn, bot, "bot deleted")
    await repository.delete_bot(conn, bot.id)


async def list_runs(conn: Connection, bot: BotDefinition) -> list[BotRun]:
    return await repository.list_runs(conn, bot.id)


def merged(view: BotView, now: datetime, stale_after: timedelta) -> Bot:
    bot = view.definition
    runtime = view.runtime or BotRuntime(detail="not observed yet")
    status, detail = runtime.status, runtime.detail
    if view.observed_at is not None and now - view.observed_at > stale_after:
        status, detail = "unknown", f"status not refreshed since {view.observed_at.isoformat()}"
    return Bot(
        id=bot.id,
        name=bot.name,
        account=bot.account,
        connector=bot.connector_id,
        exchange=bot.exchange,
        trading_pair=bot.trading_pair,
        strategy=bot.strategy,
        config=bot.config,
        desired_state=bot.desired_state,
        created_at=bot.created_at,
        updated_at=bot.updated_at,
        status=status,
        status_detail=detail,
        last_seen=runtime.last_seen,
        last_seen_status=runtime.last_seen_status,
        performance=Performance.model_validate(runtime.performance),
        recent_errors=[RecentError.model_validate(line) for line in runtime.recent_errors],
    )
