from __future__ import annotations

import pytest

from services.control_plane.wallets.chains import InvalidAddress, parse_address, parse_any

CHECKSUMMED = "0x52908400098527886E0F7030069857D2E4169EE7"


@pytest.mark.parametrize("given", [CHECKSUMMED, CHECKSUMMED.lower(), " " + CHECKSUMMED + " "])
def test_evm_address_is_shown_checksummed_and_keyed_lowercase(given: str) -> None:
    address = parse_address("ethereum", given)

    assert (address.chain, address.display, address.key) == (
        "evm",
        CHECKSUMMED,
        CHECKSUMMED.lower(),
    )


@pytest.mark.parametrize(
    "given",
    [
        "0x52908400098527886E0F7030069857D2E4169Ee7",  # mixed case, wrong checksum
        "0x1234",
        "52908400098527886E0F7030069857D2E4169EE7",
        "0xZZ08400098527886E0F7030069857D2E4169EE7",
    ],
)
def test_invalid_evm_address_is_refused(given: str) -> None:
    with pytest.raises(InvalidAddress):
        parse_any(given)


def test_unknown_chain_names_the_supported_ones() -> None:
    with pytest.raises(InvalidAddress, match="supported: eth, ethereum, evm"):
        parse_address("solana", CHECKSUMMED)
