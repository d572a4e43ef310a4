from __future__ import annotations

import re

import pytest

from services.control_plane.clients.accounts import first_free, slugify
from services.control_plane.clients.schemas import ACCOUNT_PATTERN


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Sharp Token Ltd.", "sharp-token-ltd"),
        ("  Ünïcode   Ça va ", "unicode-ca-va"),
        ("$$$", "client"),
        ("X", "client"),
        ("a" * 100, "a" * 63),
    ],
)
def test_slug_from_name_matches_the_account_pattern(name: str, slug: str) -> None:
    assert slugify(name) == slug
    assert re.match(ACCOUNT_PATTERN, slug)


def test_taken_slug_gets_the_first_free_suffix_within_the_length_limit() -> None:
    assert first_free("sharp", set()) == "sharp"
    assert first_free("sharp", {"sharp", "sharp-2"}) == "sharp-3"
    long = "a" * 63
    assert first_free(long, {long}) == "a" * 61 + "-2"
