"""The keyword arguments the TUI's widgets pass on to Textual, as typed dictionaries.

A view or table accepts ``**kw`` and hands it to its Textual base class; typing the ``**kw``
with these (``Unpack[...]``) lets mypy check each call against Textual's own parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypedDict

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.widgets.data_table import CursorType


class WidgetOptions(TypedDict, total=False):
    """A container's keyword arguments (``textual.containers.Vertical``)."""

    name: str | None
    id: str | None
    classes: str | None
    disabled: bool
    markup: bool


class TableOptions(TypedDict, total=False):
    """``textual.widgets.DataTable``'s keyword arguments."""

    show_header: bool
    show_row_labels: bool
    fixed_rows: int
    fixed_columns: int
    zebra_stripes: bool
    header_height: int
    show_cursor: bool
    cursor_foreground_priority: Literal["renderable", "css"]
    cursor_background_priority: Literal["renderable", "css"]
    cursor_type: CursorType
    cell_padding: int
    name: str | None
    id: str | None
    classes: str | None
    disabled: bool


class NotifyOptions(TypedDict, total=False):
    """``textual.app.App.notify``'s keyword arguments other than ``markup``."""

    title: str
    severity: SeverityLevel
    timeout: float | None
