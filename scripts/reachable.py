"""Exit 0 when every given PostgreSQL / NATS URL accepts a connection (used by .ci/run)."""

from __future__ import annotations

import asyncio
import sys

import asyncpg
import nats


async def reachable(url: str) -> bool:
    try:
        if url.startswith("nats://"):
            connection = await nats.connect(url, connect_timeout=2, max_reconnect_attempts=0)
            await connection.close()
        else:
            pg = await asyncpg.connect(url, timeout=3)
            await pg.close()
    except Exception:  # any failure means "not reachable", which is all this answers
        return False
    return True


async def main(urls: list[str]) -> int:
    results = await asyncio.gather(*(reachable(url) for url in urls))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
