"""What went wrong talking to an exchange, in our own words.

ccxt exception messages can carry the request URL, and a signed URL carries the signature and
sometimes the key. They never reach a status detail, a response or a log line: the exception
class is mapped to a state and a sentence of ours, and the class name is all that is logged.
"""

from __future__ import annotations

from dataclasses import dataclass

import ccxt.async_support as ccxt

from shared.events import ConnectorState


@dataclass(frozen=True)
class Failure:
    state: ConnectorState
    detail: str
    error_type: str


# Most specific first: ccxt's classes form a tree (AuthenticationError < ExchangeError,
# RequestTimeout < NetworkError), and NetworkError is not under ExchangeError.
_FAILURES: tuple[tuple[type[BaseException], ConnectorState, str], ...] = (
    (ccxt.AccountSuspended, "invalid_credentials", "the exchange says the account is suspended"),
    (ccxt.PermissionDenied, "invalid_credentials", "the API key lacks a permission this needs"),
    (
        ccxt.AuthenticationError,
        "invalid_credentials",
        "the exchange rejected the API key or secret",
    ),
    (ccxt.RateLimitExceeded, "unreachable", "the exchange is rate limiting this address"),
    (ccxt.DDoSProtection, "unreachable", "the exchange refused the request (rate or IP limit)"),
    (ccxt.RequestTimeout, "unreachable", "the exchange did not answer in time"),
    (ccxt.ExchangeNotAvailable, "unreachable", "the exchange is unavailable"),
    (ccxt.OnMaintenance, "unreachable", "the exchange is under maintenance"),
    (ccxt.NetworkError, "unreachable", "the exchange could not be reached"),
    (ccxt.ExchangeClosedByUser, "error", "the exchange session was closed"),
    (ccxt.BadSymbol, "error", "the exchange does not list that symbol"),
    (ccxt.InsufficientFunds, "error", "insufficient funds on the exchange"),
    (ccxt.InvalidOrder, "error", "the exchange rejected the order"),
    (ccxt.OrderNotFound, "error", "the exchange does not know that order"),
    (ccxt.NotSupported, "error", "the exchange does not support this operation"),
    (ccxt.ExchangeError, "error", "the exchange answered with an error"),
    (TimeoutError, "unreachable", "the exchange did not answer in time"),
)


def describe(exc: BaseException) -> Failure:
    """Our state and wording for an exception raised by a ccxt call (never its message)."""
    for exception_class, state, detail in _FAILURES:
        if isinstance(exc, exception_class):
            return Failure(state, detail, type(exc).__name__)
    return Failure("error", "unexpected error talking to the exchange", type(exc).__name__)


EXCHANGE_ERRORS: tuple[type[BaseException], ...] = (
    ccxt.BaseError,
    TimeoutError,
    OSError,
)
"""What a call to an exchange may raise that is the exchange's fault, not ours."""
