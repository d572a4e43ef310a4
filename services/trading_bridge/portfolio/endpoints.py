"""Portfolio and balances of an account, and their seed-compatible wallet aliases."""

from __future__ import annotations

from fastapi import APIRouter

from services.trading_bridge.accounts import RequestedAccount, WalletAccount
from services.trading_bridge.dependencies import Balances as BalanceBookDep
from services.trading_bridge.dependencies import Prices
from services.trading_bridge.portfolio import service
from services.trading_bridge.portfolio.schemas import Balances, Portfolio
from shared.errors import DependencyUnavailable, NotFound, Unauthorized, Unprocessable, responses

router = APIRouter(tags=["portfolio"])
ERRORS = responses(Unauthorized, NotFound, Unprocessable, DependencyUnavailable)


@router.get("/api/portfolio", response_model=Portfolio, responses=ERRORS)
async def get_portfolio(scope: RequestedAccount, book: BalanceBookDep, prices: Prices) -> Portfolio:
    """The account's balances on every connector, valued in USD by each exchange's tickers.

    Connectors are read concurrently; one that fails shows its last good balances as `stale`
    (with their time) or `error`, and `partial` says the total is not the whole account.
    """
    return await service.portfolio(scope, book, prices)


@router.get("/api/balances", response_model=Balances, responses=ERRORS)
async def get_balances(scope: RequestedAccount, book: BalanceBookDep) -> Balances:
    """The account's balances, one row per connector and asset held."""
    return await service.balances(scope, book)


@router.get("/api/clients/portfolio", response_model=Portfolio, responses=ERRORS)
async def get_wallet_portfolio(
    scope: WalletAccount, book: BalanceBookDep, prices: Prices
) -> Portfolio:
    """Seed-compatible: the portfolio of the account owning `wallet_address`."""
    return await service.portfolio(scope, book, prices)


@router.get("/api/clients/balances", response_model=Balances, responses=ERRORS)
async def get_wallet_balances(scope: WalletAccount, book: BalanceBookDep) -> Balances:
    """Seed-compatible: the balances of the account owning `wallet_address`."""
    return await service.balances(scope, book)
