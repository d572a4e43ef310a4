"""Paging through an account's fills and orders the way myTrades and allOrders do."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from simulators.exchange import binance_errors as errors
from simulators.exchange.params import Params

DAY_MS = 86_400_000
T = TypeVar("T")


@dataclass(slots=True, frozen=True)
class Window:
    """`from_id` pages by id; a time range may not span more than 24 hours."""

    from_id: int | None
    start: int | None
    end: int | None
    limit: int

    @classmethod
    def from_params(cls, params: Params, id_param: str) -> Window:
        window = cls(
            from_id=params.optional_int(id_param),
            start=params.optional_int("startTime"),
            end=params.optional_int("endTime"),
            limit=params.limit(default=500, maximum=1000),
        )
        if (
            window.start is not None
            and window.end is not None
            and window.end - window.start > DAY_MS
        ):
            raise errors.window_too_long()
        return window

    def select(
        self, items: Sequence[T], ident: Callable[[T], int], time: Callable[[T], int]
    ) -> list[T]:
        """Items (in ascending id order) in this window, oldest first.

        From an id or a start time: the oldest `limit` from there. Until an end time only, or
        with nothing: the newest `limit`.
        """
        if self.from_id is not None:
            return [item for item in items if ident(item) >= self.from_id][: self.limit]
        start = self.start if self.start is not None else -1
        end = self.end if self.end is not None else 2**63
        in_range = [item for item in items if start <= time(item) <= end]
        if self.start is not None:
            return in_range[: self.limit]
        return in_range[-self.limit :]
