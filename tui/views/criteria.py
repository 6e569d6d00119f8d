"""The criteria view: in-house verdicts with badges, reasoning and sources; the coverage
matrix of every contracting authority against every decision-making body, with search and
filters. Needs govmodel.analysis.criteria; until it exists the view says so."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from tui import data as D
from tui.views.base import Note, View


class CriteriaView(View):
    pane_id = "criteria"

    def compose(self) -> ComposeResult:
        yield Note(self.t("app.loading"), id="cr-note")

    def refresh_view(self) -> None:
        crit = D.optional("govmodel.analysis.criteria")
        note = self.query_one("#cr-note", Note)
        if crit is None:
            note.update(
                self.t(
                    "app.not_available",
                    what=self.t("tab.criteria")[2:],
                    module="govmodel.analysis.criteria",
                )
            )
            return
        note.update(self.t("app.not_available", what=self.t("tab.criteria")[2:], module="tui"))

    def data(self) -> Any:
        return None
