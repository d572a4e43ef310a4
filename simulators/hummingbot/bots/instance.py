"""One deployed bot: what a Hummingbot container running `v2_with_controllers` is.

The bot is an asyncio task running, for each controller, its strategy loop and its
performance reporter. Stopping cancels the task, which cancels the bot's resting orders
(unless told not to) and closes its exchange sessions on the way out. A crash is an
exception that ends the task: the bot keeps its log line and its orders stay on the book.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import ccxt.async_support as ccxt
from ccxt.async_support import Exchange

from simulators.hummingbot.accounts import ExchangeCredentials
from simulators.hummingbot.bots.controller import Controller
from simulators.hummingbot.bots.dca import DcaController
from simulators.hummingbot.bots.exchange_session import ExchangeSessions
from simulators.hummingbot.bots.logbook import Logbook
from simulators.hummingbot.bots.market import NoPrice
from simulators.hummingbot.bots.spread import SpreadController
from simulators.hummingbot.controller_configs import ControllerConfig, SpreadControllerConfig

BOT_LOG = "v2_with_controllers"
RECOVERABLE = (ccxt.BaseError, NoPrice)


class BotState(StrEnum):
    RUNNING = "running"
    STOPPED = "stopped"
    CRASHED = "error"


class SimulatedCrash(Exception):
    pass


@dataclass(frozen=True)
class BotSettings:
    exchange_url: str
    report_interval: float = 5.0
    activity_window: float = 30.0


def build_controller(config: ControllerConfig, logbook: Logbook, since_ms: int) -> Controller:
    if isinstance(config, SpreadControllerConfig):
        return SpreadController(config, logbook, since_ms)
    return DcaController(config, logbook, since_ms)


class BotInstance:
    def __init__(
        self,
        name: str,
        credentials: dict[str, ExchangeCredentials],
        configs: list[ControllerConfig],
        settings: BotSettings,
    ) -> None:
        self.name = name
        self.logbook = Logbook(name)
        since_ms = int(time.time() * 1000)
        self.controllers = [build_controller(config, self.logbook, since_ms) for config in configs]
        self.reports: dict[str, dict[str, Any]] = {}
        self.state = BotState.STOPPED
        self._credentials = credentials
        self._settings = settings
        self._last_report_at: float | None = None
        self._task: asyncio.Task[None] | None = None
        self._crash = asyncio.Event()
        self._crash_reason = ""
        self._cancel_orders_on_stop = True

    async def start(self) -> None:
        if self.state is BotState.RUNNING:
            return
        await self.wait_closed()
        self.state = BotState.RUNNING
        self._crash.clear()
        self.logbook.info(BOT_LOG, f"Starting {len(self.controllers)} controller(s)")
        self._task = asyncio.create_task(self._run(), name=f"bot:{self.name}")

    def stop(self, cancel_orders: bool) -> None:
        """Stop trading; the stop finishes in the background, as a bot obeys a command."""
        was_running = self.state is BotState.RUNNING
        self.state = BotState.STOPPED
        self.reports.clear()
        self._cancel_orders_on_stop = cancel_orders
        if was_running and self._task is not None:
            self.logbook.info(BOT_LOG, "Stopping")
            self._task.cancel()

    def crash(self, reason: str) -> None:
        self._crash_reason = reason
        self._crash.set()

    async def wait_closed(self) -> None:
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    def status(self) -> dict[str, Any]:
        """The bot's status object, with hummingbot-api's rules for running, idle and stopped."""
        recently_active = self._recently_active()
        performance = {
            controller_id: {"status": "running", "performance": report}
            for controller_id, report in self.reports.items()
        }
        status = "stopped"
        if self.state is BotState.CRASHED:
            status = "error"
        elif performance:
            status = "running" if recently_active else "idle"
        return {
            "status": status,
            "performance": performance,
            "error_logs": list(self.logbook.errors),
            "general_logs": list(self.logbook.general),
            "recently_active": recently_active,
        }

    def _recently_active(self) -> bool:
        # A stopped Hummingbot still heartbeats; a crashed one is silent.
        if self.state is BotState.STOPPED:
            return True
        if self.state is BotState.CRASHED or self._last_report_at is None:
            return False
        return time.monotonic() - self._last_report_at <= self._settings.activity_window

    async def _run(self) -> None:
        sessions = ExchangeSessions(self._settings.exchange_url, self._credentials)
        try:
            async with asyncio.TaskGroup() as group:
                for controller in self.controllers:
                    exchange = sessions.open(controller.config.connector_name)
                    self._drive(group, controller, exchange)
                group.create_task(self._watch_for_crash())
        except* Exception as failure:
            self._record_crash(_first_leaf(failure))
        finally:
            await self._wind_down(sessions)

    def _drive(self, group: asyncio.TaskGroup, controller: Controller, exchange: Exchange) -> None:
        group.create_task(
            self._every(controller.interval, controller.id, lambda: controller.tick(exchange))
        )
        group.create_task(
            self._every(
                self._settings.report_interval,
                controller.id,
                lambda: self._report(controller, exchange),
            )
        )

    async def _every(
        self, seconds: float, source: str, action: Callable[[], Awaitable[None]]
    ) -> None:
        """Repeat `action`; exchange errors are logged and retried, as Hummingbot does."""
        while True:
            try:
                await action()
            except RECOVERABLE as error:
                self.logbook.error(source, f"{type(error).__name__}: {error}")
            await asyncio.sleep(seconds)

    async def _report(self, controller: Controller, exchange: Exchange) -> None:
        report = await controller.measure(exchange)
        if self.state is BotState.RUNNING:
            self.reports[controller.id] = report
            self._last_report_at = time.monotonic()

    async def _watch_for_crash(self) -> None:
        await self._crash.wait()
        raise SimulatedCrash(self._crash_reason)

    def _record_crash(self, error: BaseException) -> None:
        self.state = BotState.CRASHED
        self.reports.clear()
        self.logbook.error(BOT_LOG, f"Bot crashed: {type(error).__name__}: {error}")

    async def _wind_down(self, sessions: ExchangeSessions) -> None:
        try:
            if self.state is BotState.STOPPED and self._cancel_orders_on_stop:
                await self._cancel_all_orders(sessions)
        finally:
            await sessions.close()
            self.logbook.info(BOT_LOG, f"Stopped ({self.state})")

    async def _cancel_all_orders(self, sessions: ExchangeSessions) -> None:
        for controller in self.controllers:
            exchange = sessions.open(controller.config.connector_name)
            try:
                cancelled = await controller.cancel_open_orders(exchange)
                self.logbook.info(controller.id, f"Cancelled {cancelled} open order(s)")
            except RECOVERABLE as error:
                self.logbook.error(controller.id, f"Could not cancel orders: {error}")


def _first_leaf(group: BaseExceptionGroup[Exception]) -> BaseException:
    first = group.exceptions[0]
    return _first_leaf(first) if isinstance(first, BaseExceptionGroup) else first
