"""The comparison view: models side by side, differences highlighted; pick which models."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Label, ProgressBar, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import get_current_worker

from govmodel.errors import GovmodelError
from tui import compare as C
from tui import data as D
from tui.docview import differs, renderables
from tui.messages import Compared
from tui.safe import esc as escape
from tui.safe import lit
from tui.views.base import View

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govmodel.analysis.criteria import Evaluation
    from govmodel.changes import Change
    from govmodel.model import Model
    from govmodel.report.document import Doc
    from govmodel.report.power_text import PowerSummary
    from tui.options import WidgetOptions

    #: a model to compare: a variant file, or a loaded model (its file and what-if)
    Source = Path | tuple[Model, Path, Sequence[Change]]


class CompareView(View):
    pane_id = "compare"
    focus_target = "#cmp-report-wrap"
    KEYS = (("f", "toggle_diff", "key.only_diff"),)

    def __init__(self, **kw: Unpack[WidgetOptions]) -> None:
        super().__init__(**kw)
        self.chosen: list[str] | None = None  # option values: "loaded:<i>" or a variant path
        self.only_diff = False
        self.doc: Doc | None = None
        self.columns: list[str] = []
        self._variants: dict[str, D.Loaded] = {}

    def compose_view(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="cmp-left"):
                yield Label(self.tr("cmp.models"), id="cmp-models-label")
                yield SelectionList[str](id="cmp-models")
                yield Checkbox(self.tr("cmp.only_diff"), value=False, id="cmp-diff", compact=True)
            with Vertical(id="cmp-right"):
                yield Static(self.tr("app.loading"), id="cmp-status")
                yield ProgressBar(id="cmp-progress", show_eta=False)
                with VerticalScroll(id="cmp-report-wrap"):
                    yield Static("", id="cmp-report")

    def lang_changed(self) -> None:
        if not self.built:
            return
        self.query_one("#cmp-models-label", Label).update(self.tr("cmp.models"))
        self.query_one("#cmp-diff", Checkbox).label = self.tr("cmp.only_diff")

    def _options(self) -> list[Selection[str]]:
        out = []
        loaded_paths = set()
        for i, e in enumerate(self.gov.entries):
            loaded_paths.add(e.path.resolve())
            label = D.model_name(e.base, self.lang) + (" *" if e.changed else "")
            out.append(Selection(lit(label), f"loaded:{i}", f"loaded:{i}" in (self.chosen or [])))
        for p in D.variant_paths(e.path for e in self.gov.entries):
            if p in loaded_paths:
                continue
            name = D.variant_name(p, self.lang)
            out.append(Selection(lit(name), str(p), str(p) in (self.chosen or [])))
        return out

    def refresh_view(self) -> None:
        if self.chosen is None:
            self.chosen = [f"loaded:{i}" for i in range(len(self.gov.entries))]
        sl = self.query_one("#cmp-models", SelectionList)
        sl.clear_options()
        sl.add_options(self._options())
        self.compute()

    def choose(self, values: list[str]) -> None:
        """Compare these models (option values; used by tests and the palette)."""
        self.chosen = list(values)
        self.model_changed()

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        if event.selection_list.id != "cmp-models":
            return
        event.stop()
        v = event.selection.value
        chosen = self.chosen or []
        if v in chosen:
            chosen.remove(v)
        else:
            chosen.append(v)
        self.chosen = chosen
        self.compute()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "cmp-diff":
            event.stop()
            self.only_diff = event.value
            self._fill()

    def action_toggle_diff(self) -> None:
        self.query_one("#cmp-diff", Checkbox).toggle()

    def compute(self) -> None:
        chosen = list(self.chosen or [])
        if len(chosen) < 2:
            self.query_one("#cmp-status", Static).update(self.tr("cmp.pick_two"))
            self.doc = None
            self.post_message(Compared(None))
            self._fill()
            self.query_one("#cmp-progress", ProgressBar).display = False
            return
        sources: list[tuple[str, Source]] = []
        for v in chosen:
            if v.startswith("loaded:"):
                i = int(v.split(":", 1)[1])
                if i < len(self.gov.entries):
                    e = self.gov.entries[i]
                    ops = e.whatif.ops(e.base) if e.changed else []
                    sources.append(
                        (e.base.id + (" *" if e.changed else ""), (e.model, e.path, ops))
                    )
            else:
                sources.append((Path(v).stem, Path(v)))
        self.query_one("#cmp-status", Static).update(self.tr("app.computing"))
        bar = self.query_one("#cmp-progress", ProgressBar)
        bar.display = True
        bar.update(total=100, progress=0)
        self._compute(sources, self.lang)

    @work(thread=True, exclusive=True, group="compare", description="compare", exit_on_error=False)
    def _compute(self, sources: list[tuple[str, Source]], lang: str) -> None:
        worker = get_current_worker()
        evals: list[Evaluation] = []
        powers: list[PowerSummary | None] = []
        labels: list[str] = []
        errors: list[str] = []
        n = len(sources)
        for i, (label, src) in enumerate(sources):
            if worker.is_cancelled:
                return
            if isinstance(src, Path):
                key = C.source_key(src)
                entry = self._variants.get(str(src))
                if entry is None:
                    try:
                        entry = self._variants[str(src)] = D.load(src)
                    except D.EXPECTED as exc:
                        errors.append(f"{src.name}: {D.error_text(exc)}")
                        continue
                model = entry.base
            else:
                model, path, ops = src
                key = C.source_key(path, ops)

            def progress(step: int, total: int, i: int = i) -> None:
                done = (i + step / total) / n * 100
                self.app.call_from_thread(self._progress, done)

            try:
                evals.append(C.evaluation(key, model))
                progress(1, 2)
                powers.append(C.power_summary(model))
            except GovmodelError as exc:
                errors.append(f"{label}: {D.error_text(exc)}")
                continue
            labels.append(D.model_name(model, self.lang) + (" *" if label.endswith(" *") else ""))
            self.app.call_from_thread(self._progress, (i + 1) / n * 100)
        doc = None
        if len(evals) >= 2:
            try:
                doc = C.report_doc(evals, powers, lang)
            except GovmodelError as exc:
                errors.append(D.error_text(exc))
        if not worker.is_cancelled:
            self.app.call_from_thread(self._done, labels, errors, doc)

    def _progress(self, value: float) -> None:
        self.query_one("#cmp-progress", ProgressBar).update(progress=value)

    def _done(self, labels: list[str], errors: list[str], doc: Doc | None = None) -> None:
        self.columns = labels
        self.doc = doc
        self.post_message(Compared(doc))
        self.query_one("#cmp-progress", ProgressBar).display = False
        if doc is not None:
            tags = C.letters(len(labels))
            ndiff = sum(1 for b in doc.blocks if hasattr(b, "rows") for r in b.rows if differs(r))
            status = " · ".join(
                f"{tag} = {label}" for tag, label in zip(tags, labels, strict=False)
            )
            status += f"  ({ndiff} ≠)"
        else:
            status = " ⇄ ".join(labels)
        if errors:
            status += "\n[$error]" + escape("; ".join(errors)) + "[/]"
            self.query_one("#cmp-status", Static).update(
                escape(status.split("\n")[0]) + "\n" + status.split("\n", 1)[1]
            )
        else:
            self.query_one("#cmp-status", Static).update(escape(status))
        self._fill()

    def _fill(self) -> None:
        report = self.query_one("#cmp-report", Static)
        self.query_one("#cmp-report-wrap").display = self.doc is not None
        if self.doc is not None:
            report.update(renderables(self.doc, self.app.current_theme, self.only_diff))
