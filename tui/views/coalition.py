"""The coalition explorer: pick actors or groups, see what they can force and block, and how."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import get_current_worker

from govmodel.model import Model
from govmodel.regions import collapse_regional
from tui import results as R
from tui.i18n import rule_text
from tui.lawmarks import decision_marks
from tui.messages import CoalitionChanged
from tui.render import Doc, level_text, name_in, organ_short, tx
from tui.safe import esc as escape
from tui.safe import lit
from tui.views.base import View
from tui.widgets.tables import GovTable, fill

if TYPE_CHECKING:
    from textual.theme import Theme

    from govmodel.analysis.outcomes import DecisionControl, Outcome
    from tui.options import WidgetOptions


def cell(out: Outcome, lang: str, theme: Theme, was: Outcome | None = None) -> Text:
    """A force/block cell: ✔ level or ✘, coloured; with the earlier verdict when it changed.
    A minority right has no blocking side: its block cell is a dash (not applicable)."""
    if not getattr(out, "applicable", True):
        return Text("—", style="dim")
    ok = out.possible
    colour = (theme.success if out.level == "firm" else theme.warning) if ok else theme.error
    label = f"✔ {level_text(out.level, lang)}" if ok else f"✘ {'nei' if lang == 'nb' else 'no'}"
    text = Text(label, style=colour or "")
    if was is not None and (was.possible, was.level) != (ok, out.level):
        old = f"✔ {level_text(was.level, lang)}" if was.possible else "✘"
        text.append(f" ← {old}", style="bold reverse")
    return text


class CoalitionView(View):
    pane_id = "coalition"
    focus_target = "#co-list"
    search_input = "#co-filter"
    KEYS = (("ctrl+d", "toggle_direct", "key.direct"), ("ctrl+r", "clear", "key.clear"))

    #: the coalition picked here changed (the app keeps it; the what-if shows it too)
    Changed = CoalitionChanged

    def __init__(self, **kw: Unpack[WidgetOptions]) -> None:
        super().__init__(**kw)
        self.members: set[str] = set()  # nobody picked until the user picks
        self.direct = False
        self.results: list[DecisionControl] = []
        self.before: dict[str, DecisionControl] = {}
        self._options_for: tuple[str, str] | None = None

    def compose_view(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="co-left"):
                yield Input(placeholder=self.tr("co.filter"), id="co-filter", compact=True)
                yield SelectionList[str](id="co-list")
            with Vertical(id="co-right"):
                yield Static(self.tr("app.loading"), id="co-summary")
                yield GovTable(id="co-table", flex="decision")
                with VerticalScroll(id="co-detail-wrap"):
                    yield Static("", id="co-detail")

    # -- picking -------------------------------------------------------------------------------

    def _options(self, model: Model, needle: str = "") -> list[Selection[str]]:
        needle = needle.strip().lower()
        lang = self.lang
        groups = sorted(
            model.groups.values(), key=lambda g: (not g.generate, g.id.startswith("medlemmer_"))
        )
        order = {"association": 0, "role": 1, "state_body": 2, "private": 2, "company": 2}
        actors = sorted(
            model.actors.values(),
            key=lambda a: (
                order.get(a.kind, 3 if a.kind == "fylkeskommune" else 4),
                a.fylke or "",
                tx(a.name, lang),
            ),
        )
        out: list[Selection[str]] = []

        def match(*texts: str) -> bool:
            return not needle or any(needle in (x or "").lower() for x in texts)

        for g in groups:
            # either language matches (a name typed as the user knows it); shown in the UI's
            if match(g.id, g.name, tx(g.name, "en")):
                label = f"▣ {tx(g.name, lang)} ({len(g.members)})"
                out.append(Selection(lit(label), g.id, g.id in self.members))
        for a in actors:
            fylke = a.fylke or ""
            if match(a.id, a.name, tx(a.name, "en"), fylke):
                name = tx(a.name, lang)
                label = name if a.kind not in ("kommune", "fylkeskommune") else f"{name} ({a.id})"
                out.append(Selection(lit(label), a.id, a.id in self.members))
        return out

    def _fill_options(self, force: bool = False) -> None:
        model = self.current
        needle = self.query_one("#co-filter", Input).value
        key = (model.id + str(id(model)), needle)
        if key == self._options_for and not force:
            return
        self._options_for = key
        sl = self.query_one("#co-list", SelectionList)
        sl.clear_options()
        options = self._options(model, needle)
        sl.add_options(options)
        if options:
            sl.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "co-filter":
            event.stop()
            self._fill_options()

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        value = event.selection.value
        if value in self.members:
            self.members.discard(value)
        else:
            self.members.add(value)
        self.post_message(self.Changed(frozenset(self.members)))
        self.compute()

    def set_members(self, members: set[str]) -> None:
        """Pick these actors or groups (used by the command palette and tests)."""
        self.members = set(members)
        self._options_for = None
        self.post_message(self.Changed(frozenset(self.members)))
        self.model_changed()

    def action_clear(self) -> None:
        """Start a new coalition: nobody picked."""
        self.set_members(set())

    def action_toggle_direct(self) -> None:
        self.direct = not self.direct
        self.compute()

    # -- computing -----------------------------------------------------------------------------

    def refresh_view(self) -> None:
        self._fill_options()
        self.compute()

    def compute(self) -> None:
        model = self.current
        base = self.gov.entry.base if self.gov.entry.changed else None
        self.query_one("#co-summary", Static).update(self.tr("app.computing"))
        self._compute(model, base, sorted(self.members), self.direct)

    @work(
        thread=True, exclusive=True, group="coalition", description="coalition", exit_on_error=False
    )
    def _compute(self, model: Model, base: Model, members: list[str], direct: bool) -> None:
        results = R.coalition_results(model, members, direct)
        before: dict[str, DecisionControl] = {}
        if base is not None:
            before = {r.key: r for r in R.coalition_results(base, members, direct)}
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, model, members, results, before)

    def _show(
        self,
        model: Model,
        members: list[str],
        results: list[DecisionControl],
        before: dict[str, DecisionControl],
    ) -> None:
        if model is not self.current or members != sorted(self.members):
            return  # a newer request (another model or coalition) wins
        self.results = results
        self.before = before
        lang = self.lang
        theme = self.app.current_theme
        table = self.query_one("#co-table", DataTable)
        row = table.cursor_row
        columns = [
            ("force", self.tr("co.force")),
            ("block", self.tr("co.block")),
            ("decision", self.tr("co.decision")),
        ]
        summary = self.query_one("#co-summary", Static)
        members = [m for m in members if m in model.actors or m in model.groups]
        if not members:
            fill(table, columns, [])
            summary.update(self.tr("co.pick"))
            self.query_one("#co-detail", Static).update("")
            return
        changed = 0
        rows = []
        for r in results:
            d = model.decision(r.organ, r.decision)
            was = before.get(r.key)
            fcell = cell(r.force, lang, theme, was.force if was else None)
            bcell = cell(r.block, lang, theme, was.block if was else None)
            if was is not None and (
                (was.force.possible, was.force.level) != (r.force.possible, r.force.level)
                or (was.block.possible, was.block.level) != (r.block.possible, r.block.level)
            ):
                changed += 1
            label = f"{organ_short(model, r.organ, lang)}: {tx(d.name, lang)}"
            rows.append((r.key, (fcell, bcell, label)))
        fill(table, columns, rows)
        names = ", ".join(name_in(model, m, lang) for m in members)
        nf = sum(r.force.possible for r in results)
        nb = sum(r.block.possible for r in results)
        mode = f" [dim]({escape(self.tr('co.direct'))})[/]" if self.direct else ""
        extra = f"  [b reverse] {changed} {escape(self.tr('co.changed'))} [/]" if changed else ""
        summary.update(
            f"[b]{escape(names)}[/] {escape(self.tr('co.summary', f=nf, b=nb, n=len(results)))}{mode}{extra}"
        )
        if results:
            self._detail(results[min(max(row, 0), len(results) - 1)].key)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "co-table" and event.row_key.value:
            self._detail(event.row_key.value)

    def _detail(self, key: str) -> None:
        model = self.current
        r = next((x for x in self.results if x.key == key), None)
        if r is None:
            return
        d = model.decision(r.organ, r.decision)
        doc = Doc(self.lang)
        doc.title(tx(d.name, self.lang), tx(model.organs[r.organ].name, self.lang))
        doc.line(f"{doc.tr('br.rule')}: {rule_text(model, d.rule, self.lang)}")
        doc.prov(d.provenance, 0)
        doc.marks(decision_marks(model, r.organ, r.decision, self.lang), 0)
        for label, out in ((doc.tr("co.force"), r.force), (doc.tr("co.block"), r.block)):
            verdict = (
                f"[$success]{escape(doc.tr('co.yes'))}, {escape(level_text(out.level, self.lang))}[/]"
                if out.possible
                else f"[$error]{escape(doc.tr('co.no'))}[/]"
            )
            doc.line("")
            doc.line(f"[b]{escape(label)}:[/] {verdict}", markup=True)
            outcome_lines(doc, model, out)
        was = self.before.get(key)
        if was is not None:
            doc.h(doc.tr("co.changed"))
            doc.line(
                f"{doc.tr('co.force')}: {_v(was.force, self.lang)} → {_v(r.force, self.lang)}; "
                f"{doc.tr('co.block')}: {_v(was.block, self.lang)} → {_v(r.block, self.lang)}",
                2,
            )
        self.query_one("#co-detail", Static).update(str(doc))


def _v(out: Outcome, lang: str) -> str:
    return level_text(out.level, lang) if out.possible else ("nei" if lang == "nb" else "no")


def outcome_lines(doc: Doc, model: Model, out: Outcome, indent: int = 2) -> None:
    """The reason, the players commanded (own, or via which chain), recommendations and the
    weak links a result rests on; every player, organ and relation by its name in the view's
    language and each chain as a sentence, as the report writes them
    (:class:`govmodel.report.names.Namer`), never by id."""
    from govmodel.analysis.outcomes import hops_text
    from govmodel.report.coalition import outcome_reason
    from govmodel.report.l10n import L10n

    t = L10n(doc.lang, model)
    # the engine's reason (a language-neutral message) in the view's language, with names
    doc.line(outcome_reason(t, out), indent)
    direct = [pid for pid, ch in out.controlled if not ch.steps]
    indirect = [(pid, ch) for pid, ch in out.controlled if ch.steps]
    if direct:
        names = [t.name(pid) for pid in direct[:6]]
        shown = ", ".join(names) + (f" … (+{len(direct) - 6})" if len(direct) > 6 else "")
        doc.line(f"{doc.tr('co.own')}: {shown}", indent)
    seen: set[str] = set()
    for pid, ch in indirect:
        sig = collapse_regional(hops_text(ch.steps))
        if sig in seen:
            continue
        seen.add(sig)
        route = t.namer.text(sig) if t.namer else sig
        doc.line(f"{doc.tr('co.via')}: {t.name(collapse_regional(pid))} ⇐ {route}", indent)
        if len(seen) >= 4:
            rest = len(indirect) - 4
            if rest > 0:
                doc.line(doc.tr("co.more_same", n=rest), indent)
            break
    for rid, strength, sub in out.recommendations:
        head = doc.tr(
            "co.rec", rid=t.name(rid), strength=doc.tr(f"st.{strength}") if strength else "-"
        )
        if sub is None:
            doc.line(f"{head}: {doc.tr('co.rec_none')}", indent)
        else:
            yn = doc.tr("co.yes") if sub.possible else doc.tr("co.no")
            doc.line(f"{head}: {yn} — {outcome_reason(t, sub)}", indent)
    for s in dict.fromkeys(s for s in out.rests_on if s.link != "firm"):
        doc.line(
            "[$warning]"
            + escape(
                doc.tr("co.rests_on", link=level_text(s.link, doc.lang), rid=t.name(s.relation))
            )
            + f":[/] [i]{escape(s.provenance)}[/]",
            indent,
            markup=True,
        )
