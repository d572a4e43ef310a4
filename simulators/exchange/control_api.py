"""The `/sim` control API: accounts, markets, prices, faults, limits and reset.

Never part of Binance's surface: tests and the demo use it to shape the exchange. Errors answer
`{"error": ClassName, "detail": text}`; 422 for a payload that does not validate.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from simulators.exchange.accounts import Account
from simulators.exchange.amounts import format_amount
from simulators.exchange.binance_errors import BinanceError
from simulators.exchange.binance_format import account_trade, order_query
from simulators.exchange.config import AccountSpec, MarketSpec
from simulators.exchange.faults import FaultSpec
from simulators.exchange.market import Market
from simulators.exchange.state import SimulatorState

Model = TypeVar("Model", bound=BaseModel)


class SyntheticMarkets(BaseModel):
    model_config = ConfigDict(extra="forbid")
    synthetic: int = Field(ge=1, le=20_000)


class PriceMove(BaseModel):
    model_config = ConfigDict(extra="forbid")
    symbol: str
    price: Decimal = Field(gt=0)


class WalkSteps(BaseModel):
    model_config = ConfigDict(extra="forbid")
    symbol: str | None = None
    steps: int = Field(default=1, ge=1, le=100_000)


class Limits(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weight_limit: int = Field(ge=0, description="request weight per minute; 0 disables")
    weight_scope: Literal["ip", "api_key"] = "ip"


class ControlError(Exception):
    def __init__(self, status: int, error: str, detail: Any) -> None:
        self.status, self.error, self.detail = status, error, detail


def control_routes(state: SimulatorState) -> list[Route]:
    exchange = state.exchange

    async def put_account(request: Request) -> Response:
        """Create an account, or update its secret, withdraw permission and listed balances."""
        account = exchange.upsert_account(await _payload(request, AccountSpec))
        return JSONResponse(_account_view(account))

    async def get_account(request: Request) -> Response:
        """Balances, orders and fills of one account (never its secret)."""
        account = exchange.accounts.get(request.path_params["api_key"])
        if account is None:
            raise ControlError(404, "AccountNotFound", "no account with this API key")
        return JSONResponse(_account_view(account))

    async def add_markets(request: Request) -> Response:
        """One market (`MarketSpec`), or `{"synthetic": N}` more generated ones."""
        body = await _json_body(request)
        if isinstance(body, dict) and "synthetic" in body:
            count = _validate(SyntheticMarkets, body).synthetic
            return JSONResponse(
                {"markets": [_market_view(m) for m in exchange.add_synthetic_markets(count)]}
            )
        return JSONResponse(_market_view(exchange.add_market(_validate(MarketSpec, body))))

    async def list_markets(request: Request) -> Response:
        return JSONResponse({"markets": [_market_view(m) for m in exchange.markets.values()]})

    async def move_price(request: Request) -> Response:
        """Set a market's mid; resting orders it crosses fill."""
        move = await _payload(request, PriceMove)
        return JSONResponse(_market_view(exchange.set_price(_symbol_id(move.symbol), move.price)))

    async def step(request: Request) -> Response:
        """Advance the seeded random walk of one market, or of all."""
        walk = await _payload(request, WalkSteps)
        symbol = _symbol_id(walk.symbol) if walk.symbol else None
        return JSONResponse(
            {"markets": [_market_view(m) for m in exchange.step(symbol, walk.steps)]}
        )

    async def set_fault(request: Request) -> Response:
        fault = await _payload(request, FaultSpec)
        state.faults.set(fault)
        return JSONResponse(fault.model_dump(exclude_none=True))

    async def clear_faults(request: Request) -> Response:
        state.faults.clear()
        return JSONResponse({"faults": "cleared"})

    async def set_limits(request: Request) -> Response:
        limits = await _payload(request, Limits)
        state.set_limits(limits.weight_limit, by_api_key=limits.weight_scope == "api_key")
        return JSONResponse(limits.model_dump())

    async def reset(request: Request) -> Response:
        """Back to the configured markets and accounts; no orders, fills or faults."""
        state.reset()
        return JSONResponse({"reset": True})

    handlers = [
        ("POST", "/sim/accounts", put_account),
        ("GET", "/sim/accounts/{api_key}", get_account),
        ("POST", "/sim/markets", add_markets),
        ("GET", "/sim/markets", list_markets),
        ("POST", "/sim/prices", move_price),
        ("POST", "/sim/step", step),
        ("POST", "/sim/faults", set_fault),
        ("DELETE", "/sim/faults", clear_faults),
        ("POST", "/sim/limits", set_limits),
        ("POST", "/sim/reset", reset),
    ]
    return [Route(path, _answering_errors(h), methods=[m]) for m, path, h in handlers]


def _answering_errors(handler: Any) -> Any:
    async def endpoint(request: Request) -> Response:
        try:
            response: Response = await handler(request)
        except ControlError as error:
            return JSONResponse({"error": error.error, "detail": error.detail}, error.status)
        except BinanceError as error:
            return JSONResponse({"error": "UnknownSymbol", "detail": error.msg}, 404)
        return response

    endpoint.__doc__ = handler.__doc__
    return endpoint


async def _json_body(request: Request) -> Any:
    try:
        return json.loads(await request.body() or b"{}")
    except json.JSONDecodeError as error:
        raise ControlError(422, "ValidationError", f"body is not JSON: {error}") from None


async def _payload(request: Request, model: type[Model]) -> Model:
    return _validate(model, await _json_body(request))


def _validate(model: type[Model], body: Any) -> Model:
    try:
        return model.model_validate(body)
    except ValidationError as error:
        detail = error.errors(include_url=False, include_input=False)
        raise ControlError(
            422, "ValidationError", json.loads(json.dumps(detail, default=str))
        ) from None


def _symbol_id(symbol: str) -> str:
    """`BTC/USDT` or `BTCUSDT` as the exchange's id."""
    return symbol.replace("/", "").upper()


def _market_view(market: Market) -> dict[str, Any]:
    return {
        "symbol": market.unified_symbol,
        "id": market.symbol,
        "price": format_amount(market.mid),
        "tick_size": format_amount(market.rules.tick_size),
        "step_size": format_amount(market.rules.step_size),
        "min_notional": format_amount(market.rules.min_notional),
    }


def _account_view(account: Account) -> dict[str, Any]:
    return {
        "api_key": account.api_key,
        "can_withdraw": account.can_withdraw,
        "balances": {
            asset: {"free": format_amount(b.free), "locked": format_amount(b.locked)}
            for asset, b in sorted(account.balances.items())
        },
        "orders": [order_query(order) for order in account.orders.values()],
        "trades": [account_trade(fill) for fills in account.fills.values() for fill in fills],
    }
