"""From a control-plane connector (a ccxt exchange id and a credential) to the Hummingbot
connector that trades it: its name and its own credential field names.

Field names are those of each Hummingbot connector's config map (`binance_api_key`,
`kucoin_passphrase`…): hummingbot-api stores credentials under exactly those names.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.control_plane_client import Credential


@dataclass(frozen=True)
class HummingbotConnector:
    name: str
    api_key_field: str
    secret_field: str
    passphrase_field: str | None = None

    def credential_fields(self, credential: Credential) -> dict[str, str]:
        fields = {
            self.api_key_field: credential.api_key.get_secret_value(),
            self.secret_field: credential.api_secret.get_secret_value(),
        }
        if self.passphrase_field and credential.passphrase is not None:
            fields[self.passphrase_field] = credential.passphrase.get_secret_value()
        return fields


# ccxt exchange id → Hummingbot spot connector: name, key field, secret field, passphrase field.
CONNECTORS: dict[str, HummingbotConnector] = {
    "binance": HummingbotConnector("binance", "binance_api_key", "binance_api_secret"),
    "bybit": HummingbotConnector("bybit", "bybit_api_key", "bybit_api_secret"),
    "mexc": HummingbotConnector("mexc", "mexc_api_key", "mexc_api_secret"),
    "gateio": HummingbotConnector("gate_io", "gate_io_api_key", "gate_io_secret_key"),
    "kucoin": HummingbotConnector(
        "kucoin", "kucoin_api_key", "kucoin_secret_key", "kucoin_passphrase"
    ),
    "okx": HummingbotConnector("okx", "okx_api_key", "okx_secret_key", "okx_passphrase"),
}


def hummingbot_connector(exchange: str) -> HummingbotConnector | None:
    return CONNECTORS.get(exchange)
