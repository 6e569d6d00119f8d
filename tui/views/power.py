"""Power and blocking: players sorted by index with bars (Banzhaf and Shapley–Shubik), and the
minimal winning and blocking coalitions of each decision."""

from __future__ import annotations

import time
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Unpack

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from govmodel.errors import GovmodelError
from govmodel.model import Model
from govmodel.report.l10n import L10n
from tui import data as D
from tui import results as R
from tui.i18n import method_text, rule_text, seat_name
from tui.lawmarks import decision_marks, decision_word
from tui.messages import PowerFigures
from tui.render import Doc, decision_name, name_in, organ_short, tx
from tui.safe import esc as escape
from tui.safe import lit
from tui.views.base import View
from tui.widgets.tables import GovTable, fill

if TYPE_CHECKING:
    from govmodel.power.structure import DecisionStructure
    from tui.options import WidgetOptions

BAR = " ▏▎▍▌▋▊▉█"
#: coalitions listed per line before "… (+n)" (the pane scrolls; the report lists six)
LIST_LIMIT = 40


def bar(value: Fraction | float | None, width: int = 8) -> str:
    """A horizontal bar of ``value`` (0–1) in ``width`` cells, with eighth-cell precision."""
    if value is None:
        return ""
    v = max(0.0, min(1.0, float(value)))
    eighths = round(v * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (BAR[part] if part else "")).ljust(width)


