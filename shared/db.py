"""PostgreSQL access: a pool that waits for its database, and the request's transaction.

Each service's pool pins `search_path` to the service's own schema, so repositories write plain
table names and a service cannot touch another's tables by accident.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Annotated, TypeAlias

import asyncpg
from asyncpg.pool import PoolConnectionProxy
from fastapi import Depends, Request

log = logging.getLogger(__name__)

Pool: TypeAlias = asyncpg.Pool
# What a pool hands out and what asyncpg.connect returns: repositories accept either.
Connection: TypeAlias = asyncpg.Connection | PoolConnectionProxy


async def create_pool(
    url: str,
    schema: str,
    *,
    min_size: int = 1,
    max_size: int = 10,
    wait_s: float = 60.0,
) -> asyncpg.Pool:
    """Create a pool, retrying with backoff until the database answers or `wait_s` passes."""
    delay, waited = 0.2, 0.0
    while True:
        try:
            return await asyncpg.create_pool(
                url,
                min_size=min_size,
                max_size=max_size,
                server_settings={"search_path": schema, "application_name": schema},
            )
        except (TimeoutError, OSError, asyncpg.PostgresError) as exc:
            if waited >= wait_s:
                raise
            log.warning(
                "database not reachable, retrying",
                extra={"retry_in_s": delay, "error_type": type(exc).__name__},
            )
            await asyncio.sleep(delay)
            waited += delay
            delay = min(delay * 2, 5.0)


async def db_transaction(request: Request) -> AsyncIterator[Connection]:
    """The request's connection inside one transaction: committed on success, else rolled back."""
    pool: asyncpg.Pool = request.app.state.runtime.pool
    async with pool.acquire() as connection, connection.transaction():
        yield connection


# scope="function": commit before the response is sent, so a 2xx means the change is durable
# and a commit failure answers 500 instead of arriving after a success was already reported.
DbConn = Annotated[Connection, Depends(db_transaction, scope="function")]
