"""Address rules per chain family: how an address is validated, shown and looked up.

EVM chains share one address space, so `ethereum`, `eth` and `evm` name the same family. A new
family (say Solana) is one more `ChainRules` entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from eth_utils.address import is_address, is_checksum_address, to_checksum_address


class InvalidAddress(ValueError):
    """The address is not valid for its chain."""


@dataclass(frozen=True)
class Address:
    chain: str
    display: str  # how it is shown (EIP-55 for EVM)
    key: str  # the normalised form lookups and uniqueness use


class ChainRules(Protocol):
    name: str

    def parse(self, text: str) -> Address: ...


class EvmRules:
    name = "evm"

    def parse(self, text: str) -> Address:
        text = text.strip()
        if not text.startswith("0x") or not is_address(text):
            raise InvalidAddress(
                f"{text[:64]!r} is not an EVM address (0x + 40 hex digits, valid EIP-55 checksum "
                "if mixed case)"
            )
        digits = text[2:]
        if digits != digits.lower() and digits != digits.upper() and not is_checksum_address(text):
            raise InvalidAddress(f"{text!r} has a wrong EIP-55 checksum (mixed case)")
        return Address(self.name, to_checksum_address(text), text.lower())


CHAINS: dict[str, ChainRules] = {"evm": EvmRules()}
ALIASES = {"ethereum": "evm", "eth": "evm"}


def rules_for(chain: str) -> ChainRules:
    name = chain.strip().lower()
    rules = CHAINS.get(ALIASES.get(name, name))
    if rules is None:
        supported = ", ".join(sorted([*CHAINS, *ALIASES]))
        raise InvalidAddress(f"unsupported chain {chain[:32]!r} (supported: {supported})")
    return rules


def parse_address(chain: str, address: str) -> Address:
    return rules_for(chain).parse(address)


def parse_any(address: str) -> Address:
    """An address given without its chain (lookups): the first family that accepts it."""
    errors = []
    for rules in CHAINS.values():
        try:
            return rules.parse(address)
        except InvalidAddress as exc:
            errors.append(str(exc))
    raise InvalidAddress("; ".join(errors))
