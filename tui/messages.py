"""The messages the views post to the app (handled with ``@on`` in :class:`tui.app.GovApp`):
a view says what it found or decided, the app keeps it as its state and pushes it down to the
other views through their bound reactive attributes; no view queries another or calls the
app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from govmodel.changes import Change
    from govmodel.model import Model
    from govmodel.report.document import Doc
    from tui.data import Loaded


class WhatIfApplied(Message):
    """The what-if tab computed the model of a what-if: it is the entry's model in effect."""

    def __init__(
        self, entry: Loaded, model: Model, changes: tuple[Change, ...], ms: float | None
    ) -> None:
        super().__init__()
        self.entry = entry
        self.model = model
        self.changes = changes
        self.ms = ms


class CoalitionChanged(Message):
    """The coalition picked in the coalition tab changed (the what-if shows it too)."""

    def __init__(self, members: frozenset[str]) -> None:
        super().__init__()
        self.members = members


class PowerFigures(Message):
    """The power tab's figures of the decision it shows: the top player's indices (for the
    explanation panel), or None while there are none."""

    def __init__(self, figures: dict[str, str] | None) -> None:
        super().__init__()
        self.figures = figures


class Compared(Message):
    """The comparison the compare tab shows (the export dialog offers it)."""

    def __init__(self, doc: Doc | None) -> None:
        super().__init__()
        self.doc = doc
