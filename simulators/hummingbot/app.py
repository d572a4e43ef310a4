"""The ASGI factory of the bot host simulator.

Every hummingbot-api route needs HTTP Basic auth; `/sim/*` needs none. Faults and the call
counter sit in front of the hummingbot-api routes only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from simulators.hummingbot.accounts import AccountError
from simulators.hummingbot.auth import ApiUser, require_user
from simulators.hummingbot.bots.instance import BotSettings
from simulators.hummingbot.controller_configs import ControllerConfigNotFound
from simulators.hummingbot.faults import FaultMiddleware
from simulators.hummingbot.orchestrator import BotHost
from simulators.hummingbot.routes import accounts, controllers, orchestration, sim
from simulators.hummingbot.state import HostState


def create_app(
    exchange_url: str,
    username: str = "admin",
    password: str = "admin",  # noqa: S107 (hummingbot-api's default user, as asked)
    *,
    report_interval: float = 5.0,
    activity_window: float = 30.0,
) -> FastAPI:
    """`report_interval`: seconds between two performance reports of a controller (each
    costs about 28 Binance request weight: myTrades, openOrders, ticker); `activity_window`:
    how recent the last report must be for `running` (else `idle`)."""
    settings = BotSettings(exchange_url.rstrip("/"), report_interval, activity_window)
    state = HostState(host=BotHost(settings))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await state.host.shutdown()

    app = FastAPI(title="Hummingbot API (simulator)", lifespan=lifespan)
    app.state.host = state
    app.state.api_user = ApiUser(username, password)
    authenticated = [Depends(require_user)]
    for router in (orchestration.router, accounts.router, controllers.router):
        app.include_router(router, dependencies=authenticated)
    app.include_router(sim.router)
    app.add_exception_handler(AccountError, _account_error)
    app.add_exception_handler(ControllerConfigNotFound, _config_not_found)
    app.add_middleware(FaultMiddleware, state=state.faults)
    return app


async def _account_error(_: Request, error: Exception) -> JSONResponse:
    status_code = error.status_code if isinstance(error, AccountError) else 400
    return JSONResponse({"detail": str(error)}, status_code=status_code)


async def _config_not_found(_: Request, error: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(error)}, status_code=404)
