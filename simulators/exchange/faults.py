"""Injected faults in front of the Binance API (never the `/sim` control API).

A fault set without `account` applies to every request; one with `account` (an API key)
applies only to requests carrying that key, and wins over the global one. What each does, and
what unmodified ccxt raises for it:

- `latency_ms`: answer that much later (then normally, unless another field fails it).
- `down`: 503 with a plain-text body, as a load balancer with no backend (ExchangeNotAvailable).
- `timeout`: never answer; hold the request until the client gives up, the fault is cleared,
  or `HANG_LIMIT_S` passes (RequestTimeout on the client's side).
- `rate_limit`: 429 with `{"code": -1003}` and `Retry-After` (DDoSProtection/RateLimitExceeded).
- `status`: answer that HTTP status, with probability `error_rate` (default 1). 429 and 418
  carry Binance's -1003 body; others a plain-text body (5xx: ExchangeNotAvailable, 504:
  RequestTimeout). `error_rate` alone answers 503 at that rate.
"""

from __future__ import annotations

import asyncio
import json
import random
from http import HTTPStatus

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from simulators.exchange.binance_errors import weight_exceeded

HANG_LIMIT_S = 300.0
DEFAULT_ERROR_STATUS = 503


class FaultSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    account: str | None = None
    latency_ms: int = Field(default=0, ge=0, le=600_000)
    error_rate: float | None = Field(default=None, ge=0, le=1)
    status: int | None = Field(default=None, ge=400, le=599)
    timeout: bool = False
    down: bool = False
    rate_limit: bool = False


class FaultInjector:
    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"{seed}:faults")
        self._everyone: FaultSpec | None = None
        self._by_account: dict[str, FaultSpec] = {}
        self._released = asyncio.Event()

    @property
    def active(self) -> bool:
        return self._everyone is not None or bool(self._by_account)

    def set(self, fault: FaultSpec) -> None:
        if fault.account is None:
            self._everyone = fault
        else:
            self._by_account[fault.account] = fault

    def clear(self) -> None:
        """Remove every fault and let every held request go."""
        self._everyone = None
        self._by_account.clear()
        self._released.set()
        self._released = asyncio.Event()

    async def intercept(self, request: Request, api_key: str | None) -> Response | None:
        """The faulty answer for this request, or None to serve it normally."""
        fault = self._by_account.get(api_key or "") or self._everyone
        if fault is None:
            return None
        if fault.latency_ms:
            await asyncio.sleep(fault.latency_ms / 1000)
        if fault.down:
            return _plain(HTTPStatus.SERVICE_UNAVAILABLE)
        if fault.timeout:
            await self._hold(request)
            return _plain(HTTPStatus.GATEWAY_TIMEOUT)
        if fault.rate_limit:
            return _rate_limited(HTTPStatus.TOO_MANY_REQUESTS)
        return self._random_error(fault)

    def _random_error(self, fault: FaultSpec) -> Response | None:
        if fault.status is None and fault.error_rate is None:
            return None
        rate = 1.0 if fault.error_rate is None else fault.error_rate
        if self._rng.random() >= rate:
            return None
        status = HTTPStatus(fault.status or DEFAULT_ERROR_STATUS)
        if status in (HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.IM_A_TEAPOT):
            return _rate_limited(status)
        return _plain(status)

    async def _hold(self, request: Request) -> None:
        waiters = {
            asyncio.ensure_future(_client_gone(request)),
            asyncio.ensure_future(self._released.wait()),
        }
        _, pending = await asyncio.wait(
            waiters, timeout=HANG_LIMIT_S, return_when=asyncio.FIRST_COMPLETED
        )
        for waiter in pending:
            waiter.cancel()
        await asyncio.gather(*pending, return_exceptions=True)


async def _client_gone(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _plain(status: HTTPStatus) -> Response:
    return PlainTextResponse(f"{status.value} {status.phrase}", status_code=status.value)


def _rate_limited(status: HTTPStatus) -> Response:
    error = weight_exceeded(6000)
    body = json.dumps({"code": error.code, "msg": error.msg})
    return Response(
        body, status_code=status.value, media_type="application/json", headers={"Retry-After": "60"}
    )
