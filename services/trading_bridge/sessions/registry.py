"""The bridge's live exchange sessions: one warm ccxt instance per connector.

Interface (used by the bridge's own domains and by `fills/`, `pnl/`, `volume/`, `history/`):

- `await registry.for_account(account) -> list[ConnectorSession]`: the account's sessions,
  loading them from the control plane the first time an account is asked for (raises
  `UnknownAccount` when the control plane does not know it). Sessions may still be
  `initializing` or in a failed state: look at `session.state` / `session.is_ready`.
- `registry.get(connector_id) -> ConnectorSession | None`
- `registry.sessions()` / `registry.ready_sessions()`: every session / those whose key reads.
- `session.connector` (`ConnectorRef`: connector_id, client_id, account, exchange, version,
  tracked_pairs), `session.exchange` (the ccxt instance: never close it, never keep it past a
  call: a re-versioned connector gets a new one), `session.state`, `session.last_error`.
- `registry.on_change(listener)`: `listener(session, previous)` after a session is opened,
  replaced, checked (`session is previous`) or closed (`session` None).

Lifecycle (driven by `consumers.py` and the reconcile loop in `lifecycle.py`): `apply(refs)`
opens or replaces sessions for connectors whose version is newer than the one held, validates
each new version and reports its status; an equal or older version changes nothing. `remove`
closes a connector's instance, `remove_account` all of an account's. Work on one connector is
serialised by a per-connector lock; different connectors proceed concurrently.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime

from services.trading_bridge.sessions.session import ConnectorSession
from services.trading_bridge.sessions.validation import validate
from services.trading_bridge.sessions.venues import UnsupportedExchange, Venues
from shared.control_plane_client import ConnectorRef, ControlPlaneClient, VersionedCredential
from shared.events import ConnectorStatus
from shared.logging import register_secret

log = logging.getLogger(__name__)

StatusSink = Callable[[ConnectorStatus], Awaitable[None]]
ChangeListener = Callable[[ConnectorSession | None, ConnectorSession | None], None]


class UnknownAccount(Exception):
    """The control plane has no such account."""


class SessionRegistry:
    def __init__(
        self,
        control_plane: ControlPlaneClient,
        venues: Venues,
        report_status: StatusSink,
        *,
        timeout_s: float,
        concurrency: int = 32,
    ) -> None:
        self._control_plane = control_plane
        self._venues = venues
        self._report_status = report_status
        self._timeout_s = timeout_s
        self._sessions: dict[uuid.UUID, ConnectorSession] = {}
        self._accounts: set[str] = set()
        self._locks: defaultdict[uuid.UUID, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._opening = asyncio.Semaphore(concurrency)
        self._listeners: list[ChangeListener] = []

    # -- reading ------------------------------------------------------------------------------

    def get(self, connector_id: uuid.UUID) -> ConnectorSession | None:
        return self._sessions.get(connector_id)

    def sessions(self) -> list[ConnectorSession]:
        return list(self._sessions.values())

    def ready_sessions(self) -> list[ConnectorSession]:
        return [s for s in self._sessions.values() if s.is_ready]

    def knows_account(self, account: str) -> bool:
        return account in self._accounts

    async def for_account(self, account: str) -> list[ConnectorSession]:
        """The account's sessions, loaded from the control plane on first ask."""
        if account not in self._accounts:
            ref = await self._control_plane.account(account)
            if ref is None:
                raise UnknownAccount(account)
            await self.apply(ref.connectors)
            self._accounts.add(account)
        return [s for s in self._sessions.values() if s.account == account]

    def on_change(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    # -- lifecycle ----------------------------------------------------------------------------

    async def apply(self, connectors: Iterable[ConnectorRef]) -> None:
        """Open or replace the sessions of connectors newer than what is held."""
        newer = [c for c in connectors if self._needs_work(c.connector_id, c.version)]
        if not newer:
            return
        credentials = await self._control_plane.credentials([c.connector_id for c in newer])
        by_id = {c.connector_id: c for c in credentials}
        await asyncio.gather(*(self._install(c, by_id.get(c.connector_id)) for c in newer))

    async def remove(self, connector_id: uuid.UUID) -> None:
        async with self._locks[connector_id]:
            await self._discard(connector_id)

    async def remove_account(self, account: str) -> None:
        self._accounts.discard(account)
        for session in [s for s in self._sessions.values() if s.account == account]:
            await self.remove(session.connector_id)

    async def retain_only(self, connector_ids: set[uuid.UUID], listed_at: datetime) -> None:
        """Close sessions missing from a listing taken at `listed_at` (reconcile).

        A session opened after the listing was taken (by an event) is kept.
        """
        for session in self.sessions():
            if session.connector_id not in connector_ids and session.opened_at < listed_at:
                await self.remove(session.connector_id)

    async def revalidate(self, session: ConnectorSession) -> None:
        """Check the session's key again and report the result (same version)."""
        async with self._locks[session.connector_id]:
            if self._sessions.get(session.connector_id) is session:
                await self._validate_and_report(session)

    async def close(self) -> None:
        sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            await session.exchange.close()

    # -- internals ----------------------------------------------------------------------------

    def _needs_work(self, connector_id: uuid.UUID, version: int) -> bool:
        """A newer version to open, or this version's status still to report."""
        held = self._sessions.get(connector_id)
        if held is None or version > held.version:
            return True
        return version == held.version and not held.status_reported

    async def _install(self, ref: ConnectorRef, credential: VersionedCredential | None) -> None:
        async with self._opening, self._locks[ref.connector_id]:
            if credential is None:  # removed since it was listed
                await self._discard(ref.connector_id)
                return
            held = self._sessions.get(ref.connector_id)
            if held is not None and credential.version <= held.version:
                if credential.version == held.version and not held.status_reported:
                    await self._report(held)
                return
            current = ref.model_copy(
                update={"version": credential.version, "exchange": credential.exchange}
            )
            await self._open(current, credential)

    async def _open(self, ref: ConnectorRef, credential: VersionedCredential) -> None:
        fields = credential.credential
        for secret in (fields.api_key, fields.api_secret, fields.passphrase, fields.uid):
            if secret is not None:
                register_secret(secret.get_secret_value())
        try:
            venue = self._venues.get(ref.exchange)
        except UnsupportedExchange as exc:
            await self._report_status(
                ConnectorStatus(
                    connector_id=ref.connector_id,
                    version=ref.version,
                    state="error",
                    detail=str(exc),
                )
            )
            return
        session = ConnectorSession(ref, venue.connect(credential.credential), venue)
        previous = self._sessions.get(ref.connector_id)
        self._sessions[ref.connector_id] = session
        if previous is not None:
            await previous.exchange.close()
        self._notify(session, previous)
        await self._validate_and_report(session)

    async def _validate_and_report(self, session: ConnectorSession) -> None:
        verdict = await validate(session, self._timeout_s)
        session.can_withdraw = verdict.can_withdraw
        session.record(verdict.state, verdict.detail, verdict.checked_at)
        self._notify(session, session)
        log.info(
            "connector checked",
            extra={
                "connector_id": str(session.connector_id),
                "version": session.version,
                "exchange": session.connector.exchange,
                "state": verdict.state,
            },
        )
        await self._report(session)

    async def _report(self, session: ConnectorSession) -> None:
        """Publish the session's state; if that fails, a redelivered event reports it again."""
        session.status_reported = False
        assert session.state != "initializing" and session.checked_at is not None
        await self._report_status(
            ConnectorStatus(
                connector_id=session.connector_id,
                version=session.version,
                state=session.state,
                detail=session.detail,
                checked_at=session.checked_at,
            )
        )
        session.status_reported = True

    async def _discard(self, connector_id: uuid.UUID) -> None:
        previous = self._sessions.pop(connector_id, None)
        if previous is not None:
            await previous.exchange.close()
            self._notify(None, previous)

    def _notify(self, session: ConnectorSession | None, previous: ConnectorSession | None) -> None:
        for listener in self._listeners:
            listener(session, previous)
