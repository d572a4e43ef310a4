from __future__ import annotations

import time
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.control_plane.auth.tokens import issue_token
from shared.auth import (
    Principal,
    decode_token,
    private_key_text,
    public_key_text,
    scoped_account,
)
from shared.errors import NotFound, Unauthorized, Unprocessable

SIGNING = Ed25519PrivateKey.generate()
PRIVATE, PUBLIC = private_key_text(SIGNING), public_key_text(SIGNING.public_key())
CLIENT = Principal(subject="0xabc", role="client", client_id=uuid.uuid4(), account="client_sharp")
ADMIN = Principal(subject="admin", role="admin")


def test_issued_client_token_decodes_to_the_same_principal() -> None:
    assert decode_token(issue_token(CLIENT, PRIVATE, 60), PUBLIC) == CLIENT


def test_expired_tampered_and_foreign_tokens_are_refused() -> None:
    expired = issue_token(CLIENT, PRIVATE, -1)
    token = issue_token(CLIENT, PRIVATE, 60)
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload[:-2]}xx.{signature}"
    foreign = issue_token(CLIENT, private_key_text(Ed25519PrivateKey.generate()), 60)
    with pytest.raises(Unauthorized, match="expired"):
        decode_token(expired, PUBLIC)
    for bad in (tampered, foreign, "not-a-jwt"):
        with pytest.raises(Unauthorized, match="invalid token"):
            decode_token(bad, PUBLIC)


def test_token_with_another_audience_or_algorithm_is_refused() -> None:
    now = int(time.time())
    claims = {
        "iss": "control-plane",
        "aud": "elsewhere",
        "sub": "x",
        "role": "admin",
        "iat": now,
        "exp": now + 60,
    }
    wrong_audience = jwt.encode(claims, SIGNING, algorithm="EdDSA")
    hs256 = jwt.encode(
        claims | {"aud": "trading-api"}, "shared-secret-guess-of-32-bytes!", algorithm="HS256"
    )
    for bad in (wrong_audience, hs256):
        with pytest.raises(Unauthorized):
            decode_token(bad, PUBLIC)


def test_a_client_reads_only_its_own_account_and_another_is_not_found() -> None:
    assert scoped_account(CLIENT, None) == "client_sharp"
    assert scoped_account(CLIENT, "client_sharp") == "client_sharp"
    with pytest.raises(NotFound):
        scoped_account(CLIENT, "client_other")


def test_an_admin_must_name_the_account() -> None:
    assert scoped_account(ADMIN, "client_other") == "client_other"
    with pytest.raises(Unprocessable):
        scoped_account(ADMIN, None)
