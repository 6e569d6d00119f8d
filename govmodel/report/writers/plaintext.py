"""The 80-column text of a report without colour, laid out directly: the same bytes as rich's
renderer (:mod:`govmodel.report.writers.text`), at a fraction of the cost.

rich renders a table cell by cell through its general machinery (segments, styles, padding
objects), which for model A's tables of 372 contracting authorities is most of the cost of
writing the report. Without colour nothing of that machinery shows in the output: a table is
columns of word-wrapped text. This module computes the same column widths by the same rules
(rich's measurement of text, its collapse of wide columns and its even reduction; the collapse
and reduction are rich's own functions) and wraps each cell with rich's own line breaking, then
writes the lines itself.

It applies only where a character is a character cell, as in every report of the project's
models: when any text holds a character rich measures otherwise (wide East Asian characters,
combining marks, joiners, tabs, line separators) or a layout is out of the ordinary (a column
too narrow for its padding, a table wider than the page, rows of uneven length),
:func:`plain_text` returns ``None`` and the caller uses rich. tests/test_report_text_layout.py
checks the two against each other on the reports of every model and on generated tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from rich._wrap import divide_line
from rich.cells import get_character_cell_size

from govmodel.report.document import Bullets, Doc, Heading, Para, Table, clean

# characters a line of text may hold that rich does not treat as one cell each: tab stops,
# Unicode line and paragraph separators (str.splitlines breaks at them), the zero-width joiner
# and the emoji variation selector (rich measures them together with their neighbours)
_NOT_PLAIN = frozenset("\t\u2028\u2029\u200d\ufe0f")
_TRAILING_SPACE = re.compile(r"\s+$")

Lines = list[str]


@cache
def _one_cell(char: str) -> bool:
    return char not in _NOT_PLAIN and (char == "\n" or get_character_cell_size(char) == 1)


def _plain(texts: Iterable[str]) -> bool:
    """Whether every character of ``texts`` is one terminal cell (line feeds allowed)."""
    chars: set[str] = set()
    for t in texts:
        chars.update(t)
    return all(_one_cell(c) for c in chars)


def _fit(limit: int, low: int, high: int) -> tuple[int, int]:
    """A measurement (least, greatest width) normalised and capped at ``limit``, as rich's
    ``Measurement.get`` returns it."""
    low = max(0, min(max(0, low), high))
    high = max(0, max(low, high))
    low, high = min(low, limit), min(high, limit)
    if high < 1:
        return 0, 0
    low = max(0, min(low, high))
    return low, max(low, high)


def _measure(text: str, limit: int, extra: int) -> tuple[int, int]:
    """The width range of ``text`` padded by ``extra`` columns in ``limit`` columns: at least
    its longest word, at most its longest line (rich's measure of a padded text)."""
    if limit < 1:
        return 0, 0
    if limit - extra < 1:
        return _fit(limit, limit, limit)
    lines = text.splitlines()
    longest = max(map(len, lines)) if lines else 0
    words = text.split()
    low, high = _fit(limit, max(map(len, words)) if words else longest, longest)
    return _fit(limit, min(low + extra, limit), min(high + extra, limit))


def _column_widths(
    columns: Sequence[Sequence[str]], pads: Sequence[int], no_wrap: Sequence[bool], limit: int
) -> list[int]:
    """Each column's width with its padding, in ``limit`` columns (rich's rules for a table
    that does not expand: the widest line; if the whole is too wide, the widest wrappable
    columns are narrowed first, then all evenly)."""

    def measure(cells: Sequence[str], pad: int, width: int) -> tuple[int, int]:
        ranges = [_measure(c, width, pad) for c in cells]
        low = max(r[0] for r in ranges) if ranges else 1
        high = max(r[1] for r in ranges) if ranges else width
        return min(low, width), min(high, width)

    widths = [measure(cells, pad, limit)[1] or 1 for cells, pad in zip(columns, pads, strict=True)]
    if sum(widths) > limit:
        from rich._ratio import ratio_reduce
        from rich.table import Table as RichTable

        widths = RichTable._collapse_widths(widths, [not n for n in no_wrap], limit)
        if sum(widths) > limit:
            widths = ratio_reduce(sum(widths) - limit, [1] * len(widths), widths, widths)
        widths = [
            measure(cells, pad, w)[1] for cells, pad, w in zip(columns, pads, widths, strict=True)
        ]
    return widths


def _wrap(text: str, width: int, no_wrap: bool = False, pad: bool = True) -> Lines:
    """``text`` in lines of ``width`` columns: rich's line breaking (words whole where they
    fit, longer ones folded), each line cut to ``width`` and, with ``pad``, filled to it."""
    out: Lines = []
    for line in text.split("\n"):
        if no_wrap:
            pieces = [line]
        else:
            ends = [0, *divide_line(line, width, fold=True), len(line)]
            pieces = []
            for a, b in zip(ends, ends[1:], strict=False):
                piece = line[a:b]
                excess = len(piece) - width
                if excess > 0:
                    # whitespace beyond the width at a line's end goes (rich's rstrip_end)
                    m = _TRAILING_SPACE.search(piece)
                    if m is not None:
                        piece = piece[: len(piece) - min(len(m.group(0)), excess)]
                pieces.append(piece)
        for piece in pieces:
            piece = piece[:width]
            out.append(piece + " " * (width - len(piece)) if pad else piece)
    return out


def _grid(
    rows: Sequence[Sequence[str]],
    headers: Sequence[str] | None,
    no_wrap: Sequence[bool],
    page: int,
) -> Lines | None:
    """A table's lines: with ``headers``, rich's SIMPLE_HEAD table without edges (columns
    apart by one space and one space of padding on each inner side, a rule under the headers);
    without, rich's grid with one space after every column but the last."""
    ncol = len(no_wrap)
    boxed = headers is not None
    if not rows and not boxed:
        return []  # rich writes nothing for a grid without rows
    if ncol == 0 or any(len(r) != ncol for r in rows):
        return None
    if boxed:
        pads = [(0 if i == 0 else 1, 0 if i == ncol - 1 else 1) for i in range(ncol)]
        limit = page - (ncol - 1)  # one column of the box between neighbours
        body = [list(headers or ()), *rows]
    else:
        pads = [(0, 0 if i == ncol - 1 else 1) for i in range(ncol)]
        limit = page
        body = [list(r) for r in rows]
    columns = [[r[i] for r in body] for i in range(ncol)]
    widths = _column_widths(columns, [left + right for left, right in pads], no_wrap, limit)
    if sum(widths) > limit:
        return None
    for w, (left, right), texts in zip(widths, pads, columns, strict=True):
        # a column of empty cells is its padding alone; other text needs a column to go in
        if w - left - right < (0 if not any(texts) else 1):
            return None
    out: Lines = []
    sep = " " if boxed else ""
    for index, row in enumerate(body):
        cells = []
        for text, w, (left, right), nw in zip(row, widths, pads, no_wrap, strict=True):
            lines = _wrap(text, w - left - right, no_wrap=nw)
            cells.append([" " * left + line + " " * right for line in lines])
        height = max(map(len, cells))
        header = boxed and index == 0
        for cell, w in zip(cells, widths, strict=True):
            blank = [" " * w] * (height - len(cell))
            # headers sit on the rule (rich aligns the header row to the bottom)
            cell[:] = [*blank, *cell] if header else [*cell, *blank]
        out.extend(sep.join(parts) for parts in zip(*cells, strict=True))
        if header:
            out.append("─" * (sum(widths) + ncol - 1))
    return out


def _table_rows(b: Table) -> tuple[list[str], list[list[str]], list[bool]]:
    headers = [clean(h) for h in b.headers]
    rows = [[clean("  " * c.indent + c.text) for c in row] for row in b.rows]
    # the first column names things: keep short names whole (as the rich writer does)
    first = bool(b.rows) and max(len(r[0].text) for r in b.rows) <= 24
    return headers, rows, [i == 0 and first for i in range(len(b.headers))]


def _list_rows(b: Table) -> list[list[str]]:
    rows = []
    for row in b.rows:
        text = clean(row[0].text)
        first = True
        for h, c in zip(b.headers[1:], row[1:], strict=False):
            if not h or not c.text:
                continue
            text += (f" — {clean(h)}: " if first else f"; {clean(h)}: ") + clean(c.text)
            first = False
        rows.append(["•", text])
    return rows


def _bullet_rows(b: Bullets) -> list[list[str]]:
    rows = []
    for item in b.items:
        lines = item.split("\n")
        rows.append(["•", clean(lines[0])])
        rows.extend(["", clean("· " + line.strip().lstrip("·").strip())] for line in lines[1:])
    return rows


@dataclass
class _Part:
    """One block laid out: a paragraph (``text``), or a table (``headers``) or grid of cells."""

    text: str | None = None
    rows: list[list[str]] = field(default_factory=list)
    headers: list[str] | None = None
    no_wrap: list[bool] = field(default_factory=list)

    def texts(self) -> Iterable[str]:
        if self.text is not None:
            yield self.text
        yield from self.headers or ()
        for row in self.rows:
            yield from row


def _parts(doc: Doc) -> Iterable[_Part | None]:
    """``doc``'s blocks as parts, ``None`` for an empty line."""
    yield _Part(clean(doc.title))
    for b in doc.blocks:
        if isinstance(b, Heading):
            yield None
            yield _Part(clean(b.text))
        elif isinstance(b, Para):
            yield _Part(clean(b.text))
        elif isinstance(b, Bullets):
            yield _Part(rows=_bullet_rows(b), no_wrap=[True, False])
        elif isinstance(b, Table) and b.text_as_list:
            yield _Part(rows=_list_rows(b), no_wrap=[True, False])
        elif isinstance(b, Table):
            headers, rows, no_wrap = _table_rows(b)
            yield _Part(rows=rows, headers=headers, no_wrap=no_wrap)


def plain_text(doc: Doc, width: int = 80) -> str | None:
    """``doc`` as uncoloured text of ``width`` columns, byte for byte what rich writes, or
    ``None`` where this layout does not apply (see the module's docstring)."""
    parts = list(_parts(doc))
    if not _plain(t for p in parts if p is not None for t in p.texts()):
        return None
    out: Lines = []
    for part in parts:
        if part is None:
            out.append("")
        elif part.text is not None:
            out.extend(_wrap(part.text, width, pad=False))
        else:
            lines = _grid(part.rows, part.headers, part.no_wrap, width)
            if lines is None:
                return None
            out.extend(lines)
    text = "\n".join(out) + "\n"
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


__all__ = ["plain_text"]
