"""`GET /health`: 200 when the database and NATS answer, 503 naming whichever does not."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["operations"])

DATABASE_TIMEOUT_S = 2.0


async def database_state(request: Request) -> str:
    pool = request.app.state.runtime.pool
    try:
        async with asyncio.timeout(DATABASE_TIMEOUT_S):
            async with pool.acquire() as connection:
                await connection.fetchval("SELECT 1")
    except Exception as exc:  # whatever stops the query is "down", and says what
        return f"down: {type(exc).__name__}"
    return "ok"


@router.get("/health")
async def health(request: Request) -> JSONResponse:
    """Whether this service can reach its database and NATS (503 names what is down)."""
    runtime = request.app.state.runtime
    checks = {
        "database": await database_state(request),
        "nats": "ok" if runtime.bus.connected else "down: not connected",
    }
    down = sorted(name for name, state in checks.items() if state != "ok")
    body = {
        "service": runtime.name,
        "status": "ok" if not down else "unavailable",
        "checks": checks,
    }
    if down:
        body |= {"error": "ServiceUnavailable", "detail": f"unreachable: {', '.join(down)}"}
    return JSONResponse(body, status_code=503 if down else 200)
