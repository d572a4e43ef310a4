"""Faults on demand and a count of the calls received, both applied in front of every
hummingbot-api route (the `/sim/*` control routes are never faulted).

- `down`: every route answers 503 with `Connection: close`, as a proxy in front of a dead
  host does; an httpx client sees an unavailable service.
- `status`: every route answers that HTTP status.
- `latency_ms`: every route answers that much later (with a client timeout below it, the
  host looks hung).
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from dataclasses import dataclass, field

from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTROL_PREFIX = "/sim/"


class Faults(BaseModel):
    down: bool = False
    latency_ms: int = Field(default=0, ge=0, le=60_000)
    status: int | None = Field(default=None, ge=400, le=599)


@dataclass
class CallCounter:
    by_route: Counter[str] = field(default_factory=Counter)

    def record(self, route: str) -> None:
        self.by_route[route] += 1

    def summary(self) -> dict[str, object]:
        return {"total": self.by_route.total(), "routes": dict(self.by_route)}

    def clear(self) -> None:
        self.by_route.clear()


@dataclass
class FaultState:
    faults: Faults = field(default_factory=Faults)
    calls: CallCounter = field(default_factory=CallCounter)

    def clear(self) -> None:
        self.faults = Faults()
        self.calls.clear()


class FaultMiddleware:
    def __init__(self, app: ASGIApp, state: FaultState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(CONTROL_PREFIX):
            await self.app(scope, receive, send)
            return
        try:
            await self._faulted(scope, receive, send)
        finally:
            self.state.calls.record(_route_of(scope))

    async def _faulted(self, scope: Scope, receive: Receive, send: Send) -> None:
        faults = self.state.faults
        if faults.latency_ms:
            await asyncio.sleep(faults.latency_ms / 1000)
        if faults.down:
            await _answer(send, 503, {"detail": "Service Unavailable"}, close=True)
        elif faults.status is not None:
            await _answer(send, faults.status, {"detail": "Simulated fault"}, close=False)
        else:
            await self.app(scope, receive, send)


def _route_of(scope: Scope) -> str:
    """`METHOD /path/template` once the router has matched, else the raw path."""
    route = scope.get("route")
    path = getattr(route, "path", None) or scope["path"]
    return f"{scope['method']} {path}"


async def _answer(send: Send, status: int, body: dict[str, str], close: bool) -> None:
    payload = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(payload))]
    if close:
        headers.append((b"connection", b"close"))
    start: Message = {"type": "http.response.start", "status": status, "headers": headers}
    await send(start)
    await send({"type": "http.response.body", "body": payload})
