"""What endpoints receive besides the request's connection: the adapter's long-lived parts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import httpx
from fastapi import Depends, Request

from services.hummingbot_adapter.bot_host.client import BotHostRefused, BotHostUnavailable
from services.hummingbot_adapter.bots.lifecycle import BotLifecycle, ConnectorUnusable
from services.hummingbot_adapter.settings import HummingbotAdapterSettings
from shared.control_plane_client import ControlPlaneClient, ControlPlaneUnavailable
from shared.errors import AppError, Conflict, DependencyUnavailable


class BotHostError(AppError):
    """The bot host refused the command (its reason is in the detail)."""

    status_code = 502


def _lifecycle(request: Request) -> BotLifecycle:
    lifecycle: BotLifecycle = request.app.state.lifecycle
    return lifecycle


def _control_plane(request: Request) -> ControlPlaneClient:
    return _lifecycle(request).control_plane


def _settings(request: Request) -> HummingbotAdapterSettings:
    settings: HummingbotAdapterSettings = request.app.state.runtime.settings
    return settings


Lifecycle = Annotated[BotLifecycle, Depends(_lifecycle)]
ControlPlane = Annotated[ControlPlaneClient, Depends(_control_plane)]
Settings = Annotated[HummingbotAdapterSettings, Depends(_settings)]


@contextmanager
def answering_for_dependencies() -> Iterator[None]:
    """Turn a failure of the bot host or the control plane into the API's error answers."""
    try:
        yield
    except BotHostUnavailable as error:
        raise DependencyUnavailable(str(error)) from None
    except BotHostRefused as error:
        raise BotHostError(str(error)) from None
    except (ControlPlaneUnavailable, httpx.HTTPError) as error:
        raise DependencyUnavailable(f"control plane: {error}") from None
    except ConnectorUnusable as error:
        raise Conflict(str(error)) from None
