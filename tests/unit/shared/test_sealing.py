from __future__ import annotations

import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from shared.sealing import (
    SealError,
    credential_info,
    load_public_key,
    open_sealed,
    public_key_text,
    seal,
)

CONNECTOR = uuid.uuid4()


def test_only_the_callers_private_key_opens_a_sealed_credential() -> None:
    caller, stranger = X25519PrivateKey.generate(), X25519PrivateKey.generate()
    recipient = load_public_key(public_key_text(caller))
    sealed = seal(b'{"api_secret": "s3cret"}', recipient, credential_info(CONNECTOR, 3))
    assert "s3cret" not in sealed
    assert open_sealed(sealed, caller, credential_info(CONNECTOR, 3)) == b'{"api_secret": "s3cret"}'
    with pytest.raises(SealError):
        open_sealed(sealed, stranger, credential_info(CONNECTOR, 3))


def test_a_sealed_credential_replayed_for_another_version_or_connector_fails() -> None:
    caller = X25519PrivateKey.generate()
    sealed = seal(b"x", load_public_key(public_key_text(caller)), credential_info(CONNECTOR, 3))
    with pytest.raises(SealError):
        open_sealed(sealed, caller, credential_info(CONNECTOR, 4))
    with pytest.raises(SealError):
        open_sealed(sealed, caller, credential_info(uuid.uuid4(), 3))


def test_a_malformed_public_key_is_refused() -> None:
    with pytest.raises(SealError):
        load_public_key("bm90IGEga2V5")
