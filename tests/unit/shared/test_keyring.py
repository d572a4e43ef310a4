from __future__ import annotations

import uuid

import pytest

from shared.keyring import DecryptionFailed, Keyring, KeyringError, Sealed, associated_data

CLIENT, KEY = uuid.uuid4(), uuid.uuid4()


def test_highest_version_encrypts_new_rows() -> None:
    ring = Keyring.parse(f"{Keyring.generate_entry(2)},{Keyring.generate_entry(1)}")
    sealed = ring.encrypt("s3cret-value", associated_data(CLIENT, KEY, "api_secret"))
    assert ring.versions == [1, 2]
    assert sealed.key_version == 2
    assert b"s3cret-value" not in sealed.blob


def test_rows_under_three_versions_all_decrypt() -> None:
    entries = [Keyring.generate_entry(v) for v in (1, 2, 3)]
    aad = associated_data(CLIENT, KEY, "api_secret")
    sealed = [Keyring.parse(e).encrypt(f"secret-{i}", aad) for i, e in enumerate(entries)]
    ring = Keyring.parse(",".join(reversed(entries)))
    assert ring.current_version == 3
    assert [ring.decrypt(s, aad) for s in sealed] == ["secret-0", "secret-1", "secret-2"]


def test_ciphertext_moved_to_another_client_or_field_fails_to_decrypt() -> None:
    ring = Keyring.parse(Keyring.generate_entry(1))
    sealed = ring.encrypt("s3cret-value", associated_data(CLIENT, KEY, "api_secret"))
    with pytest.raises(DecryptionFailed):
        ring.decrypt(sealed, associated_data(uuid.uuid4(), KEY, "api_secret"))
    with pytest.raises(DecryptionFailed):
        ring.decrypt(sealed, associated_data(CLIENT, KEY, "api_key"))


def test_tampered_ciphertext_and_unknown_version_fail() -> None:
    ring = Keyring.parse(Keyring.generate_entry(1))
    aad = associated_data(CLIENT, KEY, "api_secret")
    sealed = ring.encrypt("s3cret-value", aad)
    flipped = Sealed(1, sealed.blob[:-1] + bytes([sealed.blob[-1] ^ 1]))
    with pytest.raises(DecryptionFailed):
        ring.decrypt(flipped, aad)
    with pytest.raises(DecryptionFailed, match="v7"):
        ring.decrypt(Sealed(7, sealed.blob), aad)


@pytest.mark.parametrize("text", ["", "v1:c2hvcnQ=", "key-without-version", "v1:!!!"])
def test_malformed_keyring_is_refused_without_echoing_key_material(text: str) -> None:
    with pytest.raises(KeyringError) as raised:
        Keyring.parse(text)
    material = text.partition(":")[2]
    assert not material or material not in str(raised.value)
