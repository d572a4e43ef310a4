"""Strategy configs are validated field by field and become Hummingbot controller configs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from services.hummingbot_adapter.bot_host.connectors import hummingbot_connector
from services.hummingbot_adapter.strategies.controllers import controller_config
from services.hummingbot_adapter.strategies.schemas import parse_strategy_config
from shared.control_plane_client import Credential


def test_spread_config_becomes_a_pmm_simple_controller_with_one_level_a_side() -> None:
    spread = parse_strategy_config(
        "spread",
        {
            "bid_spread": "0.002",
            "ask_spread": "0.003",
            "order_amount": "50",
            "order_refresh_time": 15,
        },
    )

    config = controller_config("sharp-mm", "binance", "SHARP-USDT", spread)

    assert config == {
        "id": "sharp-mm",
        "connector_name": "binance",
        "trading_pair": "SHARP-USDT",
        "controller_name": "pmm_simple",
        "controller_type": "market_making",
        "total_amount_quote": 100.0,
        "buy_spreads": [0.002],
        "sell_spreads": [0.003],
        "executor_refresh_time": 15,
        "leverage": 1,
        "manual_kill_switch": False,
        "candles_config": [],
    }


def test_dca_config_becomes_a_generic_dca_controller() -> None:
    dca = parse_strategy_config("dca", {"order_amount": "25", "interval_s": 3600})

    config = controller_config("sharp-dca", "kucoin", "SHARP-USDT", dca)

    assert config["controller_name"] == "dca"
    assert config["controller_type"] == "generic"
    assert config["amount_quote"] == 25.0
    assert config["interval_seconds"] == 3600
    assert config["price_step"] == 0.0


def test_every_bad_spread_field_is_named() -> None:
    with pytest.raises(ValidationError) as invalid:
        parse_strategy_config(
            "spread",
            {"bid_spread": "1", "ask_spread": "-0.1", "order_amount": "0", "typo": 1},
        )

    fields = {error["loc"][0] for error in invalid.value.errors()}
    assert fields == {"bid_spread", "ask_spread", "order_amount", "typo"}


def test_dca_needs_an_amount_and_an_interval() -> None:
    with pytest.raises(ValidationError) as invalid:
        parse_strategy_config("dca", {"price_step": "0.05"})

    assert {error["loc"][0] for error in invalid.value.errors()} == {"order_amount", "interval_s"}


def test_credentials_use_the_connectors_own_field_names() -> None:
    credential = Credential.model_validate(
        {"api_key": "key-1234", "api_secret": "secret-5678", "passphrase": "pass-9012"}
    )
    binance = hummingbot_connector("binance")
    kucoin = hummingbot_connector("kucoin")
    assert binance is not None and kucoin is not None

    assert binance.credential_fields(credential) == {
        "binance_api_key": "key-1234",
        "binance_api_secret": "secret-5678",
    }
    assert kucoin.credential_fields(credential) == {
        "kucoin_api_key": "key-1234",
        "kucoin_secret_key": "secret-5678",
        "kucoin_passphrase": "pass-9012",
    }
    assert hummingbot_connector("gateio") is not None
    assert hummingbot_connector("no-such-exchange") is None


def test_spread_amounts_keep_their_decimal_precision() -> None:
    spread = parse_strategy_config(
        "spread", {"bid_spread": "0.0015", "ask_spread": "0.0015", "order_amount": "0.1"}
    )

    assert spread.model_dump()["bid_spread"] == Decimal("0.0015")
