"""A report as plain text for the terminal: 80 columns, coloured by grade only on a terminal."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from govmodel.report.document import Bullets, Doc, Heading, Para, Table, clean

STYLE = {
    "satisfied": "bold green",
    "satisfied_indirect": "green",
    "conditional": "yellow",
    "unknown": "magenta",
    "not_satisfied": "bold red",
}


if TYPE_CHECKING:
    from rich.text import Text


def _t(text: str, style: str = "") -> Text:
    from rich.text import Text

    # rich.Text never interprets markup, so model text stays text
    return Text(clean(text), style=style)


def to_text(doc: Doc, color: bool = False, width: int = 80) -> str:
    """``doc`` as text lines of at most ``width`` columns (ANSI colours only with ``color``).

    Without colour the lines are laid out directly (:mod:`govmodel.report.writers.plaintext`,
    the same bytes as rich writes, several times faster on long tables); with colour, or text
    that layout does not handle, rich writes them (:func:`rich_text`).
    """
    if not color:
        from govmodel.report.writers.plaintext import plain_text

        out = plain_text(doc, width)
        if out is not None:
            return out
    return rich_text(doc, color, width)


def rich_text(doc: Doc, color: bool = False, width: int = 80) -> str:
    """``doc`` as text of ``width`` columns rendered by rich (ANSI colours only with ``color``)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table as RTable

    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
        markup=False,
    )
    console.print(_t(doc.title, "bold"))
    for b in doc.blocks:
        if isinstance(b, Heading):
            console.print()
            console.print(_t(b.text, "bold underline" if b.level <= 2 else "bold"))
        elif isinstance(b, Para):
            style = "dim" if b.small else (STYLE.get(b.grade or "", "") or "")
            console.print(_t(b.text, style))
        elif isinstance(b, Bullets):
            grid = RTable.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for item in b.items:
                lines = item.split("\n")
                grid.add_row("•", _t(lines[0]))
                for line in lines[1:]:
                    grid.add_row("", _t("· " + line.strip().lstrip("·").strip()))
            console.print(grid)
        elif isinstance(b, Table) and b.text_as_list:
            grid = RTable.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for row in b.rows:
                text = _t(row[0].text, "bold")
                first = True
                for h, c in zip(b.headers[1:], row[1:], strict=False):
                    if not h or not c.text:
                        continue
                    text.append(f" — {clean(h)}: " if first else f"; {clean(h)}: ")
                    first = False
                    text.append(
                        clean(c.text), style=STYLE.get(c.grade or "", "") if c.grade else ""
                    )
                grid.add_row("•", text)
            console.print(grid)
        elif isinstance(b, Table):
            table = RTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
            for i, h in enumerate(b.headers):
                table.add_column(
                    _t(h, "bold"),
                    overflow="fold",
                    # the first column names things: keep short names whole
                    no_wrap=i == 0 and bool(b.rows) and max(len(r[0].text) for r in b.rows) <= 24,
                )
            for row in b.rows:
                cells = []
                for c in row:
                    style = STYLE.get(c.grade or "", "") if c.grade else ""
                    if c.strong:
                        style = (style + " bold").strip()
                    cells.append(_t("  " * c.indent + c.text, style))
                table.add_row(*cells)
            console.print(table)
    out = buf.getvalue()
    return "\n".join(line.rstrip() for line in out.splitlines()) + "\n"


__all__ = ["rich_text", "to_text"]
