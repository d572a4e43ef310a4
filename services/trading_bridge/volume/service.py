from __future__ import annotations

from datetime import timedelta

import asyncpg

from services.trading_bridge.accounts import AccountScope
from services.trading_bridge.analytics.valuation import usd_rates
from services.trading_bridge.fills import repository
from services.trading_bridge.fills.service import refresh
from services.trading_bridge.fills.sync import FillSync
from services.trading_bridge.pricing import PriceBook
from services.trading_bridge.volume.calculation import VolumeTallies, tally_volume
from services.trading_bridge.volume.schemas import (
    ConnectorVolume,
    DayVolume,
    PairVolume,
    VolumeReport,
)
from shared.events import utc_now


async def volume_report(
    pool: asyncpg.Pool,
    sync: FillSync,
    prices: PriceBook,
    scope: AccountScope,
    days: int,
    max_age_s: float,
) -> VolumeReport:
    states = await refresh(pool, sync, scope, max_age_s)
    since = utc_now() - timedelta(days=days)
    async with pool.acquire() as connection:
        fills = await repository.fills_since(connection, scope.account, since)
    rates = await usd_rates(prices, scope.sessions)
    tallies = tally_volume(fills, rates.usd)
    exchanges = {f.connector_id: f.exchange for f in fills}
    quotes = {f.trading_pair: f.quote for f in fills}
    return VolumeReport(
        account=scope.account,
        days=days,
        since=since,
        fills=tallies.total.fills,
        total_usd=tallies.total.usd,
        by_pair=_by_pair(tallies, quotes),
        by_connector=[
            ConnectorVolume(connector_id=c, exchange=exchanges[c], fills=t.fills, volume_usd=t.usd)
            for c, t in sorted(tallies.by_connector.items(), key=lambda item: str(item[0]))
        ],
        by_day=[
            DayVolume(day=d, fills=t.fills, volume_usd=t.usd)
            for d, t in sorted(tallies.by_day.items())
        ],
        unavailable=_unavailable(tallies),
        sync_stale=any(state.stale for state in states),
    )


def _by_pair(tallies: VolumeTallies, quotes: dict[str, str]) -> list[PairVolume]:
    return [
        PairVolume(
            trading_pair=pair,
            quote=quotes[pair],
            fills=t.fills,
            volume_quote=t.quote,
            volume_usd=t.usd,
        )
        for pair, t in sorted(tallies.by_pair.items())
    ]


def _unavailable(tallies: VolumeTallies) -> dict[str, str]:
    if not tallies.unpriced_quotes:
        return {}
    names = ", ".join(sorted(tallies.unpriced_quotes))
    return {"total_usd": f"no USD price for quote currency {names}"}
