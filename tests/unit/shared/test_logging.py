from __future__ import annotations

import json
import logging

from shared.logging import REDACTED, JsonFormatter, register_secret, set_request_id


def format_record(message: str, *args: object, **extra: object) -> dict[str, object]:
    record = logging.LogRecord("test", logging.INFO, __file__, 1, message, args, None)
    record.__dict__.update(extra)
    parsed: dict[str, object] = json.loads(JsonFormatter("svc").format(record))
    return parsed


def test_known_secret_fields_are_blanked_wherever_they_nest() -> None:
    line = format_record(
        "key added",
        request={"api_key": "AKIA-visible", "api_secret": "hidden", "nested": [{"password": "p"}]},
    )
    assert line["request"] == {
        "api_key": "AKIA-visible",
        "api_secret": REDACTED,
        "nested": [{"password": REDACTED}],
    }


def test_registered_secret_values_are_blanked_in_message_and_traceback() -> None:
    register_secret("CANARY-7d1e0c")
    try:
        raise ValueError("exchange said: bad key CANARY-7d1e0c")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "t", logging.ERROR, __file__, 1, "using %s", ("CANARY-7d1e0c",), sys.exc_info()
        )
    line = JsonFormatter("svc").format(record)
    assert "CANARY-7d1e0c" not in line
    assert REDACTED in line


def test_every_line_carries_the_request_id() -> None:
    set_request_id("req-42")
    assert format_record("hello")["request_id"] == "req-42"
