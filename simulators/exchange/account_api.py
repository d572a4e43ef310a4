"""Binance's account endpoints: account information, trade list and API key restrictions."""

from __future__ import annotations

from simulators.exchange import binance_errors as errors
from simulators.exchange.amounts import ZERO, format_amount
from simulators.exchange.binance_format import Json, account_trade, balances
from simulators.exchange.binance_http import Call
from simulators.exchange.history import Window


def account_information(call: Call) -> Json:
    account, fees = call.account, call.exchange.fees
    omit_zero = call.params.optional_text("omitZeroBalances") == "true"
    return {
        "makerCommission": int(fees.maker * 10_000),
        "takerCommission": int(fees.taker * 10_000),
        "buyerCommission": 0,
        "sellerCommission": 0,
        "commissionRates": {
            "maker": format_amount(fees.maker),
            "taker": format_amount(fees.taker),
            "buyer": format_amount(ZERO),
            "seller": format_amount(ZERO),
        },
        "canTrade": True,
        "canWithdraw": account.can_withdraw,
        "canDeposit": True,
        "brokered": False,
        "requireSelfTradePrevention": False,
        "preventSor": False,
        "updateTime": call.now,
        "accountType": "SPOT",
        "balances": balances(account, omit_zero=omit_zero),
        "permissions": ["SPOT"],
    }


def account_trades(call: Call) -> list[Json]:
    market = call.exchange.market(call.params.text("symbol"))
    window = Window.from_params(call.params, id_param="fromId")
    if window.from_id is not None and (window.start is not None or window.end is not None):
        raise errors.invalid_combination()
    fills = call.account.fills.get(market.symbol, [])
    order_id = call.params.optional_int("orderId")
    if order_id is not None:
        fills = [fill for fill in fills if fill.order_id == order_id]
    selected = window.select(fills, ident=lambda f: f.trade_id, time=lambda f: f.time)
    return [account_trade(fill) for fill in selected]


def api_restrictions(call: Call) -> Json:
    account = call.account
    return {
        "ipRestrict": False,
        "createTime": account.created_at,
        "enableReading": True,
        "enableSpotAndMarginTrading": True,
        "enableWithdrawals": account.can_withdraw,
        "enableInternalTransfer": False,
        "enableMargin": False,
        "enableFutures": False,
        "permitsUniversalTransfer": False,
        "enableVanillaOptions": False,
        "enablePortfolioMarginTrading": False,
    }
