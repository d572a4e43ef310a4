"""A failed ticker refresh values the portfolio at the last good prices, and says so."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest

from tests.support.trading_bridge import BridgeStack, bridge_stack


@pytest.fixture
async def stack(
    database_url: str, fresh_streams: str, schema_suffix: str
) -> AsyncIterator[BridgeStack]:
    overrides: dict[str, Any] = {
        "exchange_timeout_s": 1.0,
        "ticker_ttl_s": 0.0,  # every portfolio refreshes the tickers
        "balance_ttl_s": 600.0,  # the balances stay read: only the prices can go stale
        "revalidate_interval_s": 600,
    }
    async with bridge_stack(database_url, fresh_streams, schema_suffix, **overrides) as stack:
        yield stack


async def test_failed_ticker_refresh_flags_prices_stale_with_their_time(
    stack: BridgeStack,
) -> None:
    client, key = await stack.client_with_key({"USDT": "2000", "BTC": "0.1"})
    await stack.bridge.wait_for_session(key["id"], state="ready")
    headers = stack.cp.client_headers(client)
    fresh = (await stack.bridge.get("/api/portfolio", headers)).json()

    await stack.sim.set_price("BTC/USDT", "70000")
    await stack.sim.set_fault(down=True)
    response = await stack.bridge.get("/api/portfolio", headers)

    portfolio = response.json()
    [before], [after] = fresh["connectors"], portfolio["connectors"]
    assert response.status_code == 200
    assert (before["prices_stale"], fresh["partial"]) == (False, False)
    assert (after["status"], after["prices_stale"], portfolio["partial"]) == ("ok", True, True)
    assert after["total_usd"] == "8000"  # BTC at the old 60000, not the new 70000
    assert datetime.fromisoformat(after["prices_as_of"]) == datetime.fromisoformat(
        before["prices_as_of"]
    )
