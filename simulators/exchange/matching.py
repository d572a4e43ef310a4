"""The matching engine: takers walk resting orders and synthetic liquidity, fills settle balances.

Every order reserves what it may spend (quote for buys, base for sells) when it is accepted.
Each fill spends from that reservation; whatever is left is released when the order closes.
Buyers pay commission in the base asset, sellers in the quote asset, as on Binance.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from simulators.exchange import binance_errors as errors
from simulators.exchange.accounts import Account
from simulators.exchange.amounts import ZERO, floor_to_step, round_fee
from simulators.exchange.market import Market
from simulators.exchange.orders import Fill, Order, OrderStatus, OrderType, Side, TimeInForce


@dataclass(slots=True, frozen=True)
class Fees:
    maker: Decimal = Decimal("0.001")
    taker: Decimal = Decimal("0.001")


@dataclass(slots=True, frozen=True)
class OrderRequest:
    side: Side
    type: OrderType
    client_order_id: str | None
    time_in_force: TimeInForce | None = None
    price: Decimal | None = None
    qty: Decimal | None = None
    quote_qty: Decimal | None = None


@dataclass(slots=True, frozen=True)
class Offer:
    price: Decimal
    qty: Decimal
    maker: Order | None


Execution = tuple[Offer, Decimal]


class MatchingEngine:
    def __init__(self, accounts: dict[str, Account], fees: Fees, clock: Callable[[], int]) -> None:
        self.accounts = accounts
        self.fees = fees
        self.clock = clock
        self.order_ids = count(1)
        self.trade_ids = count(1)

    def place(self, account: Account, market: Market, request: OrderRequest) -> Order:
        plan = plan_take(market, request)
        if request.type is OrderType.LIMIT_MAKER and plan:
            raise errors.would_take()
        order = self._accept(account, market, request, plan)
        if request.time_in_force is TimeInForce.FOK and _planned_qty(plan) < order.orig_qty:
            plan = []
        self._reserve(account, market, order, plan)
        account.add_order(order)
        for offer, qty in plan:
            self._trade(market, order, offer, qty)
        self._after_take(market, order)
        return order

    def cancel(self, market: Market, order: Order) -> None:
        market.book.remove(order)
        order.status = OrderStatus.CANCELED
        self._close(market, order)

    def sweep(self, market: Market) -> None:
        """The synthetic takers: fill every resting order the new mid has crossed, as maker."""
        for order in [o for o in market.book.bids if o.price >= market.mid]:
            self._fill_as_maker(market, order)
        for order in [o for o in market.book.asks if o.price <= market.mid]:
            self._fill_as_maker(market, order)

    def _accept(
        self, account: Account, market: Market, request: OrderRequest, plan: list[Execution]
    ) -> Order:
        client_order_id = request.client_order_id
        if client_order_id and account.open_order_with_client_id(market.symbol, client_order_id):
            raise errors.duplicate_order()
        _check_notional(market, request, plan)
        qty = request.qty if request.qty is not None else _planned_qty(plan)
        order_id, now = next(self.order_ids), self.clock()
        return Order(
            order_id=order_id,
            symbol=market.symbol,
            api_key=account.api_key,
            client_order_id=client_order_id or f"sim-{order_id}",
            side=request.side,
            type=request.type,
            time_in_force=request.time_in_force,
            price=request.price or ZERO,
            orig_qty=qty,
            orig_quote_qty=request.quote_qty or ZERO,
            time=now,
            update_time=now,
        )

    def _reserve(
        self, account: Account, market: Market, order: Order, plan: list[Execution]
    ) -> None:
        if order.side is Side.SELL:
            order.reserved = order.orig_qty
            account.lock(market.base, order.reserved)
            return
        if order.type is not OrderType.MARKET:
            order.reserved = order.price * order.orig_qty
        elif order.orig_quote_qty > ZERO:
            order.reserved = order.orig_quote_qty
        else:
            order.reserved = sum((offer.price * qty for offer, qty in plan), ZERO)
        account.lock(market.quote, order.reserved)

    def _after_take(self, market: Market, order: Order) -> None:
        if not order.is_open:
            self._close(market, order)
        elif order.type is OrderType.MARKET or order.time_in_force in (
            TimeInForce.IOC,
            TimeInForce.FOK,
        ):
            order.status = OrderStatus.EXPIRED
            self._close(market, order)
        else:
            market.book.add(order)
            market.update_id += 1

    def _close(self, market: Market, order: Order) -> None:
        asset = market.quote if order.side is Side.BUY else market.base
        self.accounts[order.api_key].release(asset, order.reserved)
        order.reserved = ZERO
        order.update_time = self.clock()
        market.update_id += 1

    def _trade(self, market: Market, taker: Order, offer: Offer, qty: Decimal) -> None:
        trade_id = next(self.trade_ids)
        self._settle(market, taker, offer.price, qty, trade_id, is_maker=False)
        if offer.maker is not None:
            self._settle(market, offer.maker, offer.price, qty, trade_id, is_maker=True)
            self._retire_if_done(market, offer.maker)
        market.stats.observe_trade(trade_id, offer.price, qty)

    def _fill_as_maker(self, market: Market, order: Order) -> None:
        trade_id, qty = next(self.trade_ids), order.remaining_qty
        self._settle(market, order, order.price, qty, trade_id, is_maker=True)
        self._retire_if_done(market, order)
        market.stats.observe_trade(trade_id, order.price, qty)

    def _retire_if_done(self, market: Market, order: Order) -> None:
        if not order.is_open:
            market.book.remove(order)
            self._close(market, order)

    def _settle(
        self,
        market: Market,
        order: Order,
        price: Decimal,
        qty: Decimal,
        trade_id: int,
        *,
        is_maker: bool,
    ) -> None:
        account = self.accounts[order.api_key]
        rate = self.fees.maker if is_maker else self.fees.taker
        quote_amount = price * qty
        if order.side is Side.BUY:
            spent_reserve = quote_amount if order.type is OrderType.MARKET else order.price * qty
            commission, commission_asset = round_fee(qty * rate), market.base
            account.spend_locked(market.quote, spent_reserve)
            account.credit(market.quote, spent_reserve - quote_amount)
            account.credit(market.base, qty - commission)
        else:
            spent_reserve = qty
            commission, commission_asset = round_fee(quote_amount * rate), market.quote
            account.spend_locked(market.base, qty)
            account.credit(market.quote, quote_amount - commission)
        order.reserved -= spent_reserve
        fill = Fill(
            trade_id,
            order.order_id,
            market.symbol,
            order.side,
            price,
            qty,
            commission,
            commission_asset,
            self.clock(),
            is_maker,
        )
        order.record(fill)
        account.add_fill(fill)


def plan_take(market: Market, request: OrderRequest) -> list[Execution]:
    """What a taker order would execute against now, best price first, without changing anything."""
    plan: list[Execution] = []
    qty_left = request.qty
    quote_left = request.quote_qty
    step = market.rules.step_size
    for offer in _offers(market, request.side):
        if request.price is not None and not _crosses(request.side, request.price, offer.price):
            break
        qty = offer.qty
        if qty_left is not None:
            qty = min(qty, qty_left)
            qty_left -= qty
        if quote_left is not None:
            qty = min(qty, floor_to_step(quote_left / offer.price, step))
            quote_left -= qty * offer.price
        if qty <= ZERO:
            break
        plan.append((offer, qty))
        if qty_left == ZERO:
            break
    return plan


def _offers(market: Market, taker_side: Side) -> Iterator[Offer]:
    """Resting orders and synthetic levels merged best first; resting orders win ties."""
    bids, asks = market.synthetic_levels()
    levels = asks if taker_side is Side.BUY else bids
    sign = 1 if taker_side is Side.BUY else -1
    resting = (
        (sign * o.price, 0, Offer(o.price, o.remaining_qty, o))
        for o in market.book.makers_for(taker_side)
    )
    synthetic = ((sign * lv.price, 1, Offer(lv.price, lv.qty, None)) for lv in levels)
    for _, _, offer in heapq.merge(list(resting), synthetic, key=lambda entry: entry[:2]):
        yield offer


def _crosses(side: Side, limit: Decimal, price: Decimal) -> bool:
    return price <= limit if side is Side.BUY else price >= limit


def _planned_qty(plan: list[Execution]) -> Decimal:
    return sum((qty for _, qty in plan), ZERO)


def _check_notional(market: Market, request: OrderRequest, plan: list[Execution]) -> None:
    if request.price is not None and request.qty is not None:
        notional = request.price * request.qty
    elif request.quote_qty is not None:
        notional = request.quote_qty
    else:
        notional = sum((offer.price * qty for offer, qty in plan), ZERO)
    if notional < market.rules.min_notional:
        raise errors.filter_failure("NOTIONAL")
