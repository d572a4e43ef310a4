"""The request pipeline every Binance endpoint shares, kept lean because benchmarks hammer it.

Faults first (they stand for the network and the load balancer), then request weight, then,
for SIGNED endpoints, API key, signature and timestamp; then the handler. Any `BinanceError`
becomes Binance's `{"code", "msg"}` body with its HTTP status.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulators.exchange.accounts import Account
from simulators.exchange.binance_errors import BinanceError, weight_exceeded
from simulators.exchange.clock import now_ms
from simulators.exchange.exchange import Exchange
from simulators.exchange.params import Params
from simulators.exchange.signing import authenticate, check_timestamp
from simulators.exchange.state import SimulatorState

API_KEY_HEADER = "x-mbx-apikey"
USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M"


@dataclass(slots=True, frozen=True)
class Call:
    """What a handler gets: the parameters, the exchange and, when SIGNED, the account."""

    params: Params
    exchange: Exchange
    now: int
    account_or_none: Account | None = None

    @property
    def account(self) -> Account:
        assert self.account_or_none is not None, "only SIGNED endpoints have an account"
        return self.account_or_none


Handler = Callable[[Call], Any]
Weight = int | Callable[[Params], int]


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    handler: Handler
    weight: Weight
    signed: bool = False


def binance_route(endpoint: Endpoint, state: SimulatorState) -> Route:
    async def serve(request: Request) -> Response:
        api_key = request.headers.get(API_KEY_HEADER)
        if state.faults.active:
            faulty = await state.faults.intercept(request, api_key)
            if faulty is not None:
                return faulty
        body = await request.body()
        raw_query: bytes = request.scope["query_string"]
        params = Params(_merged_params(raw_query, body))
        now = now_ms()
        used = _charge(state, request, api_key, endpoint, params, now)
        headers = {USED_WEIGHT_HEADER: str(used)}
        try:
            if state.weights.exceeded(used):
                headers["Retry-After"] = str(state.weights.retry_after_seconds(now))
                raise weight_exceeded(state.weights.limit)
            account = None
            if endpoint.signed:
                account = authenticate(state.exchange.accounts, api_key, raw_query, body)
                check_timestamp(params, now)
            result = endpoint.handler(Call(params, state.exchange, now, account))
        except BinanceError as error:
            return _json({"code": error.code, "msg": error.msg}, error.status, headers)
        return _json(result, 200, headers)

    return Route(endpoint.path, serve, methods=[endpoint.method])


def _merged_params(raw_query: bytes, body: bytes) -> dict[str, str]:
    """Body and query parameters; the query string wins, as on Binance."""
    params = dict(parse_qsl(body.decode("utf-8", "replace"))) if body else {}
    if raw_query:
        params.update(parse_qsl(raw_query.decode("utf-8", "replace")))
    return params


def _charge(
    state: SimulatorState,
    request: Request,
    api_key: str | None,
    endpoint: Endpoint,
    params: Params,
    now: int,
) -> int:
    weight = endpoint.weight if isinstance(endpoint.weight, int) else endpoint.weight(params)
    client = request.client.host if request.client else "unknown"
    if state.weight_by_api_key and api_key:
        client = api_key
    return state.weights.charge(client, weight, now)


def _json(content: Any, status: int, headers: dict[str, str]) -> Response:
    body = content if isinstance(content, bytes) else json.dumps(content, separators=(",", ":"))
    return Response(body, status_code=status, headers=headers, media_type="application/json")
