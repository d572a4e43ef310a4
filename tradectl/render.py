"""Printing answers: the API's JSON with `--json`, otherwise rich tables.

Tables are tolerant of the API growing or shrinking: a column is shown when at least one row
has its field, a record lists the fields it knows first and then any other plain ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

Json = Any
View = Callable[[Json], Iterable[RenderableType]]

JsonOutput = Annotated[
    bool, typer.Option("--json", help="Print the API's JSON answer instead of tables.")
]

_MISSING = object()
EMPTY = "—"


@dataclass(frozen=True)
class Column:
    key: str
    header: str = ""
    numeric: bool = False

    @property
    def title(self) -> str:
        return self.header or self.key.rsplit(".", 1)[-1].replace("_", " ")


def show(answer: Json, as_json: bool, view: View) -> None:
    """Print `answer` as JSON, or as the renderables `view` makes of it."""
    if as_json:
        typer.echo(json.dumps(answer, indent=2))
        return
    console = Console()
    for part in view(answer):
        console.print(part)


def lookup(row: Mapping[str, Any], key: str) -> Any:
    """The value at a dotted `key` ("client.name"), or `_MISSING`."""
    value: Any = row
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return _MISSING
        value = value[part]
    return value


def cell(value: Any) -> str:
    if value is None or value is _MISSING:
        return EMPTY
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(cell(item) for item in value) or EMPTY
    if isinstance(value, dict):
        return json.dumps(value, separators=(",", ":")) if value else EMPTY
    return str(value)


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column], title: str = "") -> Table:
    """Rows under the columns that at least one row has; says "none" when there are no rows."""
    shown = [c for c in columns if any(lookup(row, c.key) is not _MISSING for row in rows)]
    if not rows:
        shown = list(columns)
    grid = Table(title=title or None, title_justify="left", caption=None if rows else "none")
    for column in shown:
        grid.add_column(column.title, justify="right" if column.numeric else "left")
    for row in rows:
        grid.add_row(*(cell(lookup(row, c.key)) for c in shown))
    return grid


def record(item: Mapping[str, Any], keys: list[str], title: str = "") -> Table:
    """One object as field/value lines: `keys` first (those present), then its other plain
    fields; nested objects and lists of objects are left to their own tables."""
    listed = [k for k in keys if lookup(item, k) is not _MISSING]
    others = [k for k, v in item.items() if k not in keys and _is_plain(v)]
    grid = Table(title=title or None, title_justify="left", show_header=False, box=None)
    grid.add_column(style="bold")
    grid.add_column()
    for key in listed + others:
        grid.add_row(key.replace("_", " "), cell(lookup(item, key)))
    return grid


def note(text: str, style: str = "yellow") -> Text:
    return Text(text, style=style)


def heading(text: str) -> Text:
    return Text(text, style="bold")


def _is_plain(value: Any) -> bool:
    """A scalar, or a non-empty list of scalars (an empty list may be a table with no rows)."""
    if isinstance(value, list):
        return bool(value) and not any(isinstance(item, Mapping) for item in value)
    return not isinstance(value, Mapping)
