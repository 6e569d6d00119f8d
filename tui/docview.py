"""A report document (govmodel.report.document's Doc: headings, paragraphs, bullets, tables)
as Rich renderables for the terminal, coloured by grade and with differing rows highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from govmodel.report.document import Bullets, Cell, Doc, Heading, Para
from govmodel.report.document import Table as DocTable

if TYPE_CHECKING:
    from textual.theme import Theme

DIFF = "≠"


def grade_style(grade: str | None, theme: Theme) -> str:
    if grade in ("satisfied", "satisfied_indirect"):
        return theme.success or "green"
    if grade == "conditional":
        return theme.warning or "yellow"
    if grade == "not_satisfied":
        return theme.error or "red"
    if grade == "unknown":
        return "dim"
    return ""


def differs(row: tuple[Cell, ...]) -> bool:
    return bool(row) and getattr(row[-1], "text", "") == DIFF


def renderables(doc: Doc, theme: Theme, only_diff: bool = False) -> RenderableType:
    out: list[RenderableType] = [Text(doc.title, style=f"bold {theme.accent or ''}")]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append(Text(" "))
            out.append(Text(b.text, style=f"bold {theme.accent or ''}"))
        elif isinstance(b, Para):
            if not b.text:
                continue
            style = (
                "dim"
                if getattr(b, "small", False)
                else grade_style(getattr(b, "grade", None), theme)
            )
            out.append(Text(b.text, style=style))
        elif isinstance(b, Bullets):
            for item in b.items:
                line = Text("• ", style="dim")
                line.append(
                    item, style=f"bold {theme.warning or ''}" if item.startswith(DIFF) else ""
                )
                out.append(line)
        elif isinstance(b, DocTable):
            rows = [r for r in b.rows if not only_diff or differs(r)]
            if not rows:
                continue
            table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
            width = max(len(b.headers), max(len(r) for r in rows))
            headers = list(b.headers) + [""] * (width - len(b.headers))
            for i, h in enumerate(headers):
                last = i == len(headers) - 1
                table.add_column(
                    h,
                    overflow="fold",
                    no_wrap=last,
                    min_width=1 if last else min(len(h), 8) or 1,
                )
            for r in rows:
                diff = differs(r)
                cells = []
                for c in r:
                    style = grade_style(c.grade, theme)
                    if c.strong:
                        style = f"bold {style}"
                    cells.append(Text("  " * c.indent + c.text, style=style))
                table.add_row(*cells, style="bold" if diff else "")
            out.append(table)
    return Group(*out)
