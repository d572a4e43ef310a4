"""The control plane's internal API, as the bridge and the adapter call it.

Contract (served by services/control_plane under /internal, service token required, never
routed by the gateway):

- `GET /internal/connectors?account=&updated_since=` → `{"connectors": [ConnectorRef...]}`
- `POST /internal/credentials` `{"connector_ids": [...], "public_key": <base64 X25519>}` →
  `{"credentials": [{"connector_id", "version", "exchange", "sealed"}], "missing": [ids]}`;
  `sealed` opens with the caller's private key and `credential_info(connector_id, version)` to
  the JSON of `Credential`.
- `GET /internal/accounts/{account}` → `AccountRef` (404 when unknown)
- `GET /internal/wallets/{address}` → `AccountRef` of the wallet's client (404 when unknown)
"""

from __future__ import annotations

import uuid
from datetime import datetime
from types import TracebackType
from urllib.parse import quote

import httpx
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pydantic import BaseModel, SecretStr

from shared.sealing import credential_info, open_sealed, public_key_text


class ControlPlaneUnavailable(Exception):
    """The control plane did not answer (or answered 5xx)."""


class ConnectorRef(BaseModel):
    connector_id: uuid.UUID
    client_id: uuid.UUID
    account: str
    exchange: str
    version: int
    tracked_pairs: list[str] = []
    updated_at: datetime | None = None


class WalletRef(BaseModel):
    chain: str
    address: str


class AccountRef(BaseModel):
    client_id: uuid.UUID
    account: str
    name: str
    wallets: list[WalletRef] = []
    connectors: list[ConnectorRef] = []


class Credential(BaseModel):
    api_key: SecretStr
    api_secret: SecretStr
    passphrase: SecretStr | None = None
    uid: SecretStr | None = None


class SealedCredential(BaseModel):
    connector_id: uuid.UUID
    version: int
    exchange: str
    sealed: str


class VersionedCredential(BaseModel):
    connector_id: uuid.UUID
    version: int
    exchange: str
    credential: Credential


class ControlPlaneClient:
    def __init__(self, base_url: str, service_token: str, timeout_s: float = 5.0) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=timeout_s,
            headers={"Authorization": f"Bearer {service_token}"},
        )

    async def __aenter__(self) -> ControlPlaneClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        await self._http.aclose()

    async def _request(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        try:
            response = await self._http.request(method, path, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            raise ControlPlaneUnavailable(
                f"control plane unreachable: {type(exc).__name__}"
            ) from None
        if response.status_code >= 500:
            raise ControlPlaneUnavailable(f"control plane answered {response.status_code}")
        return response

    async def connectors(
        self, account: str | None = None, updated_since: datetime | None = None
    ) -> list[ConnectorRef]:
        params = {"account": account} if account else {}
        if updated_since:
            params["updated_since"] = updated_since.isoformat()
        response = await self._request("GET", "/internal/connectors", params=params)
        response.raise_for_status()
        return [ConnectorRef.model_validate(c) for c in response.json()["connectors"]]

    async def credentials(self, connector_ids: list[uuid.UUID]) -> list[VersionedCredential]:
        """Fetch credentials sealed to a fresh key pair and open them; unknown ids are left out."""
        private_key = X25519PrivateKey.generate()
        body = {
            "connector_ids": [str(i) for i in connector_ids],
            "public_key": public_key_text(private_key),
        }
        response = await self._request("POST", "/internal/credentials", json=body)
        response.raise_for_status()
        opened = []
        for item in response.json()["credentials"]:
            sealed = SealedCredential.model_validate(item)
            plaintext = open_sealed(
                sealed.sealed, private_key, credential_info(sealed.connector_id, sealed.version)
            )
            opened.append(
                VersionedCredential(
                    connector_id=sealed.connector_id,
                    version=sealed.version,
                    exchange=sealed.exchange,
                    credential=Credential.model_validate_json(plaintext),
                )
            )
        return opened

    async def account(self, account: str) -> AccountRef | None:
        response = await self._request("GET", f"/internal/accounts/{quote(account, safe='')}")
        if response.status_code == 404:
            return None
        response.raise_for_status()
        return AccountRef.model_validate(response.json())

    async def account_for_wallet(self, address: str) -> AccountRef | None:
        response = await self._request("GET", f"/internal/wallets/{quote(address, safe='')}")
        if response.status_code == 404:
            return None
        response.raise_for_status()
        return AccountRef.model_validate(response.json())
