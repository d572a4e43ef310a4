"""Signatures as Binance's API documentation computes them."""

from __future__ import annotations

from simulators.exchange.signing import signature_of, split_signature

# the HMAC example of Binance's spot REST documentation ("SIGNED Endpoint Examples")
DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
DOC_PAYLOAD = (
    b"symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
    b"&recvWindow=5000&timestamp=1499827319559"
)
DOC_SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"


def test_signature_matches_binance_documentation_example() -> None:
    assert signature_of(DOC_SECRET, DOC_PAYLOAD) == DOC_SIGNATURE


def test_signature_parameter_is_split_off_the_raw_parameters() -> None:
    raw = DOC_PAYLOAD + b"&signature=" + DOC_SIGNATURE.encode()

    assert split_signature(raw) == (DOC_PAYLOAD, DOC_SIGNATURE)


def test_parameters_stay_percent_encoded_as_sent() -> None:
    raw = b"symbols=%5B%22BTCUSDT%22%5D&signature=abc"

    assert split_signature(raw) == (b"symbols=%5B%22BTCUSDT%22%5D", "abc")
