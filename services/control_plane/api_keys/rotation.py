"""Re-encrypting every stored key to the keyring's current version, online.

Rows are taken in small batches, each its own short transaction with `FOR UPDATE SKIP LOCKED`,
so requests keep working while it runs and a row a request holds is simply taken later. A row
that does not decrypt (its key version left the keyring, or it was tampered with) is counted as
failed and left as it is. The connector version does not change: the credentials are the same.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import asyncpg

from services.control_plane.api_keys import repository, secrets
from services.control_plane.api_keys.records import EncryptedKey
from shared.keyring import DecryptionFailed, Keyring


@dataclass
class RotationReport:
    already_current: int = 0
    to_rotate: int = 0
    rotated: int = 0
    failed: list[uuid.UUID] = field(default_factory=list)
    left_behind: int = 0  # still on an old version at the end (held by a writer, or new)


async def count(pool: asyncpg.Pool, keyring: Keyring) -> RotationReport:
    async with pool.acquire() as connection:
        current, stale = await repository.count_by_key_version(connection, keyring.current_version)
    return RotationReport(already_current=current, to_rotate=stale)


def _reencrypt(keyring: Keyring, key: EncryptedKey) -> secrets.EncryptedCredential:
    credential = secrets.decrypt(keyring, key.client_id, key.id, key.encrypted())
    return secrets.encrypt(keyring, key.client_id, key.id, credential)


async def _rotate_batch(
    pool: asyncpg.Pool, keyring: Keyring, report: RotationReport, size: int
) -> int:
    async with pool.acquire() as connection, connection.transaction():
        batch = await repository.lock_stale_batch(
            connection, keyring.current_version, report.failed, size
        )
        for key in batch:
            try:
                encrypted = _reencrypt(keyring, key)
            except DecryptionFailed:
                report.failed.append(key.id)
                continue
            await repository.store_encrypted(connection, key.id, encrypted)
            report.rotated += 1
    return len(batch)


async def rotate(
    pool: asyncpg.Pool,
    keyring: Keyring,
    batch_size: int = 100,
    on_batch: Callable[[int], None] = lambda _: None,
) -> RotationReport:
    report = await count(pool, keyring)
    while taken := await _rotate_batch(pool, keyring, report, batch_size):
        on_batch(taken)
    report.left_behind = (await count(pool, keyring)).to_rotate - len(report.failed)
    return report
