"""Binance's request-weight limit: a fixed one-minute window per IP (or per API key)."""

from __future__ import annotations

MINUTE_MS = 60_000


class WeightCounter:
    """Counts weight per client in the current minute, as `X-MBX-USED-WEIGHT-1M` reports it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._minute = -1
        self._used: dict[str, int] = {}

    def charge(self, client: str, weight: int, now: int) -> int:
        """Add `weight` for `client` and return the minute's total, this request included."""
        minute = now // MINUTE_MS
        if minute != self._minute:
            self._minute = minute
            self._used.clear()
        used = self._used.get(client, 0) + weight
        self._used[client] = used
        return used

    def exceeded(self, used: int) -> bool:
        return 0 < self.limit < used

    @staticmethod
    def retry_after_seconds(now: int) -> int:
        return 1 + (MINUTE_MS - now % MINUTE_MS) // 1000
