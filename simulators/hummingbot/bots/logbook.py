"""A bot's log lines, shaped like the entries hummingbot-api keeps from a bot's MQTT log topic."""

from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

LogEntry = dict[str, Any]
KEPT_LINES = 100

logger = logging.getLogger("simulators.hummingbot.bots")


@dataclass
class Logbook:
    bot_name: str
    general: deque[LogEntry] = field(default_factory=lambda: deque(maxlen=KEPT_LINES))
    errors: deque[LogEntry] = field(default_factory=lambda: deque(maxlen=KEPT_LINES))
    last_line_at: float | None = None

    def info(self, source: str, message: str) -> None:
        self._append(self.general, logging.INFO, source, message)

    def error(self, source: str, message: str) -> None:
        self._append(self.errors, logging.ERROR, source, message)

    def _append(self, lines: deque[LogEntry], level: int, source: str, message: str) -> None:
        logger.log(level, "%s %s: %s", self.bot_name, source, message)
        self.last_line_at = time.monotonic()
        lines.append(
            {
                "timestamp": time.time(),
                "msg": message,
                "level_no": level,
                "level_name": logging.getLevelName(level),
                "logger_name": source,
            }
        )
