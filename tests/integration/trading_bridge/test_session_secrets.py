"""Opening a session registers every credential field for redaction in this process's logs.

The control plane is stood in for by one canned credential on purpose: the real one, run in
this test process, registers the same secrets itself and would hide a bridge that forgot to.
"""

from __future__ import annotations

import uuid
from typing import cast

from services.trading_bridge.monitoring.telemetry import Telemetry
from services.trading_bridge.sessions import SessionRegistry
from services.trading_bridge.sessions.venues import Venues
from shared.control_plane_client import (
    ConnectorRef,
    ControlPlaneClient,
    Credential,
    VersionedCredential,
)
from shared.events import ConnectorStatus
from shared.logging import REDACTED, redact_text
from tests.support.exchange_simulator import running_exchange


class CannedCredentials:
    def __init__(self, credential: VersionedCredential) -> None:
        self._credential = credential

    async def credentials(self, connector_ids: list[uuid.UUID]) -> list[VersionedCredential]:
        return [self._credential]


async def test_passphrase_and_uid_are_blanked_from_logs_once_a_session_opens() -> None:
    passphrase, uid = f"passphrase-{uuid.uuid4().hex}", f"uid-{uuid.uuid4().hex}"
    statuses: list[ConnectorStatus] = []

    async def report(status: ConnectorStatus) -> None:
        statuses.append(status)

    async with running_exchange() as sim:
        key = await sim.add_account({"USDT": "100"})
        ref = ConnectorRef(
            connector_id=uuid.uuid4(), client_id=uuid.uuid4(), account="acme",
            exchange="binance", version=1,
        )  # fmt: skip
        credential = Credential.model_validate(
            {"api_key": key.api_key, "api_secret": key.api_secret, "passphrase": passphrase,
             "uid": uid}
        )  # fmt: skip
        canned = CannedCredentials(VersionedCredential(**ref.model_dump(), credential=credential))
        venues = Venues({"binance": sim.url}, 3.0, Telemetry())
        registry = SessionRegistry(cast(ControlPlaneClient, canned), venues, report, timeout_s=3.0)
        try:
            await registry.apply([ref])
        finally:
            await registry.close()
            await venues.close()

    assert [s.state for s in statuses] == ["ready"]
    assert redact_text(f"{passphrase} {uid}") == f"{REDACTED} {REDACTED}"
