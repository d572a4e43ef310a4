"""Binance's error answers: `{"code": -1121, "msg": "Invalid symbol."}` with its HTTP status."""

from __future__ import annotations


class BinanceError(Exception):
    """A rejection the simulator answers exactly as Binance would."""

    def __init__(self, code: int, msg: str, status: int = 400) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg
        self.status = status


def missing_parameter(name: str) -> BinanceError:
    return BinanceError(
        -1102, f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed."
    )


def illegal_value(name: str) -> BinanceError:
    return BinanceError(-1100, f"Illegal characters found in parameter '{name}'.")


def invalid_value(name: str) -> BinanceError:
    return BinanceError(-1130, f"Data sent for parameter '{name}' is not valid.")


def invalid_symbol() -> BinanceError:
    return BinanceError(-1121, "Invalid symbol.")


def filter_failure(filter_type: str) -> BinanceError:
    return BinanceError(-1013, f"Filter failure: {filter_type}")


def insufficient_balance() -> BinanceError:
    return BinanceError(-2010, "Account has insufficient balance for requested action.")


def duplicate_order() -> BinanceError:
    return BinanceError(-2010, "Duplicate order sent.")


def would_take() -> BinanceError:
    return BinanceError(-2010, "Order would immediately match and take.")


def order_does_not_exist() -> BinanceError:
    return BinanceError(-2013, "Order does not exist.")


def unknown_order() -> BinanceError:
    return BinanceError(-2011, "Unknown order sent.")


def invalid_combination() -> BinanceError:
    return BinanceError(-1128, "Combination of optional parameters invalid.")


def window_too_long() -> BinanceError:
    return BinanceError(-1127, "More than 24 hours between startTime and endTime.")


def bad_api_key_format() -> BinanceError:
    return BinanceError(-2014, "API-key format invalid.", status=401)


def rejected_api_key() -> BinanceError:
    return BinanceError(-2015, "Invalid API-key, IP, or permissions for action.", status=401)


def bad_signature() -> BinanceError:
    return BinanceError(-1022, "Signature for this request is not valid.")


def timestamp_ahead() -> BinanceError:
    return BinanceError(-1021, "Timestamp for this request was 1000ms ahead of the server's time.")


def timestamp_outside_window() -> BinanceError:
    return BinanceError(-1021, "Timestamp for this request is outside of the recvWindow.")


def recv_window_too_large() -> BinanceError:
    return BinanceError(-1131, "recvWindow must be less than 60000")


def weight_exceeded(limit: int) -> BinanceError:
    return BinanceError(
        -1003,
        f"Too much request weight used; current limit is {limit} request weight per 1 MINUTE. "
        "Please use WebSocket Streams for live updates to avoid polling the API.",
        status=429,
    )
