"""Where tradectl keeps its login: `$TRADECTL_HOME` or `~/.config/tradectl`, readable by the
user alone (directory 0700, session file 0600, written atomically)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

SESSION_FILE = "session.json"


@dataclass(frozen=True)
class Session:
    """An access token and the gateway that issued it."""

    url: str
    access_token: str
    role: str
    expires_at: str

    @classmethod
    def issued(cls, url: str, role: str, access_token: str, expires_in: int) -> Session:
        expires_at = datetime.now(UTC) + timedelta(seconds=expires_in)
        return cls(url, access_token, role, expires_at.isoformat(timespec="seconds"))


def home_dir() -> Path:
    configured = os.environ.get("TRADECTL_HOME")
    return Path(configured) if configured else Path.home() / ".config" / "tradectl"


def session_path() -> Path:
    return home_dir() / SESSION_FILE


def save_session(session: Session) -> Path:
    """Replace the stored session; the file is created 0600 before the token is written."""
    directory = home_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".session-")
    with os.fdopen(descriptor, "w") as file:
        json.dump(asdict(session), file)
    target = session_path()
    os.replace(temporary, target)
    return target


def load_session() -> Session | None:
    """The stored session; None when there is none or it is unreadable (log in again)."""
    try:
        return Session(**json.loads(session_path().read_text()))
    except (FileNotFoundError, ValueError, TypeError):
        return None


def forget_session() -> bool:
    """Delete the stored session; False when there was none."""
    try:
        session_path().unlink()
    except FileNotFoundError:
        return False
    return True
