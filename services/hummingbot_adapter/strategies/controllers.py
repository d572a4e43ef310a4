"""A bot's strategy as the Hummingbot V2 controller config the host deploys.

`spread` becomes `pmm_simple` (Hummingbot's market-making controller: one level per side,
`total_amount_quote` split evenly over the levels). `dca` becomes a `generic` controller named
`dca` with `amount_quote`, `interval_seconds` and `price_step`; stock Hummingbot ships no
periodic-buy controller, so a real host needs that controller installed
(`POST /controllers/generic/dca`), which the bot host simulator has built in.
"""

from __future__ import annotations

from typing import Any

from services.hummingbot_adapter.strategies.schemas import DcaConfig, SpreadConfig, StrategyConfig


def controller_config(
    config_id: str, connector: str, trading_pair: str, strategy: StrategyConfig
) -> dict[str, Any]:
    market = {"id": config_id, "connector_name": connector, "trading_pair": trading_pair}
    if isinstance(strategy, SpreadConfig):
        return market | _pmm_simple(strategy)
    return market | _dca(strategy)


def _pmm_simple(spread: SpreadConfig) -> dict[str, Any]:
    return {
        "controller_name": "pmm_simple",
        "controller_type": "market_making",
        "total_amount_quote": float(spread.order_amount * 2),
        "buy_spreads": [float(spread.bid_spread)],
        "sell_spreads": [float(spread.ask_spread)],
        "executor_refresh_time": spread.order_refresh_time,
        "leverage": 1,
        "manual_kill_switch": False,
        "candles_config": [],
    }


def _dca(dca: DcaConfig) -> dict[str, Any]:
    return {
        "controller_name": "dca",
        "controller_type": "generic",
        "amount_quote": float(dca.order_amount),
        "interval_seconds": dca.interval_s,
        "price_step": float(dca.price_step),
        "candles_config": [],
    }
