"""The app's tables: filled in one go, sortable by header, rows copyable, exportable as CSV.

:class:`GovTable` is a DataTable that keeps its data (columns and rows) so it can

- sort by a column when its header is clicked (again: the other way round), numbers as
  numbers (``9 %`` before ``10 %``);
- size its columns to the terminal: every column as wide as its widest cell, except the
  ``flex`` column (the names), which takes the width that is left and wraps long names onto
  more lines instead of cutting them;
- copy the highlighted row to the clipboard (``y``: tab-separated, where the terminal supports
  OSC 52) and write the whole table as CSV (``w``, through the app's output writer).

Column widths are given up front: a DataTable measures auto-width columns only when the app is
next idle, and a table rendered before that (in a busy terminal) stays cut at the header width.
Every ``str`` cell is shown literally (:func:`tui.safe.lit`): model names are never markup.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Unpack

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from tui.safe import clean, lit

if TYPE_CHECKING:
    from tui.options import TableOptions

#: a table cell: Rich ``Text`` (kept with its style) or any value, shown as its
#: plain text (:func:`tui.safe.clean`)
Cell = object
#: a column label
Label = str | Text


_NUMBER_NB = re.compile(r"^[-−]?\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?(?:e[-+]?\d+)?")
_NUMBER_EN = re.compile(r"^[-−]?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?")


def plain(cell: Cell) -> str:
    """The text of a cell, without styles."""
    if isinstance(cell, Text):
        return cell.plain
    return clean(cell)


def sort_value(cell: Cell, lang: str = "en") -> tuple[int, float | str]:
    """Numbers (``1 234`` and ``33,4 %`` in nb; ``1,234`` and ``2.4e-04`` in en) before text,
    each in natural order. The language says what a comma is: the decimal mark in nb, the
    thousands separator in en (so ``1,366`` inhabitants sort above ``205``)."""
    text = plain(cell).strip()
    below = text.startswith("<")  # "< 0,001": just under that number
    text = text.lstrip("< ").strip() if below else text
    m = (_NUMBER_NB if lang == "nb" else _NUMBER_EN).match(text)
    if m:
        digits = re.sub(r"[\s\u00a0\u202f]", "", m.group()).replace("−", "-")
        digits = digits.replace(",", ".") if lang == "nb" else digits.replace(",", "")
        try:
            return (0, float(digits) - (1e-9 if below else 0))
        except ValueError:
            pass
    return (1, text.casefold())


def _lines(text: str, width: int) -> list[str]:
    """``text`` wrapped at word boundaries into lines of at most ``width`` cells."""
    out: list[str] = []
    for para in text.split("\n"):
        out.extend(_wrap(para, width) or [""])
    return out


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        while cell_len(word) > width:  # a word longer than the column is broken
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _longest_word(cell: Cell) -> int:
    return max((cell_len(w) for w in plain(cell).split()), default=0)


def _longest_part(cell: Cell) -> int:
    """The width of the widest side of a cell written "after ← before" (the whole cell when
    it has no arrow; a bar's padding not counted): a column is cut there first."""
    sides = (p.strip() for line in plain(cell).split("\n") for p in line.split(" ← "))
    return max((cell_len(p) for p in sides), default=0)


def _width(cell: Cell) -> int:
    return max((cell_len(line) for line in plain(cell).split("\n")), default=0)


class GovTable(DataTable[Any]):
    """A DataTable that sorts by header, sizes columns to the terminal, copies and exports."""

    # the vertical scrollbar's gutter is always reserved: the width left for the columns must not
    # depend on whether the rows outgrow the height yet (that made the layout, and so the
    # screen, depend on when the table was first measured)
    DEFAULT_CSS = """
    GovTable {
        scrollbar-gutter: stable;
    }
    """

    BINDINGS = [
        Binding("y", "copy_row", "Copy row", show=False),
        Binding("w", "export_csv", "CSV", show=False),
    ]

    class ExportCsv(Message):
        """The user asked for this table as CSV (the app writes it)."""

        def __init__(self, table: GovTable, name: str, text: str) -> None:
            super().__init__()
            self.table = table
            self.name = name
            self.text = text

    def __init__(
        self, *, flex: str | None = None, max_width: int = 60, **kw: Unpack[TableOptions]
    ) -> None:
        kw.setdefault("cursor_type", "row")
        kw.setdefault("zebra_stripes", True)
        super().__init__(**kw)
        self.flex = flex
        self.max_width = max_width
        self.columns_spec: list[tuple[str, Label]] = []
        self.rows_spec: list[tuple[str, tuple[Cell, ...]]] = []
        self.sort_by: tuple[str, bool] | None = None  # (column key, reverse)
        self._laid_out_for = -1
        self._header_lines = self.header_height  # a heading wrapped onto more lines adds to it

    # -- data ----------------------------------------------------------------------------------

    def set_data(
        self,
        columns: Sequence[tuple[str, Label]],
        rows: Iterable[tuple[str, Sequence[Cell]]],
        keep_cursor: bool = True,
    ) -> None:
        """Replace the columns ((key, label)) and rows ((key, cells))."""
        keys = [k for k, _ in columns]
        if self.sort_by is not None and self.sort_by[0] not in keys:
            self.sort_by = None
        self.columns_spec = list(columns)
        self.rows_spec = [(k, tuple(cells)) for k, cells in rows]
        self._layout(keep_cursor)

    @property
    def lang(self) -> str:
        """The UI's language (how numbers in the cells are written), "en" outside an app."""
        try:
            lang = getattr(self.app, "lang", "en")
        except RuntimeError:  # Textual's "no active app" (outside an app, e.g. a unit test)
            return "en"
        return lang if lang in ("nb", "en") else "en"

    def shown_rows(self) -> list[tuple[str, tuple[Cell, ...]]]:
        """The rows in the order shown (sorted when a header was chosen)."""
        if self.sort_by is None:
            return list(self.rows_spec)
        key, reverse = self.sort_by
        i = [k for k, _ in self.columns_spec].index(key)
        lang = self.lang
        return sorted(
            self.rows_spec,
            key=lambda r: sort_value(r[1][i], lang) if i < len(r[1]) else (2, ""),
            reverse=reverse,
        )

    def _layout(self, keep_cursor: bool = True) -> None:
        rows = self.shown_rows()
        current = None
        if keep_cursor and self.row_count:
            try:
                current = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
            except CellDoesNotExist:  # the cursor is outside the old rows
                current = None
        # the sort arrow (" ▲") takes room only in the column sorted on: reserved in every
        # header, it kept the verdict columns two cells wider than their words each and the
        # names beside them wrapped ("Ordinary / resolution" in the what-if table at 120×40)
        sorted_on = self.sort_by[0] if self.sort_by is not None else None
        heads = [_width(label) + (2 if key == sorted_on else 0) for key, label in self.columns_spec]
        # a heading too wide for the room wraps at its words ("Akershus fylkeskommune" over
        # a column of "✔ firm"), as a cell does, rather than push the last columns off screen
        head_words = [
            (_longest_word(label) if isinstance(label, str) else _width(label))
            + (2 if key == sorted_on else 0)
            for key, label in self.columns_spec
        ]
        widths = list(heads)
        words = [1] * len(widths)  # the longest word of a column: never broken
        parts = [1] * len(widths)  # the longest side of an "after ← before" cell
        for _key, cells in rows:
            for i, c in enumerate(cells[: len(widths)]):
                widths[i] = max(widths[i], _width(c))
                words[i] = max(words[i], _longest_word(c))
                parts[i] = max(parts[i], _longest_part(c))
        widths = [min(max(w, 1), self.max_width) for w in widths]
        fi = -1
        if self.flex is not None and self.flex in [k for k, _ in self.columns_spec]:
            fi = [k for k, _ in self.columns_spec].index(self.flex)
            avail = (self.scrollable_content_region.width or self.size.width or 80) - 1
            padding = 2 * self.cell_padding * len(widths)
            floor = max(12, min(words[fi], self.max_width))
            # too wide for the names whole: the other columns wrap a change at its arrow
            # ("✘ ← ✔ firm" as wide as "✔ firm", which stays whole); and only if the names
            # column would then be narrower than its longest word, their cells down to their
            # header and their longest word
            natural = max(
                [_width(c[1][fi]) for c in rows if fi < len(c[1])]
                + [_width(self.columns_spec[fi][1])]
            )
            for target, least_of in (
                (min(natural, self.max_width), lambda i: max(heads[i], words[i], parts[i])),
                (floor, lambda i: max(head_words[i], words[i])),
            ):
                over = sum(w for i, w in enumerate(widths) if i != fi) + target + padding - avail
                for i in sorted(range(len(widths)), key=lambda i: -widths[i]):
                    if over <= 0:
                        break
                    if i == fi:
                        continue
                    least = min(least_of(i), widths[i])
                    cut = min(widths[i] - least, over)
                    widths[i] -= cut
                    over -= cut
            rest = sum(w for i, w in enumerate(widths) if i != fi) + padding
            # the names column takes what is left: long names wrap at word boundaries
            widths[fi] = max(floor, min(natural, avail - rest))
        self._laid_out_for = self.size.width
        self.clear(columns=True)
        labels: list[Label] = []
        for (key, label), w in zip(self.columns_spec, widths, strict=True):
            room = w - (2 if key == sorted_on else 0)  # the arrow follows the last line
            wrap = isinstance(label, str) and 0 < room < _width(label)
            labels.append("\n".join(_lines(str(label), room)) if wrap else label)
        self.header_height = max(
            [self._header_lines] + [len(str(x).split("\n")) for x in labels if isinstance(x, str)]
        )
        for (key, _label), label, w in zip(self.columns_spec, labels, widths, strict=True):
            shown = label if isinstance(label, Text) else lit(label)
            if self.sort_by is not None and self.sort_by[0] == key:
                shown = shown + Text(" ▼" if self.sort_by[1] else " ▲")
            self.add_column(shown, key=key, width=w)
        for key, cells in rows:
            shown_cells = [lit(c) if isinstance(c, str) else c for c in cells]
            # as many lines as the longest cell needs at its column's width (counted here:
            # the table's own estimate can come out short and cut the last line)
            height = max(
                (len(_lines(plain(c), w)) for c, w in zip(cells, widths, strict=False)),
                default=1,
            )
            self.add_row(*shown_cells, key=key, height=height)
        if rows:
            keys = [k for k, _ in rows]
            row = keys.index(current) if current in keys else min(self.cursor_row, len(rows) - 1)
            self.move_cursor(row=max(row, 0), animate=False)

    def on_resize(self) -> None:
        if self.flex is not None and self.columns_spec and self.size.width != self._laid_out_for:
            self._layout()

    # -- sorting, copying, exporting -----------------------------------------------------------

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        key = event.column_key.value or ""
        if not key:
            return
        if self.sort_by is not None and self.sort_by[0] == key:
            self.sort_by = (key, not self.sort_by[1])
        else:
            self.sort_by = (key, False)
        self._layout()

    def sort_on(self, key: str, reverse: bool = False) -> None:
        """Sort by this column (what a click on its header does)."""
        self.sort_by = (key, reverse)
        self._layout()

    def row_text(self, key: str) -> list[str]:
        for k, cells in self.rows_spec:
            if k == key:
                return [plain(c) for c in cells]
        return []

    def current_row_key(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def action_copy_row(self) -> None:
        key = self.current_row_key()
        if key is None:
            return
        header = [plain(label) for _k, label in self.columns_spec]
        cells = self.row_text(key)
        text = "\t".join(f"{h}: {c}" if h else c for h, c in zip(header, cells, strict=False))
        self.app.copy_to_clipboard("\t".join(cells))
        self.notify(text[:200], title="⧉", timeout=3, markup=False)

    def csv_text(self) -> str:
        """The table as CSV: a header row, then the rows in the order shown."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([plain(label) for _k, label in self.columns_spec])
        for _k, cells in self.shown_rows():
            w.writerow([plain(c) for c in cells])
        return buf.getvalue()

    def action_export_csv(self) -> None:
        if self.columns_spec:
            self.post_message(self.ExportCsv(self, self.id or "table", self.csv_text()))


def fill(
    table: DataTable,
    columns: Sequence[tuple[str, Label]],
    rows: Iterable[tuple[str, Sequence[Cell]]],
    max_width: int = 80,
    keep_cursor: bool = True,
) -> None:
    """Replace a table's columns ((key, label)) and rows ((key, cells))."""
    if isinstance(table, GovTable):
        table.set_data(columns, rows, keep_cursor)
        return
    rows = list(rows)
    cursor = table.cursor_row if keep_cursor else 0
    widths = [_width(label) for _key, label in columns]
    for _key, cells in rows:
        for i, c in enumerate(cells[: len(widths)]):
            widths[i] = max(widths[i], _width(c))
    table.clear(columns=True)
    for (key, label), w in zip(columns, widths, strict=True):
        table.add_column(
            lit(label) if isinstance(label, str) else label,
            key=key,
            width=min(max(w, 1), max_width),
        )
    for key, cells in rows:
        table.add_row(*[lit(c) if isinstance(c, str) else c for c in cells], key=key)
    if rows:
        table.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)
