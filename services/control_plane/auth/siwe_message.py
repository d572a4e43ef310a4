"""Sign-In With Ethereum (EIP-4361) messages: the text a wallet signs, and checking it signed.

Parsing and signature recovery are the `siwe` library's (offline: EIP-191 recovery through
eth-account; no web3 provider, so smart-contract wallets (EIP-1271) are not accepted). What the
library does not do, the service does: nonce bookkeeping, allowed chains, wallet ownership.
"""

from __future__ import annotations

import secrets
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import abnf
from eth_keys.exceptions import BadSignature

from shared.errors import Unauthorized

with warnings.catch_warnings():
    # siwe's grammar redefines core ABNF rules on import; the warning is noise, not a fault.
    warnings.simplefilter("ignore", abnf.GrammarWarning)
    import siwe

STATEMENT = "Sign in to the trading dashboard."


@dataclass(frozen=True)
class SignIn:
    """A parsed sign-in message: the fields the service acts on, and the message itself."""

    domain: str
    address: str  # lowercase
    chain_id: int
    nonce: str
    message: Any = field(repr=False)


def new_nonce() -> str:
    return secrets.token_hex(16)


def challenge(
    *, domain: str, uri: str, address: str, chain_id: int, nonce: str, expires_at: datetime
) -> str:
    """The complete EIP-4361 text for `address` (EIP-55) to sign, valid until `expires_at`."""
    message = siwe.SiweMessage(
        domain=domain,
        address=address,
        statement=STATEMENT,
        uri=uri,
        version="1",
        chain_id=chain_id,
        nonce=nonce,
        issued_at=siwe.ISO8601Datetime.from_datetime(datetime.now(UTC)),
        expiration_time=siwe.ISO8601Datetime.from_datetime(expires_at),
    )
    text: str = message.prepare_message()
    return text


def parse(message: str) -> SignIn:
    try:
        parsed = siwe.SiweMessage.from_message(message)
    except ValueError:
        raise Unauthorized("the sign-in message is not a valid EIP-4361 message") from None
    return SignIn(
        domain=parsed.domain,
        address=str(parsed.address).lower(),
        chain_id=int(parsed.chain_id),
        nonce=str(parsed.nonce),
        message=parsed,
    )


def verify(sign_in: SignIn, signature: str) -> None:
    """Check that the message's own address signed it, and that it is within its validity."""
    try:
        sign_in.message.verify("0x" + signature.removeprefix("0x"), timestamp=datetime.now(UTC))
    except siwe.ExpiredMessage:
        raise Unauthorized("the sign-in message has expired: request a new nonce") from None
    except siwe.NotYetValidMessage:
        raise Unauthorized("the sign-in message is not valid yet") from None
    except (siwe.VerificationError, BadSignature):
        # BadSignature: 65 bytes that are no ECDSA signature at all (siwe lets it through).
        raise Unauthorized(
            "the signature does not match the message and its address (altered message?)"
        ) from None
