"""The internal API's logic: connector listings, accounts, and credentials sealed in transit.

Credentials leave the control plane only here: decrypted from the keyring, then sealed with
HPKE to the caller's ephemeral X25519 key, `info` bound to (connector id, version). Each
release is audited.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from services.control_plane.api_keys import repository as api_keys
from services.control_plane.api_keys import secrets
from services.control_plane.api_keys.records import KeyRecord
from services.control_plane.audit import service as audit
from services.control_plane.clients.schemas import Client
from services.control_plane.internal.schemas import CredentialsAnswer
from shared.control_plane_client import AccountRef, ConnectorRef, SealedCredential, WalletRef
from shared.db import Connection
from shared.errors import Unprocessable
from shared.keyring import Keyring
from shared.sealing import SealError, credential_info, load_public_key, seal


def connector_ref(key: KeyRecord) -> ConnectorRef:
    return ConnectorRef(
        connector_id=key.id,
        client_id=key.client_id,
        account=key.account,
        exchange=key.exchange,
        version=key.version,
        tracked_pairs=key.tracked_pairs,
        updated_at=key.updated_at,
    )


async def connectors(
    connection: Connection, account: str | None, updated_since: datetime | None
) -> list[ConnectorRef]:
    return [connector_ref(k) for k in await api_keys.listing(connection, account, updated_since)]


async def account_ref(connection: Connection, client: Client) -> AccountRef:
    keys = await api_keys.for_client(connection, client.id)
    return AccountRef(
        client_id=client.id,
        account=client.account_identifier,
        name=client.name,
        wallets=[WalletRef(chain=w.chain, address=w.address) for w in client.wallets],
        connectors=[connector_ref(key) for key in keys],
    )


async def sealed_credentials(
    connection: Connection, keyring: Keyring, connector_ids: list[uuid.UUID], public_key: str
) -> CredentialsAnswer:
    try:
        recipient = load_public_key(public_key)
    except SealError as exc:
        raise Unprocessable(str(exc)) from None
    found = await api_keys.encrypted(connection, connector_ids)
    sealed = []
    for key in found:
        credential = secrets.decrypt(keyring, key.client_id, key.id, key.encrypted())
        blob = seal(
            secrets.plaintext_json(credential), recipient, credential_info(key.id, key.version)
        )
        sealed.append(
            SealedCredential(
                connector_id=key.id, version=key.version, exchange=key.exchange, sealed=blob
            )
        )
        await audit.record(
            connection,
            audit.SERVICE,
            "credentials.released",
            ("api_key", key.id),
            key.client_id,
            version=key.version,
        )
    released = {key.id for key in found}
    return CredentialsAnswer(
        credentials=sealed, missing=[i for i in dict.fromkeys(connector_ids) if i not in released]
    )
