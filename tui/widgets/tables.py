"""Filling a DataTable in one go, with column widths computed up front.

A DataTable measures auto-width columns only when the app is next idle; if it is rendered
before that (which happens in a busy real terminal, not under the test pilot) the rows are
cached at the header's width and stay cut off. Giving every column its width avoids that.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable


def _width(cell: Any) -> int:
    if isinstance(cell, Text):
        return max((cell_len(line) for line in cell.plain.split("\n")), default=0)
    return max((cell_len(line) for line in str(cell).split("\n")), default=0)


def fill(
    table: DataTable,
    columns: Sequence[tuple[str, Any]],
    rows: Iterable[tuple[str, Sequence[Any]]],
    max_width: int = 80,
    keep_cursor: bool = True,
) -> None:
    """Replace the table's columns and rows. ``columns`` are (key, label); ``rows`` are
    (key, cells). Each column is as wide as its widest cell or label (at most ``max_width``)."""
    rows = list(rows)
    cursor = table.cursor_row if keep_cursor else 0
    widths = [_width(label) for _key, label in columns]
    for _key, cells in rows:
        for i, c in enumerate(cells):
            if i < len(widths):
                widths[i] = max(widths[i], _width(c))
    table.clear(columns=True)
    for (key, label), w in zip(columns, widths, strict=True):
        table.add_column(label, key=key, width=min(max(w, 1), max_width))
    for key, cells in rows:
        table.add_row(*cells, key=key)
    if rows:
        table.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)
