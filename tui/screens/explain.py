"""The explanation panel (key ``i``): what the power indices measure and why Banzhaf and
Shapley–Shubik can disagree (with the figures of the decision shown in the Power tab), what each
grade of a verdict means, and the strengths of a link, in the UI language."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import tr
from tui.render import Doc

GRADES = ("satisfied", "satisfied_indirect", "conditional", "unknown", "not_satisfied")
LINKS = ("firm", "contractual", "periodic", "revocable", "diffuse")


def explanation(lang: str, here: dict[str, str] | None = None) -> str:
    """The explanation as markup; ``here`` (decision, name, bz, ss) adds the figures of the
    decision on screen, so the general text meets the case the user is looking at."""
    doc = Doc(lang)
    doc.title(tr("ex.title", lang))
    doc.h(tr("ex.indices", lang))
    for key in ("ex.banzhaf", "ex.shapley", "ex.why"):
        doc.line(tr(key, lang))
        doc.line("")
    if here:
        doc.line(tr("ex.here", lang, **here))
        doc.line("")
    doc.line(tr("ex.estimated", lang))
    doc.line(tr("ex.not_law", lang))
    doc.h(tr("ex.grades", lang))
    for g in GRADES:
        doc.line("• " + tr(f"ex.g.{g}", lang))
    doc.h(tr("ex.links", lang))
    doc.line(tr("ex.links_intro", lang))
    for link in LINKS:
        doc.line("• " + tr(f"ex.l.{link}", lang))
    return str(doc)


class ExplainScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,i", "dismiss", "Close")]

    def __init__(self, here: dict[str, str] | None = None) -> None:
        super().__init__()
        self.here = here

    def compose(self) -> ComposeResult:
        lang: Any = getattr(self.app, "lang", "en")
        with VerticalScroll(id="help-box"):
            yield Static(explanation(lang, self.here), id="ex-text")

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
