"""Accounts (credentials profiles) and the connector credentials saved under each.

Hummingbot names credential fields after the connector (`binance_api_key`,
`binance_api_secret`); this book stores them that way and translates them to ccxt's
`apiKey`/`secret` when a bot needs an exchange session.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MASTER_ACCOUNT = "master_account"


class AccountError(Exception):
    """A request about accounts that cannot be satisfied; `status_code` says how."""

    status_code = 400


class AccountNotFound(AccountError):
    status_code = 404


class CredentialNotFound(AccountError):
    status_code = 404


@dataclass(frozen=True)
class ExchangeCredentials:
    api_key: str
    secret: str

    def __repr__(self) -> str:
        return f"ExchangeCredentials(api_key=...{self.api_key[-4:]})"


@dataclass(frozen=True)
class ConnectorSpec:
    """Which ccxt exchange a Hummingbot connector name maps to, and its field names."""

    ccxt_id: str
    api_key_field: str
    secret_field: str

    def credentials_from(self, fields: dict[str, str]) -> ExchangeCredentials:
        missing = [name for name in (self.api_key_field, self.secret_field) if not fields.get(name)]
        if missing:
            raise AccountError(f"Missing credential fields: {', '.join(missing)}")
        return ExchangeCredentials(fields[self.api_key_field], fields[self.secret_field])


SUPPORTED_CONNECTORS = {
    "binance": ConnectorSpec("binance", "binance_api_key", "binance_api_secret"),
}


def connector_spec(connector: str) -> ConnectorSpec:
    spec = SUPPORTED_CONNECTORS.get(connector)
    if spec is None:
        supported = ", ".join(sorted(SUPPORTED_CONNECTORS))
        raise AccountError(f"Connector '{connector}' is not simulated (supported: {supported})")
    return spec


@dataclass
class AccountBook:
    credentials: dict[str, dict[str, ExchangeCredentials]] = field(
        default_factory=lambda: {MASTER_ACCOUNT: {}}
    )

    def names(self) -> list[str]:
        return sorted(self.credentials)

    def add(self, account: str) -> None:
        if account in self.credentials:
            raise AccountError("Account already exists.")
        self.credentials[account] = {}

    def delete(self, account: str) -> None:
        if account == MASTER_ACCOUNT:
            raise AccountError("Cannot delete master account.")
        self._connectors(account)
        del self.credentials[account]

    def connectors(self, account: str) -> list[str]:
        return sorted(self._connectors(account))

    def ensure_exists(self, account: str) -> None:
        if account not in self.credentials:
            raise AccountError(f"Account '{account}' does not exist.")

    def save(self, account: str, connector: str, credentials: ExchangeCredentials) -> None:
        self.ensure_exists(account)
        self.credentials[account][connector] = credentials

    def remove(self, account: str, connector: str) -> None:
        connectors = self._connectors(account)
        if connector not in connectors:
            raise CredentialNotFound(f"Credential '{connector}' not found for '{account}'.")
        del connectors[connector]

    def snapshot(self, account: str) -> dict[str, ExchangeCredentials]:
        """The account's credentials as they are now; a deployed bot keeps its own copy."""
        return dict(self._connectors(account))

    def _connectors(self, account: str) -> dict[str, ExchangeCredentials]:
        try:
            return self.credentials[account]
        except KeyError:
            raise AccountNotFound(f"Account '{account}' not found.") from None

    def clear(self) -> None:
        self.credentials = {MASTER_ACCOUNT: {}}
