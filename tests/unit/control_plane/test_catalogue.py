from __future__ import annotations

import pytest

from services.control_plane.exchanges.catalogue import CCXT_VERSION, SUPPORTED, require_supported
from shared.errors import Unprocessable

BASIC = {"api_key", "api_secret"}


def test_exchange_missing_from_ccxt_is_refused_naming_the_ccxt_version() -> None:
    with pytest.raises(Unprocessable, match=f"installed ccxt {CCXT_VERSION}"):
        require_supported("bitmart", BASIC)


def test_exchange_needing_a_passphrase_requires_one() -> None:
    with pytest.raises(Unprocessable, match="requires passphrase"):
        require_supported("okx", BASIC)
    assert require_supported("okx", BASIC | {"passphrase"}).name == "OKX"


def test_exchange_signing_with_a_wallet_key_is_not_storable() -> None:
    assert "hyperliquid" not in SUPPORTED
    with pytest.raises(Unprocessable, match="does not store"):
        require_supported("hyperliquid", BASIC)
