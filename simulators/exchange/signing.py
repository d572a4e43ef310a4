"""Binance's SIGNED endpoint security: API key header, HMAC-SHA256 signature, timestamp window.

The signature covers `totalParams`: the raw query string followed directly by the raw request
body, exactly as sent (still percent-encoded), without the `signature` parameter itself.
"""

from __future__ import annotations

import hashlib
import hmac

from simulators.exchange import binance_errors as errors
from simulators.exchange.accounts import Account
from simulators.exchange.params import Params

DEFAULT_RECV_WINDOW_MS = 5000
MAX_RECV_WINDOW_MS = 60_000
MAX_CLOCK_AHEAD_MS = 1000


def signature_of(secret: str, total_params: bytes) -> str:
    return hmac.new(secret.encode(), total_params, hashlib.sha256).hexdigest()


def split_signature(raw: bytes) -> tuple[bytes, str | None]:
    """The raw parameters without `signature=…`, and the signature if it was among them."""
    kept: list[bytes] = []
    signature: str | None = None
    for part in raw.split(b"&") if raw else []:
        if part.startswith(b"signature="):
            signature = part[len(b"signature=") :].decode("ascii", "replace")
        else:
            kept.append(part)
    return b"&".join(kept), signature


def verify_signature(account: Account, raw_query: bytes, body: bytes) -> None:
    query, query_signature = split_signature(raw_query)
    body, body_signature = split_signature(body)
    signature = query_signature or body_signature
    if not signature:
        raise errors.missing_parameter("signature")
    expected = signature_of(account.api_secret, query + body)
    if not hmac.compare_digest(expected, signature.lower()):
        raise errors.bad_signature()


def check_timestamp(params: Params, now: int) -> None:
    timestamp = params.optional_int("timestamp")
    if timestamp is None:
        raise errors.missing_parameter("timestamp")
    recv_window = params.optional_int("recvWindow") or DEFAULT_RECV_WINDOW_MS
    if recv_window > MAX_RECV_WINDOW_MS:
        raise errors.recv_window_too_large()
    if timestamp >= now + MAX_CLOCK_AHEAD_MS:
        raise errors.timestamp_ahead()
    if now - timestamp > recv_window:
        raise errors.timestamp_outside_window()


def authenticate(
    accounts: dict[str, Account], api_key: str | None, raw_query: bytes, body: bytes
) -> Account:
    if not api_key:
        raise errors.bad_api_key_format()
    account = accounts.get(api_key)
    if account is None:
        raise errors.rejected_api_key()
    verify_signature(account, raw_query, body)
    return account
