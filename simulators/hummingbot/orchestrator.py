"""The bot host: deploys bots from saved controller configs and a credentials profile,
and starts, stops, crashes and reports on them by name."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from simulators.hummingbot.accounts import AccountBook, AccountError, ExchangeCredentials
from simulators.hummingbot.bots.instance import BotInstance, BotSettings
from simulators.hummingbot.controller_configs import (
    ControllerConfig,
    ControllerConfigNotFound,
    ControllerConfigStore,
    parse_controller_config,
)
from simulators.hummingbot.schemas import V2ControllerDeployment

INSTANCE_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


class DeploymentRefused(Exception):
    pass


@dataclass
class BotHost:
    settings: BotSettings
    bots: dict[str, BotInstance] = field(default_factory=dict)

    async def deploy(
        self,
        deployment: V2ControllerDeployment,
        accounts: AccountBook,
        configs: ControllerConfigStore,
    ) -> dict[str, Any]:
        """Create and start an instance named `<instance_name>-<YYYYmmdd-HHMMSS>`, as
        hummingbot-api does; a refusal is `success: false` with the reason."""
        try:
            bot = self._instance(deployment, accounts, configs)
        except DeploymentRefused as refusal:
            return {"success": False, "message": str(refusal)}
        self.bots[bot.name] = bot
        await bot.start()
        return {
            "success": True,
            "message": f"Instance {bot.name} created successfully.",
            "script_config_generated": f"{bot.name}.yml",
            "controllers_deployed": deployment.controllers_config,
            "unique_instance_name": bot.name,
        }

    def _instance(
        self,
        deployment: V2ControllerDeployment,
        accounts: AccountBook,
        configs: ControllerConfigStore,
    ) -> BotInstance:
        if not INSTANCE_NAME.match(deployment.instance_name):
            raise DeploymentRefused(f"Invalid instance name '{deployment.instance_name}'.")
        name = f"{deployment.instance_name}-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
        if name in self.bots:
            raise DeploymentRefused(f"Conflict: the instance name '{name}' is already in use.")
        controllers = [_load(config_name, configs) for config_name in deployment.controllers_config]
        credentials = _credentials_for(deployment.credentials_profile, controllers, accounts)
        return BotInstance(name, credentials, controllers, self.settings)

    def get(self, name: str) -> BotInstance | None:
        return self.bots.get(name)

    def statuses(self) -> dict[str, dict[str, Any]]:
        return {name: {**bot.status(), "source": "docker"} for name, bot in self.bots.items()}

    async def remove(self, name: str, cancel_orders: bool) -> None:
        bot = self.bots.pop(name)
        bot.stop(cancel_orders)
        await bot.wait_closed()

    async def shutdown(self, cancel_orders: bool = True) -> None:
        bots = list(self.bots.values())
        self.bots.clear()
        for bot in bots:
            bot.stop(cancel_orders)
        await asyncio.gather(*(bot.wait_closed() for bot in bots))


def _load(config_name: str, configs: ControllerConfigStore) -> ControllerConfig:
    name = config_name.removesuffix(".yml")
    try:
        return parse_controller_config(name, configs.get(name))
    except ControllerConfigNotFound as missing:
        raise DeploymentRefused(str(missing)) from None
    except ValidationError as invalid:
        raise DeploymentRefused(f"Invalid controller config '{name}': {invalid}") from None


def _credentials_for(
    profile: str, controllers: list[ControllerConfig], accounts: AccountBook
) -> dict[str, ExchangeCredentials]:
    """The profile's credentials, copied: a bot keeps what it was deployed with."""
    try:
        credentials = accounts.snapshot(profile)
    except AccountError as error:
        raise DeploymentRefused(str(error)) from None
    missing = sorted({c.connector_name for c in controllers} - credentials.keys())
    if missing:
        raise DeploymentRefused(f"No credentials for {', '.join(missing)} in '{profile}'.")
    return credentials