class PowerView(View):
    pane_id = "power"
    focus_target = "#pw-list"

    def __init__(self, **kw: Unpack[WidgetOptions]) -> None:
        super().__init__(**kw)
        self.selected: str | None = None
        self._quiet = False
        self._structure_cache: dict[int, tuple[Any, dict]] = {}
        self._for_model: tuple[int, str] | None = None  # the list is of this model, language
        #: the timer that starts Shapley–Shubik once the selection has rested (None: none set)
        self._ss_timer: Timer | None = None

    def compose_view(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="pw-list", markup=False)
            with Vertical(id="pw-right"):
                yield Static(self.tr("app.loading"), id="pw-head")
                yield GovTable(id="pw-table", flex="player")
                # the method, the legend and the coalitions scroll below the table: at 80×24
                # the head above it keeps to the decision, its rule and its game
                with VerticalScroll(id="pw-struct-wrap"):
                    yield Static("", id="pw-method")
                    yield Static("", id="pw-struct")

    def refresh_view(self) -> None:
        model = self.current
        ol = self.query_one("#pw-list", OptionList)
        decisions = R.power_decisions(model)
        keys = [f"{o}.{d}" for o, d, _ in decisions]
        if self._for_model != (id(model), self.lang) or ol.option_count != len(keys):
            self._for_model = (id(model), self.lang)
            ol.clear_options()
            for o, d, _label in decisions:
                dec = model.decision(o, d)
                short = organ_short(model, o, self.lang)
                ol.add_option(Option(lit(f"{short}: {tx(dec.name, self.lang)}"), id=f"{o}.{d}"))
        if self.selected not in keys:
            self.selected = keys[0] if keys else None
        if self.selected:
            # highlighting from code posts OptionHighlighted events: ignore them, or the
            # first decision would be computed (Shapley–Shubik: seconds) before the chosen one
            self._quiet = True
            ol.highlighted = keys.index(self.selected)
            self.call_after_refresh(self._unquiet)
            self.compute()

    def _unquiet(self) -> None:
        self._quiet = False

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id != "pw-list" or event.option.id is None or self._quiet:
            return
        if event.option.id != self.selected:
            self.selected = event.option.id
            self.compute()

    def explain_figures(self) -> dict[str, str] | None:
        """The top player's indices of the decision shown, for the explanation panel."""
        table = getattr(self, "table", None)
        if table is None or not table.rows or table.rows[0].shapley is None:
            return None
        model = self.current
        top = table.rows[0]
        return {
            "decision": decision_name(model, table.organ, table.decision, self.lang),
            "name": tx(top.name, self.lang),
            "bz": R.fmt_index(top.banzhaf, self.lang),
            "ss": R.fmt_index(top.shapley, self.lang),
        }

    def select(self, key: str) -> None:
        """Show this decision ("organ.decision")."""
        self.selected = key
        self.model_changed()

    def compute(self) -> None:
        if not self.selected:
            return
        model = self.current
        organ, decision = self.selected.split(".", 1)
        self.query_one("#pw-head", Static).update(self.tr("app.computing"))
        self.query_one("#pw-method", Static).update("")
        self.post_message(PowerFigures(None))
        self.query_one("#pw-struct", Static).update(self.tr("pw.structure_wait"))
        self._stop_ss_timer()
        self._compute(model, organ, decision)

    @property
    def pending(self) -> bool:
        """Whether Shapley–Shubik is waiting for the selection to rest (app.busy asks)."""
        return self._ss_timer is not None

    def _stop_ss_timer(self) -> None:
        if self._ss_timer is not None:
            self._ss_timer.stop()
            self._ss_timer = None

    @work(thread=True, exclusive=True, group="power", description="power", exit_on_error=False)
    def _compute(self, model: Model, organ: str, decision: str) -> None:
        """Banzhaf first (fast), then the minimal coalitions; each part shows as soon as it is
        there, and Shapley–Shubik (slow for hundreds of players) is scheduled after them."""
        worker = get_current_worker()
        try:
            table = R.power_table(model, organ, decision, shapley=False)
            err = None
        except GovmodelError as exc:  # shown, not fatal
            table, err = None, D.error_text(exc)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(
            self._show_table, model, organ, decision, table, err, table is not None
        )
        from govmodel import decision_structure

        t0 = time.perf_counter()
        cache: dict = R.memo("structure-cache", model, None, dict)
        try:
            st = R.memo(
                "structure",
                model,
                (organ, decision),
                lambda: decision_structure(model, organ, decision, cache),
            )
            err2 = None
        except GovmodelError as exc:
            st, err2 = None, D.error_text(exc)
        ms = (time.perf_counter() - t0) * 1000
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._show_structure, model, organ, decision, st, err2, ms)
        if table is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._schedule_ss, model, organ, decision)

    def _schedule_ss(self, model: Model, organ: str, decision: str) -> None:
        """Shapley–Shubik over hundreds of players takes seconds and cannot be interrupted:
        start it only once the selection has rested ``ss_delay`` seconds (a Textual timer,
        stopped when the selection moves on, so arrowing through the list starts nothing); the
        engine caches it for the same game."""
        if not self._current(model, organ, decision):
            return
        self._stop_ss_timer()
        delay = self.gov.ss_delay
        if delay <= 0:
            self._shapley(model, organ, decision)
            return

        def rested() -> None:
            self._ss_timer = None
            if self._current(model, organ, decision):
                self._shapley(model, organ, decision)

        self._ss_timer = self.set_timer(delay, rested)

    @work(
        thread=True,
        exclusive=True,
        group="power-ss",
        description="Shapley–Shubik",
        exit_on_error=False,
    )
    def _shapley(self, model: Model, organ: str, decision: str) -> None:
        worker = get_current_worker()
        try:
            full, err = R.power_table(model, organ, decision, shapley=True), None
        except GovmodelError as exc:
            full, err = None, D.error_text(exc)
        if not worker.is_cancelled and full is not None:
            self.app.call_from_thread(self._show_table, model, organ, decision, full, err, False)

    def _current(self, model: Model, organ: str, decision: str) -> bool:
        return model is self.current and self.selected == f"{organ}.{decision}"

    def _show_table(
        self,
        model: Model,
        organ: str,
        decision: str,
        table: R.PowerTable | None,
        err: str | None,
        pending: bool = False,
    ) -> None:
        if not self._current(model, organ, decision):
            return
        self.table = table
        d = model.decision(organ, decision)
        doc = Doc(self.lang)
        doc.title(tx(d.name, self.lang), tx(model.organs[organ].name, self.lang))
        # the head keeps to five lines: the rule carries the report's word, the notes below
        # say which law entry is not verified
        word = decision_word(model, organ, decision, self.lang)
        rule = f"{doc.tr('br.rule')}: {rule_text(model, d.rule, self.lang)}"
        if word:
            doc.line(f"{escape(rule)} [$warning]{escape(word)}[/]", markup=True)
        else:
            doc.line(rule)
        dt = self.query_one("#pw-table", DataTable)
        fill(dt, [], [])
        if err:
            doc.line(f"[$error]{escape(err)}[/]", markup=True)
        if table is None:
            n = len(model.organs[organ].seats) or len(model.company.holders())
            doc.line(doc.tr("pw.none", n=n))
            self.query_one("#pw-head", Static).update(str(doc))
            return
        if table.weighted:
            names = {
                r.id: seat_name(model, r.id, tx(r.name, self.lang), self.lang) for r in table.rows
            }
            vetoers = ", ".join(names.get(v, v) for v in table.vetoers)
            veto = doc.tr("pw.veto", v=vetoers) if table.vetoers else ""
            num = L10n(self.lang, model).number
            doc.line(
                doc.tr(
                    "pw.game",
                    n=num(table.n),
                    q=num(table.quota) if table.quota is not None else "",
                    w=num(table.total) if table.total is not None else "",
                    veto=veto,
                )
            )
        else:
            doc.line(doc.tr("pw.not_weighted"))
        self.query_one("#pw-head", Static).update(str(doc))
        notes = Doc(self.lang)
        notes.marks(decision_marks(model, organ, decision, self.lang), 0)
        method = method_text(table.method, self.lang)
        if not table.exact:
            method += f" ({doc.tr('pw.estimated')})"
        timing = f"; {doc.tr('pw.time', ms=f'{table.ms:.0f}')}" if self.gov.timings else ""
        notes.line(f"[dim]{escape(doc.tr('pw.method', m=method))}{escape(timing)}[/]", markup=True)
        if pending:
            notes.line(f"[$warning]{escape(doc.tr('pw.ss_pending'))}[/]", markup=True)
        else:
            notes.line(f"[dim]{escape(doc.tr('pw.legend'))}[/]", markup=True)
            notes.line(f"[dim]{escape(doc.tr('pw.explain_hint'))}[/]", markup=True)
        self.query_one("#pw-method", Static).update(str(notes))
        # the bars only where there is room for them beside the names
        bars = (dt.size.width or 80) >= 72
        columns = [
            ("player", doc.tr("pw.player")),
            ("bz", doc.tr("pw.banzhaf")),
            ("bzbar", ""),
            ("ss", doc.tr("pw.ss")),
            ("ssbar", ""),
        ]
        if not bars:
            columns = [c for c in columns if not c[0].endswith("bar")]
        accent = self.app.current_theme.accent or ""
        secondary = self.app.current_theme.secondary or accent
        rows: list[tuple[str, tuple[str | Text, ...]]] = []
        for row in table.sums:
            rows.append(
                (
                    f"sum:{row.id}",
                    (
                        Text(
                            doc.tr("pw.sum_group", name=tx(row.name, self.lang), n=row.members),
                            style="bold",
                        ),
                        Text(R.fmt_index(row.banzhaf, self.lang), style="bold"),
                        Text(bar(row.banzhaf), style=accent),
                        Text(
                            R.fmt_index(row.shapley, self.lang) if not pending else "…",
                            style="bold",
                        ),
                        Text(bar(row.shapley), style=secondary),
                    ),
                )
            )
        for row in table.rows:
            rows.append(
                (
                    row.id,
                    (
                        seat_name(model, row.id, tx(row.name, self.lang), self.lang),
                        R.fmt_index(row.banzhaf, self.lang),
                        Text(bar(row.banzhaf), style=accent),
                        R.fmt_index(row.shapley, self.lang) if not pending else "…",
                        Text(bar(row.shapley), style=secondary),
                    ),
                )
            )
        if not bars:
            rows = [(k, (cells[0], cells[1], cells[3])) for k, cells in rows]
        fill(dt, columns, rows)
        # the explanation panel ("i") quotes these figures: the app keeps them
        self.post_message(PowerFigures(self.explain_figures()))

    def _show_structure(
        self,
        model: Model,
        organ: str,
        decision: str,
        st: DecisionStructure | None,
        err: str | None,
        ms: float,
    ) -> None:
        if not self._current(model, organ, decision):
            return
        doc = Doc(self.lang)
        if err or st is None:
            doc.line(f"[$error]{escape(err or '-')}[/]", markup=True)
            self.query_one("#pw-struct", Static).update(str(doc))
            return
        from govmodel.report.evaluation import coalitions_text, pass_route

        lang = self.lang
        # the report's words and functions ("Who can pass and who can block"): own votes or
        # through links, by the engine's one classification (govmodel.analysis.routes)
        t = L10n(lang, model)

        def sets(found: tuple[tuple[str, ...], ...]) -> str:
            return coalitions_text(t, found, limit=LIST_LIMIT)

        doc.title(doc.tr("pw.min_block"))
        doc.line(f"{doc.tr('pw.direct')}: {sets(st.minimal_blocking_direct)}", 2)
        doc.line(f"{doc.tr('pw.chains')}: {sets(st.minimal_blocking)}", 2)
        doc.title(doc.tr("pw.min_win"))
        doc.line(f"{doc.tr('pw.direct')}: {sets(st.minimal_winning_direct)}", 2)
        doc.line(f"{doc.tr('pw.chains')}: {sets(st.minimal_winning)}", 2)
        if st.summary is not None:  # many units: the lists are partial; say exactly what they hold
            doc.line(st.summary.describe(lang), 2)
        if st.force_share is not None and st.block_share is not None:
            doc.line(
                doc.tr(
                    "pw.share_force",
                    f=R.pct(st.force_share, 1, self.lang),
                    b=R.pct(st.block_share, 1, self.lang),
                )
            )
        for g in st.groups:
            f = (
                doc.tr("pw.g_force_n", n=len(g.force_fewest_largest))
                if g.force_fewest_largest
                else doc.tr("pw.g_force_no")
            )
            b = (
                doc.tr("pw.g_block_n", n=len(g.block_fewest_largest))
                if g.block_fewest_largest
                else doc.tr("pw.g_block_no")
            )
            doc.line(
                doc.tr("pw.group_need", name=name_in(model, g.group, lang), force=f, block=b), 2
            )
        block = t.term(st.authorities_can_block) if st.authorities_can_block else t("no")
        doc.line(doc.tr("pw.auth", route=pass_route(t, st), b=block))
        if self.gov.timings:
            doc.line(f"[dim]{escape(doc.tr('pw.time', ms=f'{ms:.0f}'))}[/]", markup=True)
        self.query_one("#pw-struct", Static).update(str(doc))
