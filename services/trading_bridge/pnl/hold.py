"""PnL against holding (Hummingbot's `hold_value`): what the balances held at the start of the
window would be worth now, against what the current balances are worth now.

When no balance snapshot exists from before the window, the start balances are reconstructed
as the current balances minus what the window's fills changed (fees included); deposits and
withdrawals in the window are not known to the bridge, so that reconstruction assumes none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from services.trading_bridge.fills.schemas import Fill

ZERO = Decimal(0)
Balances = dict[str, Decimal]


def balance_changes(fills: Iterable[Fill]) -> Balances:
    """How much each asset's balance changed through `fills`, fees included."""
    changes: Balances = {}

    def move(asset: str, amount: Decimal) -> None:
        changes[asset] = changes.get(asset, ZERO) + amount

    for fill in fills:
        sign = 1 if fill.side == "buy" else -1
        move(fill.base, sign * fill.amount)
        move(fill.quote, -sign * fill.cost)
        if fill.fee is not None:
            move(fill.fee.currency, -fill.fee.cost)
    return changes


def subtract(current: Mapping[str, Decimal], changes: Mapping[str, Decimal]) -> Balances:
    """The balances before `changes` were applied to reach `current`."""
    assets = set(current) | set(changes)
    return {a: current.get(a, ZERO) - changes.get(a, ZERO) for a in sorted(assets)}


def value_usd(
    balances: Mapping[str, Decimal], price: Callable[[str], Decimal | None]
) -> tuple[Decimal | None, list[str]]:
    """USD value of `balances`, or None and the held assets that have no price."""
    total, unpriced = ZERO, []
    for asset, amount in sorted(balances.items()):
        if amount == 0:
            continue
        asset_price = price(asset)
        if asset_price is None:
            unpriced.append(asset)
        else:
            total += amount * asset_price
    return (None if unpriced else total), unpriced
