"""The criteria view: in-house verdicts with badges, reasoning and sources; the coverage
matrix of every contracting authority against every decision-making body, with search and
filters (fylke, population, link kind). Needs govmodel.analysis.criteria; until it exists the
view says so."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Select, Static
from textual.worker import get_current_worker

from govmodel.errors import GovmodelError
from govmodel.model import Model
from govmodel.report.l10n import L10n
from tui import criteria as CR
from tui import data as D
from tui.docview import grade_style
from tui.lawmarks import model_note, sources_text
from tui.render import Doc, name_in
from tui.safe import esc as escape
from tui.safe import lit
from tui.views.base import Note, View
from tui.widgets.tables import GovTable, fill

if TYPE_CHECKING:
    from textual.theme import Theme

    from tui.options import WidgetOptions

LINK_KINDS = ("direct", "chain", "contractual", "revocable", "diffuse", "none")


def link_style(kind: str, theme: Theme) -> str:
    if kind in ("direct", "chain"):
        return theme.success or ""
    if kind in ("contractual", "revocable", "diffuse"):
        return theme.warning or ""
    return theme.error or ""


class CriteriaView(View):
    pane_id = "criteria"
    focus_target = "#cr-verdicts"
    KEYS = (("slash", "search", "key.search"),)
    search_input = "#cr-search"

    def __init__(self, **kw: Unpack[WidgetOptions]) -> None:
        super().__init__(**kw)
        self.result: CR.CriteriaResult | None = None
        self.rows: list[CR.MatrixRow] = []
        self.selected: str | None = None

    def compose_view(self) -> ComposeResult:
        yield Note(self.tr("app.loading"), id="cr-note")
        with Vertical(id="cr-body"):
            with Horizontal(id="cr-top"):
                yield GovTable(id="cr-verdicts", flex="name", zebra_stripes=False)
                with VerticalScroll(id="cr-reason"):
                    yield Static("", id="cr-reason-text")
            with Horizontal(id="cr-filters"):
                yield Input(placeholder=self.tr("cr.search"), id="cr-search", compact=True)
                yield Select([], prompt=self.tr("cr.fylke"), id="cr-fylke", compact=True)
                yield Select(
                    [(label, label) for label, _lo, _hi in CR.POP_BANDS[1:]],
                    prompt=self.tr("cr.pop"),
                    id="cr-pop",
                    compact=True,
                )
                yield Select(
                    [(CR.link_text(k, self.lang), k) for k in LINK_KINDS],
                    prompt=self.tr("cr.link"),
                    id="cr-link",
                    compact=True,
                )
            yield Static("", id="cr-count")
            yield GovTable(id="cr-matrix", flex="name")

    def after_build(self) -> None:
        self.query_one("#cr-body").display = False

    def lang_changed(self) -> None:
        if not self.built:
            return
        self.query_one("#cr-search", Input).placeholder = self.tr("cr.search")
        self.query_one("#cr-link", Select).set_options(
            [(CR.link_text(k, self.lang), k) for k in LINK_KINDS]
        )

    def action_search(self) -> None:
        self.query_one("#cr-search", Input).focus()

    # -- computing -------------------------------------------------------------------------------

    def refresh_view(self) -> None:
        note = self.query_one("#cr-note", Note)
        if CR.module() is None:
            note.display = True
            self.query_one("#cr-body").display = False
            note.update(
                self.tr(
                    "app.not_available",
                    what=self.tr("tab.criteria")[2:],
                    module="govmodel.analysis.criteria",
                )
            )
            return
        note.update(self.tr("app.computing"))
        self._compute(self.current)

    @work(
        thread=True, exclusive=True, group="criteria", description="criteria", exit_on_error=False
    )
    def _compute(self, model: Model) -> None:
        try:
            res, err = CR.evaluate(model), None
        except GovmodelError as exc:  # shown, not fatal
            res, err = None, D.error_text(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, model, res, err)

    def _show(self, model: Model, res: CR.CriteriaResult | None, err: str | None) -> None:
        if model is not self.current:
            return
        note = self.query_one("#cr-note", Note)
        if res is None:
            note.display = True
            note.update(f"[$error]{escape(err or '-')}[/]")
            return
        note.display = False
        self.query_one("#cr-body").display = True
        self.result = res
        lang = self.lang
        theme = self.app.current_theme
        table = self.query_one("#cr-verdicts", DataTable)
        row = table.cursor_row
        vrows = []
        for v in res.verdicts:
            style = grade_style(v.verdict, theme)
            badge = Text(
                f"{CR.GRADE_GLYPH.get(v.verdict, '?')} {CR.grade_text(v.verdict, lang)}",
                style=style,
            )
            name = v.name.get(lang) or v.name.get("en") or v.id if hasattr(v.name, "get") else v.id
            label = Text(name, style="bold" if v.id in ("control", "in_house") else "")
            vrows.append((v.id, (badge, label)))
        fill(table, [("badge", ""), ("name", self.tr("cr.verdicts"))], vrows)
        fylke = self.query_one("#cr-fylke", Select)
        current = fylke.value
        fylke.set_options([(lit(name), nr) for nr, name in CR.fylker(model)])
        if current in {nr for nr, _ in CR.fylker(model)}:
            fylke.value = current
        if res.verdicts:
            keys = [v.id for v in res.verdicts]
            idx = (
                keys.index(self.selected)
                if self.selected in keys
                else min(max(row, 0), len(keys) - 1)
            )
            table.move_cursor(row=idx)
            self._reason(keys[idx])
        self._fill_matrix()

    # -- verdict detail ------------------------------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "cr-verdicts" and event.row_key.value:
            self.selected = event.row_key.value
            self._reason(event.row_key.value)
        elif event.data_table.id == "cr-matrix" and event.row_key.value:
            self._cell_detail(event.row_key.value)

    def _reason(self, vid: str) -> None:
        res = self.result
        if res is None:
            return
        v = next((x for x in res.verdicts if x.id == vid), None)
        if v is None:
            return
        lang = self.lang
        doc = Doc(lang)
        name = v.name.get(lang) or v.name.get("en") or v.id if hasattr(v.name, "get") else v.id
        style = (
            "$success"
            if v.verdict.startswith("satisfied")
            else "$warning"
            if v.verdict == "conditional"
            else "$error"
        )
        doc.line(
            f"[b]{escape(name)}[/]  [{style}]{escape(CR.GRADE_GLYPH.get(v.verdict, '?') + ' ' + CR.grade_text(v.verdict, lang))}[/]",
            markup=True,
        )
        doc.line(f"[dim]{escape(v.section)}[/]", markup=True)
        # the report's paragraph before its reasons: the answer depends on these rules
        note = model_note(res.model, lang, res.verdicts)
        if note:
            doc.marks([note], 0)
        # the report's wording: ids in the engine's sentences and element keys read as names
        from govmodel.report.evaluation import element_name

        t = L10n(lang, res.model)
        doc.h(doc.tr("cr.reasoning"))
        for m in v.reasoning:
            doc.line("• " + t.msg(m), 0)
        elements = getattr(v, "elements", ())
        if elements:
            for e in elements[:12]:
                glyph = CR.GRADE_GLYPH.get(e.verdict, "?")
                text = "; ".join(t.msg(m) for m in e.reasoning[:1])
                doc.line(f"{glyph} {element_name(t, e.key)}: {text}", 2)
            if len(elements) > 12:
                doc.line(doc.tr("br.more", n=len(elements) - 12), 2)
        doc.h(doc.tr("cr.sources"))
        # cited as the report cites them: a section not read in the statute says so
        for s in sources_text(res.model, v.sources, lang):
            doc.line(f"[i]{escape(s)}[/]", 2, markup=True)
        if v.rests_on:
            doc.h(doc.tr("cr.rests_on"))
            # the report's lines: names, link strengths and kinds in the glossary's words,
            # per-fylke elements counted once; the conditional ones marked
            from govmodel.report.evaluation import bases_lines

            all_lines = bases_lines(t, v.rests_on)
            conditional = set(bases_lines(t, v.rests_on, only_conditional=True))
            for i, line in enumerate(all_lines):
                if i >= 30:
                    doc.line(doc.tr("br.more", n=len(all_lines) - 30), 2)
                    break
                mark = "[$warning]•[/]" if line in conditional else "•"
                doc.line(f"{mark} {escape(line)}", 2, markup=True)
        na = [n for n in res.not_applicable if n[0] == vid]
        for _cid, m in na:
            doc.line(t.msg(m))
        self.query_one("#cr-reason-text", Static).update(str(doc))

    def _cell_detail(self, aid: str) -> None:
        res = self.result
        row = next((r for r in self.rows if r.authority == aid), None)
        if res is None or row is None:
            return
        doc = Doc(self.lang)
        doc.title(row.name)
        t = L10n(self.lang, res.model)
        if row.population:
            doc.kv(doc.tr("br.population"), t.number(row.population))
        # each route as the report writes it (names and verbs, Namer), not the engine's trace
        # of ids ("k4601 ∈ generalforsamling —elects→ styre")
        namer = t.namer
        for b, link, hops in zip(res.coverage.bodies, row.links, row.hops, strict=False):
            doc.h(f"{name_in(res.model, b.body, self.lang)}: {CR.link_text(link, self.lang)}")
            if hops:
                doc.line(namer.text(hops) if namer else hops, 2)
        self.query_one("#cr-reason-text", Static).update(str(doc))

    # -- the matrix ------------------------------------------------------------------------------

    @on(Input.Changed, "#cr-search")
    @on(Select.Changed, "#cr-fylke, #cr-pop, #cr-link")
    def _filter_changed(self, event: Input.Changed | Select.Changed) -> None:
        event.stop()
        self._fill_matrix()

    def set_filters(
        self, needle: str = "", fylke: str = "all", pop: str = "all", link: str = "all"
    ) -> None:
        """Set the search and filters (used by the command palette and tests)."""
        self.query_one("#cr-search", Input).value = needle
        for wid, val in (("#cr-fylke", fylke), ("#cr-pop", pop), ("#cr-link", link)):
            sel = self.query_one(wid, Select)
            if val == "all":
                sel.clear()
            else:
                sel.value = val
        self._fill_matrix()

    def _filter_value(self, wid: str) -> str:
        v = self.query_one(wid, Select).value
        return v if isinstance(v, str) else "all"

    def _fill_matrix(self) -> None:
        res = self.result
        if res is None:
            return
        lang = self.lang
        theme = self.app.current_theme
        rows = CR.matrix(
            res,
            self.query_one("#cr-search", Input).value,
            self._filter_value("#cr-fylke"),
            self._filter_value("#cr-pop"),
            self._filter_value("#cr-link"),
        )
        self.rows = rows
        table = self.query_one("#cr-matrix", DataTable)
        columns = [
            ("name", self.tr("cr.authority")),
            ("fylke", self.tr("cr.fylke")),
            ("pop", self.tr("cr.pop")),
        ] + [(f"b:{b.body}", name_in(res.model, b.body, lang)) for b in res.coverage.bodies]
        fylke_names = dict(CR.fylker(res.model))
        t = L10n(lang, res.model)  # numbers as the language writes them
        trows = []
        for r in rows:
            cells = [Text(CR.link_text(k, lang), style=link_style(k, theme)) for k in r.links]
            trows.append(
                (
                    r.authority,
                    (
                        r.name,
                        fylke_names.get(r.fylke, r.fylke or ""),
                        Text(t.number(r.population) if r.population else "", justify="right"),
                        *cells,
                    ),
                )
            )
        fill(table, columns, trows)
        counts = []
        for i, b in enumerate(res.coverage.bodies):
            per: dict[str, int] = {}
            for r in rows:
                per[r.links[i]] = per.get(r.links[i], 0) + 1
            summary = ", ".join(f"{CR.link_text(k, lang)} {n}" for k, n in per.items())
            counts.append(f"{name_in(res.model, b.body, lang)}: {summary}")
        total = len(res.coverage.authorities)
        self.query_one("#cr-count", Static).update(
            escape(self.tr("cr.rows", n=len(rows), total=total) + " — " + "; ".join(counts))
        )
