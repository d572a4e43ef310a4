"""Starting and stopping a bot on the host, inside the caller's transaction.

Start: the account's credentials profile and the connector's credentials (fetched sealed from
the control plane, opened here, never logged) are put on the host, the strategy is saved as a
controller config and deployed; the deployment is the bot's new run. Stop: the host's last
report is taken as the run's final performance, then the instance is stopped (its orders
cancelled) and archived. Starts and stops of one account are serialised by an advisory lock,
since a credentials profile holds one credential per exchange.
"""

from __future__ import annotations

from dataclasses import replace

from services.hummingbot_adapter.accounts import repository as accounts
from services.hummingbot_adapter.accounts.schemas import Connector
from services.hummingbot_adapter.bot_host.client import BotHostClient, BotHostRefused
from services.hummingbot_adapter.bot_host.connectors import hummingbot_connector
from services.hummingbot_adapter.bots import repository
from services.hummingbot_adapter.bots.repository import OpenRun
from services.hummingbot_adapter.bots.runtime import (
    STARTING,
    BotRuntime,
    closed_executors,
    summarize,
)
from services.hummingbot_adapter.bots.schemas import BotDefinition
from services.hummingbot_adapter.bots.status import RuntimeChange, record_runtimes
from services.hummingbot_adapter.strategies.controllers import controller_config
from services.hummingbot_adapter.strategies.schemas import parse_strategy_config
from shared.control_plane_client import ControlPlaneClient
from shared.db import Connection
from shared.events import utc_now
from shared.logging import register_secret

STILL_UP = ("running", "idle", "unknown")


class ConnectorUnusable(Exception):
    """The bot's connector is removed, unsupported, or has no credential on the control plane."""


class BotLifecycle:
    def __init__(self, host: BotHostClient, control_plane: ControlPlaneClient) -> None:
        self.host = host
        self.control_plane = control_plane

    async def start(self, conn: Connection, bot: BotDefinition) -> None:
        await lock_account(conn, bot.account)
        run = await repository.open_run(conn, bot.id)
        if run is not None:
            runtime = await repository.get_runtime(conn, bot.id)
            if runtime is None or runtime.status in STILL_UP:
                await repository.set_desired_state(conn, bot.id, "running")
                return
            await self._stop_on_host(conn, bot, run, f"restarted after {runtime.status}")
        connector = await accounts.get_connector(conn, bot.connector_id)
        if connector is None or not connector.live:
            raise ConnectorUnusable(f"connector {bot.connector_id} was removed")
        await self.push_credentials(conn, connector)
        run = await self._deploy(conn, bot, connector)
        await repository.set_desired_state(conn, bot.id, "running")
        starting = BotRuntime(status="idle", detail=STARTING, last_seen=run.started_at)
        await self._record(conn, bot, starting)

    async def push_credentials(self, conn: Connection, connector: Connector) -> None:
        """Put the connector's current credentials in the account's profile on the host."""
        target = hummingbot_connector(connector.exchange)
        if target is None:
            raise ConnectorUnusable(f"exchange {connector.exchange} has no Hummingbot connector")
        found = await self.control_plane.credentials([connector.connector_id])
        if not found:
            raise ConnectorUnusable(
                f"the control plane has no credential for connector {connector.connector_id}"
            )
        fields = target.credential_fields(found[0].credential)
        for value in fields.values():
            register_secret(value)
        await self.host.ensure_account(connector.account)
        await accounts.set_on_host(conn, connector.account, True)
        await self.host.add_credential(connector.account, target.name, fields)

    async def _deploy(self, conn: Connection, bot: BotDefinition, connector: Connector) -> OpenRun:
        target = hummingbot_connector(connector.exchange)
        assert target is not None
        strategy = parse_strategy_config(bot.strategy, bot.config)
        config = controller_config(bot.name, target.name, bot.trading_pair, strategy)
        await self.host.save_controller_config(bot.name, config)
        instance = await self.host.deploy_controllers(bot.name, bot.account, [bot.name])
        return await repository.insert_run(conn, bot.id, instance, bot.name)

    async def stop(self, conn: Connection, bot: BotDefinition, reason: str) -> None:
        await lock_account(conn, bot.account)
        run = await repository.open_run(conn, bot.id)
        if run is not None:
            await self._stop_on_host(conn, bot, run, reason)
        await repository.set_desired_state(conn, bot.id, "stopped", reason)

    async def _stop_on_host(
        self, conn: Connection, bot: BotDefinition, run: OpenRun, reason: str
    ) -> None:
        try:
            last_report = await self.host.bot_status(run.instance_name)
        except BotHostRefused:
            last_report = None
        await self.host.stop_and_archive(run.instance_name, cancel_orders=True)
        stored = await repository.get_runtime(conn, bot.id) or BotRuntime()
        performance = stored.performance
        if last_report is not None and last_report.performance:
            performance = summarize(last_report)
        final_status = "error" if last_report and last_report.status == "error" else "stopped"
        await repository.close_run(
            conn,
            run.id,
            final_status=final_status,
            stop_reason=reason,
            final_performance=performance,
            trades_count=closed_executors(performance),
        )
        now = utc_now()
        stopped = replace(
            stored, status="stopped", detail=reason, last_seen_status="stopped", last_seen=now
        )
        await self._record(conn, bot, replace(stopped, performance=performance))

    async def _record(self, conn: Connection, bot: BotDefinition, runtime: BotRuntime) -> None:
        previous = await repository.get_runtime(conn, bot.id)
        await record_runtimes(conn, [RuntimeChange(bot.id, bot.account, previous, runtime)])


async def lock_account(conn: Connection, account: str) -> None:
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtext('hummingbot-adapter:account:' || $1))", account
    )
