"""`/accounts`: credentials profiles and their connector credentials.

Errors answer `{"detail": ...}` with hummingbot-api's status codes (400, 404).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from simulators.hummingbot.accounts import connector_spec
from simulators.hummingbot.bots.exchange_session import verify_credentials
from simulators.hummingbot.state import Host

router = APIRouter(prefix="/accounts", tags=["Accounts"])


@router.get("")
@router.get("/", include_in_schema=False)
def list_accounts(state: Host) -> list[str]:
    """Every account name."""
    return state.accounts.names()


@router.get("/{account_name}/credentials")
def list_account_credentials(account_name: str, state: Host) -> list[str]:
    """The connectors with credentials in an account."""
    return state.accounts.connectors(account_name)


@router.post("/add-account", status_code=status.HTTP_201_CREATED)
def add_account(account_name: str, state: Host) -> dict[str, str]:
    """Create an account (`account_name` is a query parameter)."""
    state.accounts.add(account_name)
    return {"message": "Account added successfully."}


@router.post("/delete-account")
def delete_account(account_name: str, state: Host) -> dict[str, str]:
    """Delete an account and its credentials (`account_name` is a query parameter)."""
    state.accounts.delete(account_name)
    return {"message": "Account deleted successfully."}


@router.post("/add-credential/{account_name}/{connector_name}", status_code=status.HTTP_201_CREATED)
async def add_credential(
    account_name: str, connector_name: str, credentials: dict[str, Any], state: Host
) -> dict[str, str]:
    """Save a connector's credentials (its own field names, e.g. `binance_api_key`,
    `binance_api_secret`) after checking them against the exchange."""
    state.accounts.ensure_exists(account_name)
    spec = connector_spec(connector_name)
    exchange_credentials = spec.credentials_from(credentials)
    await verify_credentials(state.exchange_url, spec, exchange_credentials)
    state.accounts.save(account_name, connector_name, exchange_credentials)
    return {"message": "Connector credentials added successfully."}


@router.post("/delete-credential/{account_name}/{connector_name}")
def delete_credential(account_name: str, connector_name: str, state: Host) -> dict[str, str]:
    """Remove a connector's credentials from an account; deployed bots keep their copy."""
    state.accounts.remove(account_name, connector_name)
    return {"message": "Credential deleted successfully."}
