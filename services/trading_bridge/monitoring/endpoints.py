"""`GET /api/monitoring` (admin): sessions, exchange latency and recent errors."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from services.trading_bridge.dependencies import Sessions, TelemetryDep
from services.trading_bridge.sessions.venues import Venue
from shared.auth import AdminOnly
from shared.errors import Forbidden, Unauthorized, responses

router = APIRouter(tags=["operations"])


@router.get("/api/monitoring", responses=responses(Unauthorized, Forbidden))
async def monitoring(_: AdminOnly, registry: Sessions, telemetry: TelemetryDep) -> dict[str, Any]:
    """Sessions by exchange and state, each exchange's call latency (p50/p99 over the last
    1,000 calls) and markets, and the most recent errors (newest first; our wording only)."""
    by_exchange: defaultdict[str, Counter[str]] = defaultdict(Counter)
    venues: dict[str, Venue] = {}
    for session in registry.sessions():
        by_exchange[session.connector.exchange][session.state] += 1
        venues[session.venue.exchange_id] = session.venue
    return {
        "sessions": {
            "total": sum(sum(c.values()) for c in by_exchange.values()),
            "by_exchange": {exchange: dict(states) for exchange, states in by_exchange.items()},
        },
        "exchanges": {
            exchange_id: {
                "base_url": venue.base_url,
                "markets": len(venue.reference.markets or {}),
                "markets_loaded_at": venue.markets_loaded_at,
                "latency_ms": telemetry.latency_ms(exchange_id),
            }
            for exchange_id, venue in venues.items()
        },
        "recent_errors": [asdict(e) for e in reversed(telemetry.errors)],
    }
