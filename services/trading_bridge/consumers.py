"""The bridge's NATS handlers: connector and client events from the control plane.

Each handler is idempotent: `SessionRegistry.apply` ignores a version it already holds (or an
older one), and removing what is not held does nothing.
"""

from __future__ import annotations

from services.trading_bridge.sessions import SessionRegistry
from shared.bus import Bus
from shared.consumer import Consumer
from shared.control_plane_client import ConnectorRef
from shared.events import CONTROL_STREAM, ClientDeleted, ConnectorConfigured, ConnectorRemoved


def connector_consumer(bus: Bus, registry: SessionRegistry, durable: str) -> Consumer:
    async def configured(event: ConnectorConfigured) -> None:
        ref = ConnectorRef.model_validate(event.model_dump())
        await registry.apply([ref])

    async def removed(event: ConnectorRemoved) -> None:
        await registry.remove(event.connector_id)

    async def client_deleted(event: ClientDeleted) -> None:
        await registry.remove_account(event.account)

    return Consumer(
        bus,
        stream=CONTROL_STREAM,
        durable=durable,
        handlers={
            ConnectorConfigured: configured,
            ConnectorRemoved: removed,
            ClientDeleted: client_deleted,
        },
    )
