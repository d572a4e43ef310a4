"""History buckets sum what was valued and say what was not, never counting it as 0."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from services.trading_bridge.history.schemas import Snapshot
from services.trading_bridge.history.service import buckets_of

START = datetime(2025, 1, 1, tzinfo=UTC)


def snapshot(total_usd: str | None, unpriced: list[str]) -> Snapshot:
    return Snapshot(
        connector_id=uuid.uuid4(),
        account="acme",
        exchange="binance",
        taken_at=START,
        total_usd=None if total_usd is None else Decimal(total_usd),
        unpriced_assets=unpriced,
    )


def test_bucket_with_an_unvalued_connector_sums_the_others_and_is_partial() -> None:
    rows = [(START, snapshot(None, ["NOMARKET"])), (START, snapshot("10", []))]

    [bucket] = buckets_of(rows)

    assert (bucket.total_usd, bucket.partial) == (Decimal(10), True)
    assert bucket.unpriced_assets == ["NOMARKET"]


def test_bucket_of_fully_priced_connectors_is_whole() -> None:
    rows = [(START, snapshot("10", [])), (START, snapshot("0", []))]

    [bucket] = buckets_of(rows)

    assert (bucket.total_usd, bucket.partial, bucket.unpriced_assets) == (Decimal(10), False, [])


def test_bucket_with_nothing_valued_has_no_total() -> None:
    [bucket] = buckets_of([(START, snapshot(None, ["NOMARKET", "OTHER"]))])

    assert (bucket.total_usd, bucket.partial) == (None, True)
