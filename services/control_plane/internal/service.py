"""The internal API's logic: connector listings, accounts, and credentials sealed in transit.

Credentials leave the control plane only here: decrypted from the keyring, then sealed with
HPKE to the caller's ephemeral X25519 key, `info` bound to (connector id, version). Each
release is audited.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from services.control_plane.api_keys import repository as api_keys
from services.control_plane.api_keys import secrets
from services.control_plane.api_keys.records import EncryptedKey, KeyRecord
from services.control_plane.audit import service as audit
from services.control_plane.clients.accounts import is_account_identifier
from services.control_plane.clients.schemas import Client
from services.control_plane.internal.schemas import CredentialsAnswer
from shared.control_plane_client import AccountRef, ConnectorRef, SealedCredential, WalletRef
from shared.db import Connection
from shared.errors import Unprocessable
from shared.keyring import DecryptionFailed, Keyring
from shared.sealing import SealError, credential_info, load_public_key, seal

log = logging.getLogger(__name__)


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
    if account is not None and not is_account_identifier(account):
        return []  # no account has such a name
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


def _seal(
    keyring: Keyring, key: EncryptedKey, recipient: X25519PublicKey
) -> SealedCredential | None:
    """The key's credential sealed to `recipient`, or None when it does not decrypt."""
    try:
        credential = secrets.decrypt(keyring, key.client_id, key.id, key.encrypted())
    except DecryptionFailed:
        log.error("stored credential does not decrypt", extra={"connector_id": str(key.id)})
        return None
    blob = seal(secrets.plaintext_json(credential), recipient, credential_info(key.id, key.version))
    return SealedCredential(
        connector_id=key.id, version=key.version, exchange=key.exchange, sealed=blob
    )


async def sealed_credentials(
    connection: Connection, keyring: Keyring, connector_ids: list[uuid.UUID], public_key: str
) -> CredentialsAnswer:
    """Sealed credentials of the ids that exist and decrypt; the others are `missing`."""
    try:
        recipient = load_public_key(public_key)
    except SealError as exc:
        raise Unprocessable(str(exc)) from None
    sealed = []
    for key in await api_keys.encrypted(connection, connector_ids):
        if (credential := _seal(keyring, key, recipient)) is None:
            continue
        sealed.append(credential)
        await audit.record(
            connection,
            audit.SERVICE,
            "credentials.released",
            ("api_key", key.id),
            key.client_id,
            version=key.version,
        )
    released = {credential.connector_id for credential in sealed}
    return CredentialsAnswer(
        credentials=sealed, missing=[i for i in dict.fromkeys(connector_ids) if i not in released]
    )
