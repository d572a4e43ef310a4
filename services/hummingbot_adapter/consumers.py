"""Following the control plane: its events on CONTROL, and a reconcile from its listing.

- `control.client.created`: the account enters the projection.
- `control.client.deleted`: the account's bots are stopped on the host and deleted, and its
  credentials profile is deleted from the host.
- `control.connector.configured` with a newer version: the projection follows, and when bots
  use that connector the new credentials are pushed to the host (running bots keep running
  with the copy they were deployed with; the next start uses the new one).
- `control.connector.removed`: the bots on it stop, the reason recorded on their run.

Each handler commits the desired state first and then tries the host; what the host could
not do now, the poll cycle's convergence does later. Handlers are idempotent: an older or
repeated version, or a repeated deletion, changes nothing. At start the same changes are
derived from `GET /internal/connectors`, so events missed while away still converge.
"""

from __future__ import annotations

import asyncio
import logging

import asyncpg

from services.hummingbot_adapter.accounts import repository as accounts
from services.hummingbot_adapter.accounts.schemas import Connector
from services.hummingbot_adapter.bot_host.client import BotHostRefused, BotHostUnavailable
from services.hummingbot_adapter.bots import repository as bots
from services.hummingbot_adapter.bots.convergence import converge
from services.hummingbot_adapter.bots.lifecycle import BotLifecycle
from shared.consumer import EventHandler
from shared.control_plane_client import ConnectorRef
from shared.events import ClientCreated, ClientDeleted, ConnectorConfigured, ConnectorRemoved, Event

log = logging.getLogger(__name__)
CLIENT_DELETED = "client deleted"
CONNECTOR_REMOVED = "connector removed"


class ControlEvents:
    def __init__(self, pool: asyncpg.Pool, lifecycle: BotLifecycle) -> None:
        self.pool = pool
        self.lifecycle = lifecycle

    def handlers(self) -> dict[type[Event], EventHandler]:
        return {
            ClientCreated: self.client_created,
            ClientDeleted: self.client_deleted,
            ConnectorConfigured: self.connector_configured,
            ConnectorRemoved: self.connector_removed,
        }

    async def client_created(self, event: ClientCreated) -> None:
        async with self.pool.acquire() as conn:
            await accounts.upsert_account(conn, event.client_id, event.account, event.name)

    async def client_deleted(self, event: ClientDeleted) -> None:
        async with self.pool.acquire() as conn, conn.transaction():
            await accounts.mark_account_deleted(conn, event.client_id, event.account)
            await accounts.mark_account_connectors_removed(conn, event.account)
            await bots.remove_account_bots(conn, event.account, CLIENT_DELETED)
        await self._converge_now()

    async def connector_configured(self, event: ConnectorConfigured) -> None:
        await self.configure(
            ConnectorRef(
                connector_id=event.connector_id,
                client_id=event.client_id,
                account=event.account,
                exchange=event.exchange,
                version=event.version,
            )
        )

    async def configure(self, ref: ConnectorRef) -> None:
        async with self.pool.acquire() as conn, conn.transaction():
            newer = await accounts.upsert_connector(
                conn, ref.connector_id, ref.client_id, ref.account, ref.exchange, ref.version
            )
            if not newer or not await bots.bots_on_connector(conn, ref.connector_id):
                return
            connector = await accounts.get_connector(conn, ref.connector_id)
            assert connector is not None
            await self.lifecycle.push_credentials(conn, connector)
        log.info(
            "credentials pushed to the bot host",
            extra={"connector_id": str(ref.connector_id), "version": ref.version},
        )

    async def connector_removed(self, event: ConnectorRemoved) -> None:
        async with self.pool.acquire() as conn, conn.transaction():
            await accounts.mark_connector_removed(
                conn, event.connector_id, event.client_id, event.account, event.exchange
            )
            await bots.stop_connector_bots(conn, event.connector_id, CONNECTOR_REMOVED)
        await self._converge_now()

    async def _converge_now(self) -> None:
        try:
            await converge(self.pool, self.lifecycle)
        except (BotHostUnavailable, BotHostRefused) as error:
            log.warning(
                "bot host not converged yet, the poll cycle retries", extra={"reason": str(error)}
            )

    # Start-up reconcile

    async def reconcile_until_done(self, retry_s: float = 2.0) -> None:
        """Reconcile from the control plane's listing, retrying until it answers."""
        while True:
            try:
                await self.reconcile()
                return
            except asyncio.CancelledError:
                raise
            except Exception as error:  # control plane or host not there yet
                log.warning("start-up reconcile failed, retrying", extra={"reason": str(error)})
                await asyncio.sleep(retry_s)

    async def reconcile(self) -> None:
        listed = await self.lifecycle.control_plane.connectors()
        for ref in listed:
            await self.configure(ref)
        async with self.pool.acquire() as conn:
            known = await accounts.live_connector_ids(conn)
            gone = known - {ref.connector_id for ref in listed}
            removed = [await accounts.get_connector(conn, connector_id) for connector_id in gone]
            with_bots = await accounts.accounts_with_bots(conn)
        for connector in removed:
            assert connector is not None
            await self._apply_removal(connector)
        for account in set(with_bots) - {ref.account for ref in listed}:
            await self._check_account(account)

    async def _apply_removal(self, connector: Connector) -> None:
        await self.connector_removed(
            ConnectorRemoved(
                connector_id=connector.connector_id,
                client_id=connector.client_id,
                account=connector.account,
                exchange=connector.exchange,
            )
        )

    async def _check_account(self, account: str) -> None:
        found = await self.lifecycle.control_plane.account(account)
        if found is not None:
            return
        async with self.pool.acquire() as conn:
            known = await accounts.get_account(conn, account)
        if known is not None:
            await self.client_deleted(
                ClientDeleted(client_id=known.client_id, account=account, name=known.name)
            )
