"""Everything one simulated host holds, and the dependency that hands it to a route."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from simulators.hummingbot.accounts import AccountBook
from simulators.hummingbot.controller_configs import ControllerConfigStore
from simulators.hummingbot.faults import FaultState
from simulators.hummingbot.orchestrator import BotHost


@dataclass
class HostState:
    host: BotHost
    accounts: AccountBook = field(default_factory=AccountBook)
    configs: ControllerConfigStore = field(default_factory=ControllerConfigStore)
    faults: FaultState = field(default_factory=FaultState)

    @property
    def exchange_url(self) -> str:
        return self.host.settings.exchange_url

    async def reset(self) -> None:
        await self.host.shutdown()
        self.accounts.clear()
        self.configs.clear()
        self.faults.clear()


def host_state(request: Request) -> HostState:
    state: HostState = request.app.state.host
    return state


Host = Annotated[HostState, Depends(host_state)]
