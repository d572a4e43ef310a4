"""Account identifiers: the unique slug that names a client's account across services."""

from __future__ import annotations

import re
import unicodedata

from services.control_plane.clients.schemas import ACCOUNT_PATTERN

MAX_LENGTH = 63
FALLBACK = "client"


def slugify(name: str) -> str:
    """`Sharp Token Ltd.` → `sharp-token-ltd`; always matches `^[a-z0-9][a-z0-9_-]{1,62}$`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:MAX_LENGTH].rstrip("-")
    return slug if len(slug) >= 2 else FALLBACK


def is_account_identifier(text: str) -> bool:
    """Whether `text` could name an account at all (anything else names none)."""
    return re.fullmatch(ACCOUNT_PATTERN, text) is not None


def first_free(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… — the first not in `taken`, within the length limit."""
    if base not in taken:
        return base
    suffix = 2
    while True:
        tail = f"-{suffix}"
        candidate = base[: MAX_LENGTH - len(tail)] + tail
        if candidate not in taken:
            return candidate
        suffix += 1
