"""The govmodel terminal UI: one app, six views (tabs) over the loaded models.

The first screen is composed at once; the models are loaded in a worker thread and the views
fill in when they arrive. Every heavier computation (coalitions, power indices, structures,
what-if rebuilds) runs in a thread worker, so the UI never blocks.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from govmodel.errors import GovmodelError
from tui import data as D
from tui import whatif_form as W
from tui.i18n import tr
from tui.messages import CoalitionChanged, Compared, PowerFigures, WhatIfApplied
from tui.panes import PANES
from tui.render import display_path as render_path
from tui.safe import clean, esc
from tui.timing import process_age
from tui.views.base import View
from tui.widgets.tables import GovTable

if TYPE_CHECKING:
    from textual.worker import Worker
    from typing_extensions import Unpack

    from govmodel.changes import Change, Scenario
    from govmodel.model import Model
    from govmodel.report.document import Doc
    from tui.options import NotifyOptions
    from tui.preload import Preload

#: columns of the title bar that are not the title's: the icon (8) and the clock's space (10)
TITLE_MARGIN = 18
THEMES = {"dark": "textual-dark", "light": "textual-light"}

# (keys, action, i18n key of the description, shown in the footer)
APP_KEYS = (
    ("question_mark,f1", "help", "key.help", True),
    ("i", "explain", "key.explain", True),
    ("m", "next_model", "key.model", True),
    ("l", "toggle_lang", "key.lang", True),
    ("t", "toggle_theme", "key.theme", True),
    ("e", "export", "key.export", True),
    ("s", "save_scenario", "key.save", True),
    ("o", "open_scenario", "key.open_scenario", True),
    ("r", "reset_whatif", "key.reset", False),
    ("q", "quit", "key.quit", True),
)


class GovApp(App[None]):
    """``govmodel tui``: browse, compare and stress-test governance models."""

    CSS_PATH = str(Path(__file__).resolve().parent / "styles.tcss")
    TITLE = "govmodel"
    ENABLE_COMMAND_PALETTE = True
    #: the coalition picked in the coalition tab; bound to the what-if view (data_bind), which
    #: shows what it can force and block too
    coalition: reactive[frozenset[str]] = reactive(frozenset())
    #: the language of the whole UI ("nb" or "en"); bound to every view (data_bind), which
    #: relabels and refreshes itself when it changes
    lang: reactive[str] = reactive("en", init=False)
    #: the model every view shows: the current model file's, with its what-if applied; bound
    #: to every view (data_bind), which refreshes when it changes (set last, after the two
    #: below, so a view refreshes once and sees them already)
    model: reactive[Model | None] = reactive(None, init=False, always_update=True)
    #: the what-if in effect: the list of changes applied to the current model file
    changes: reactive[tuple[Change, ...]] = reactive((), init=False)
    #: the legal readings chosen other than the defaults, as (reading, value) pairs
    readings: reactive[tuple[tuple[str, str], ...]] = reactive((), init=False)
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(i + 1), f"show_pane('{p}')", p, show=False) for i, p in enumerate(PANES)),
        Binding("escape", "leave_input", "Leave the field", show=False),
    ]

    def __init__(
        self,
        models: Iterable[str | Path] | None = None,
        *,
        lang: str = "en",
        theme: str = "dark",
        timings: bool = True,
        pane: str = "browser",
        scenario: str | Path | None = None,
        preload: Preload | None = None,
        debounce: float = 0.15,
        ss_delay: float = 0.5,
        output_dir: str | Path | None = None,
    ) -> None:
        super().__init__()
        self.model_paths = [Path(p) for p in (models or D.default_model_paths())]
        self.set_reactive(GovApp.lang, lang if lang in ("nb", "en") else "en")
        self.theme = THEMES.get(theme, theme)
        self.timings = timings
        self.scenario = Path(scenario) if scenario else None
        # a scenario opens on the what-if tab: chosen before the first frame, so no later
        # focus change can switch the tab back
        self.initial_pane = "whatif" if self.scenario else pane if pane in PANES else "browser"
        #: seconds the what-if waits for more typing before it recomputes (0: at once)
        self.debounce = debounce
        #: seconds a decision must stay selected before Shapley–Shubik starts (slow; 0: at once)
        self.ss_delay = ss_delay
        #: where tables are saved as CSV (default: the working folder)
        self.output_dir = Path(output_dir) if output_dir is not None else Path.cwd()
        self.preload = preload
        self.entries: list[D.Loaded] = []
        self.index = 0
        self.ready = False
        self.load_errors: list[str] = []
        #: the power tab's figures of the decision it shows (PowerFigures), for "i"
        self.figures: dict[str, str] | None = None
        #: the comparison the compare tab shows (Compared), for the export dialog
        self.compare_doc: Doc | None = None
        self.started = time.perf_counter()
        self.ready_after_ms: float | None = None
        self._bind_keys()

    def notify(self, message: str, *, markup: bool = False, **kw: Unpack[NotifyOptions]) -> None:
        """A notification; plain text unless asked (messages carry file and model names)."""
        super().notify(message if markup else clean(message), markup=markup, **kw)

    # -- state ---------------------------------------------------------------------------------

    @property
    def entry(self) -> D.Loaded:
        return self.entries[self.index]

    @property
    def active_pane(self) -> str:
        try:
            return self.query_one(TabbedContent).active
        except NoMatches:  # before compose
            return ""

    def busy(self) -> bool:
        """Whether a worker or a pending what-if recomputation is still under way."""
        from textual.worker import WorkerState

        if any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in self.workers):
            return True
        return any(getattr(v, "pending", False) or v.build_pending for v in self.views())

    def views(self) -> list[View]:
        return list(self.query(View))

    def view(self, pane: str) -> View:
        return next(v for v in self.query(View) if v.pane_id == pane)

    # -- composition ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from tui.views.browser import BrowserView
        from tui.views.coalition import CoalitionView
        from tui.views.compare import CompareView
        from tui.views.criteria import CriteriaView
        from tui.views.power import PowerView
        from tui.views.whatif import WhatIfView

        yield Header(icon="◆")
        classes = {
            "browser": BrowserView,
            "criteria": CriteriaView,
            "compare": CompareView,
            "power": PowerView,
            "coalition": CoalitionView,
            "whatif": WhatIfView,
        }
        with TabbedContent(initial=self.initial_pane):
            for p in PANES:
                with TabPane(tr(f"tab.{p}", self.lang), id=p):
                    view = classes[p](id=f"view-{p}")
                    # the language from the start (a view composes its labels before the
                    # binding's first update reaches it)
                    view.set_reactive(View.lang, self.lang)
                    view.data_bind(GovApp.lang, GovApp.model, GovApp.changes, GovApp.readings)
                    if p == "whatif":
                        view.data_bind(GovApp.coalition)
                    view.eager = p == self.initial_pane
                    yield view
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = tr("app.loading", self.lang)
        self._load(self.model_paths)
        self.call_after_refresh(self._mark, "first_frame")

    def _mark(self, what: str) -> None:
        """Start-up timing (GOVMODEL_TUI_TIMING=FILE): seconds since the process started."""
        path = os.environ.get("GOVMODEL_TUI_TIMING")
        if not path:
            return
        since = process_age()
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{what} {since:.3f}\n")

    @work(thread=True, exclusive=True, group="load", description="load models", exit_on_error=False)
    def _load(self, paths: list[Path]) -> None:
        entries: list[D.Loaded] = []
        errors: list[str] = []
        pre = self.preload.result() if self.preload is not None else None
        for i, p in enumerate(paths):
            failed = tr("app.load_failed", self.lang, path=p)
            if pre is not None:  # the preloading child's result: a model or an error text
                if pre[i][0] == "ok":  # then the second item is the Loaded model
                    entries.append(cast("D.Loaded", pre[i][1]))
                else:
                    errors.append(f"{failed}: {pre[i][1]}")
                continue
            try:
                entries.append(D.load(p))
            except D.EXPECTED as exc:  # show it, keep the others
                errors.append(f"{failed}: {D.error_text(exc)}")
        self.call_from_thread(self._loaded, entries, errors)

    def _loaded(self, entries: list[D.Loaded], errors: list[str]) -> None:
        self.entries = entries
        self.load_errors = errors
        self.ready_after_ms = (time.perf_counter() - self.started) * 1000
        for e in errors:
            self.notify(e, severity="error", timeout=10)
        if not entries:
            self.sub_title = tr("app.no_model", self.lang)
            from textual.widgets import Static

            for st in self.query("#br-text").results(Static):
                st.update("\n".join([tr("app.no_model", self.lang), *errors]))
            return
        self.ready = True
        self._update_title()
        self._sync_state()
        if self.scenario is not None:
            self.open_scenario(self.scenario)
        if self.timings:
            self.log(f"models ready after {self.ready_after_ms:.0f} ms")
        self.call_after_refresh(self._mark, "models_shown")

    def _update_title(self) -> None:
        if not self.entries:
            return
        e = self.entry
        marker = ""
        if e.changed:
            marker = "  [" + tr("app.whatif_marker", self.lang, n=e.whatif.count(e.base)) + "]"
        self.sub_title = f"{D.model_name(e.base, self.lang)}{marker}"
        self._fit_title()

    def format_title(self, title: str, sub_title: str) -> Content:
        """The title bar: "govmodel — model name [what-if: n]"; where the model's name does
        not fit beside the app's, the model's name alone (see :meth:`_fit_title`)."""
        if self._title_fits(f"{title} — {sub_title}") or not sub_title:
            return super().format_title(title, sub_title)
        return Content(sub_title)

    def _title_fits(self, text: str) -> bool:
        # the header's icon (8 cells) and clock space (10) sit either side of the title
        return len(text) <= max(self.size.width - TITLE_MARGIN, 1)

    def _fit_title(self) -> None:
        """A model name longer than the title bar's room wraps onto a second line (the bar
        grows by one), so the full name is always on screen, never cut."""
        try:
            header = self.query_one(Header)
        except NoMatches:  # before compose
            return
        header.set_class(not self._title_fits(self.sub_title), "-wrap")
        header.refresh(recompose=False)

    def on_resize(self) -> None:
        self._fit_title()

    def _sync_state(self) -> None:
        """The current entry's state into the reactive attributes the views are bound to:
        every view refreshes, lazily (a hidden view when it is next shown)."""
        self._update_title()
        if not self.entries:
            return
        e = self.entry
        self.changes = tuple(e.current_changes)
        self.readings = tuple(sorted(e.whatif.readings.items())) if e.changed else ()
        if self.model is not e.model:
            self.model = e.model

    @on(WhatIfApplied)
    def whatif_applied(self, event: WhatIfApplied) -> None:
        """The what-if tab computed its model: it becomes the entry's model in effect."""
        entry = event.entry
        entry.error = None
        entry.current_changes = event.changes
        entry.model = event.model
        entry.recompute_ms = event.ms
        if entry is self.entry:
            self._sync_state()

    @on(PowerFigures)
    def power_figures(self, event: PowerFigures) -> None:
        """The power tab's figures of the decision it shows (for the explanation panel)."""
        self.figures = event.figures

    @on(Compared)
    def compared(self, event: Compared) -> None:
        """The comparison the compare tab shows (the export dialog offers it)."""
        self.compare_doc = event.doc

    # -- events --------------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed unexpectedly: say so, keep running (workers never exit the
        app; each view also reports its own expected errors in place)."""
        from textual.worker import WorkerState

        if event.state == WorkerState.ERROR and event.worker.error is not None:
            err = event.worker.error
            self.notify(
                f"{event.worker.description or event.worker.name}: {D.error_text(err)}",
                severity="error",
                timeout=10,
            )

    @on(CoalitionChanged)
    def coalition_changed(self, event: CoalitionChanged) -> None:
        """The coalition tab posted its new coalition: keep it (the what-if follows, bound)."""
        self.coalition = event.members

    @on(GovTable.ExportCsv)
    def export_csv(self, event: GovTable.ExportCsv) -> None:
        """Write a table as CSV into the working folder under a new name (never over a file)."""
        stem = (
            f"{event.name.removeprefix('view-')}-{self.entry.base.id}"
            if self.entries
            else event.name
        )
        folder = self.output_dir
        for n in range(1, 1000):
            path = folder / (f"{stem}.csv" if n == 1 else f"{stem}-{n}.csv")
            try:
                D.write_new_file(path, event.text)
            except FileExistsError:
                continue
            except OSError as exc:
                self.notify(f"{path}: {exc.strerror or exc}", severity="error")
                return
            self.notify(tr("app.csv_written", self.lang, path=render_path(str(path))), timeout=6)
            return

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane.id or ""
        for v in self.views():
            if v.pane_id == pane:
                v.shown()

    # -- actions -------------------------------------------------------------------------------

    def action_show_pane(self, pane: str) -> None:
        # park the focus on the tab bar first: a focused widget in the old pane would make
        # TabbedContent switch back to it
        self.action_leave_input()
        self.query_one(TabbedContent).active = pane

    def action_leave_input(self) -> None:
        """Esc in a text field gives the keys back to the app (1–6, m, l ...): focus the tabs."""
        from textual.widgets import Tabs

        self.query_one(TabbedContent).query_one(Tabs).focus()

    def action_next_model(self) -> None:
        if len(self.entries) < 2:
            return
        self.select_model((self.index + 1) % len(self.entries))

    def open_model(self, path: str | Path) -> None:
        """Load another model file (e.g. a variant) and make it the current model."""
        path = Path(path)
        for i, e in enumerate(self.entries):
            if e.path.resolve() == path.resolve():
                self.select_model(i)
                return
        self.notify(tr("app.opening", self.lang, path=path.name), timeout=3)
        self._open(path)

    @work(thread=True, group="open", description="open model", exit_on_error=False)
    def _open(self, path: Path, scenario: Scenario | None = None) -> None:
        try:
            entry = D.load(path)
        except D.EXPECTED as exc:
            msg = f"{tr('app.load_failed', self.lang, path=path)}: {D.error_text(exc)}"
            self.call_from_thread(self.notify, msg, severity="error", timeout=10)
            return
        self.call_from_thread(self._opened, entry, scenario)

    def _opened(self, entry: D.Loaded, scenario: Scenario | None = None) -> None:
        self.entries.append(entry)
        self.select_model(len(self.entries) - 1)
        if scenario is not None:
            self._apply_scenario(entry, scenario)

    # -- scenarios -----------------------------------------------------------------------------

    def open_scenario(self, path: str | Path) -> None:
        """Make a scenario file the what-if of the model it was written for.

        A scenario naming another model than the one shown asks first (then switches to that
        model, opening it if needed); one that would replace a what-if in progress asks too."""
        from tui.screens.dialogs import ConfirmScreen

        try:
            scenario = W.read_scenario(Path(path))
        except D.EXPECTED as exc:  # a bad file is reported, the app goes on
            self.notify(D.error_text(exc), severity="error", timeout=10)
            return
        if not self.entries:
            return
        entry = self.entry
        if D.is_base_of(scenario, entry):
            self._replace_whatif(entry, scenario)
            return
        target = W.scenario_model(scenario)
        if target is None:  # pragma: no cover - is_base_of accepts a scenario without base
            return
        lang = self.lang
        question = tr(
            "app.scn_other",
            lang,
            file=Path(path).name,
            base=render_path(str(target)),
            current=D.model_name(entry.base, lang),
        )

        def answer(ok: bool | None) -> None:
            if not ok:
                self.notify(tr("app.scn_not_applied", lang), timeout=4)
                return
            for i, e in enumerate(self.entries):
                if e.path.resolve() == target.resolve():
                    self.select_model(i)
                    self._replace_whatif(e, scenario)
                    return
            self._open(target, scenario)

        self.push_screen(
            ConfirmScreen(esc(question), tr("app.scn_switch", lang), tr("dlg.cancel", lang)), answer
        )

    def _replace_whatif(self, entry: D.Loaded, scenario: Scenario) -> None:
        from tui.screens.dialogs import ConfirmScreen

        if not entry.whatif.count(entry.base):
            self._apply_scenario(entry, scenario)
            return
        lang = self.lang

        def answer(ok: bool | None) -> None:
            if ok:
                self._apply_scenario(entry, scenario)
            else:
                self.notify(tr("app.scn_not_applied", lang), timeout=4)

        n = entry.whatif.count(entry.base)
        self.push_screen(
            ConfirmScreen(
                esc(tr("app.scn_replace", lang, n=n, name=scenario.title)),
                tr("app.scn_replace_yes", lang),
                tr("dlg.cancel", lang),
            ),
            answer,
        )

    def _apply_scenario(self, entry: D.Loaded, scenario: Scenario) -> None:
        """The scenario's changes become ``entry``'s what-if; the form starts from its model."""
        try:
            model = entry.workspace.with_changes(scenario.changes, scenario.title)
        except GovmodelError as exc:  # changes that do not fit: located, shown
            self.notify(D.error_text(exc), severity="error", timeout=10)
            return
        entry.whatif = W.scenario_whatif(scenario, model)
        # the model in effect at once (the what-if tab rebuilds its form from the new what-if
        # and shows its effects; the other tabs follow the model)
        try:
            entry.model, entry.current_changes = D.apply_whatif_tree(
                entry, entry.whatif, entry.whatif.summary(entry.base, self.lang)
            )
        except GovmodelError as exc:
            self.notify(D.error_text(exc), severity="error", timeout=10)
            return
        if entry is self.entry:
            self.action_show_pane("whatif")
            self._sync_state()

    def select_model(self, index: int) -> None:
        self.index = index
        self.notify(
            tr("app.model_now", self.lang, name=D.model_name(self.entry.base, self.lang)), timeout=2
        )
        self._sync_state()

    def action_toggle_lang(self) -> None:
        self.set_lang("en" if self.lang == "nb" else "nb")

    def set_lang(self, lang: str) -> None:
        """Switch the UI's language: the views follow through their binding to :attr:`lang`."""
        self.lang = lang

    def watch_lang(self, lang: str) -> None:
        self._bind_keys()
        tabs = self.query_one(TabbedContent)
        for p in PANES:
            tabs.get_tab(p).label = tr(f"tab.{p}", lang)
        self.refresh_bindings()
        self._update_title()

    def _bind_keys(self) -> None:
        for keys, action, key, show in APP_KEYS:
            self.bind(keys, action, description=tr(key, self.lang), show=show)

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.theme == THEMES["dark"] else THEMES["dark"]
        for v in self.views():
            v.model_changed()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_explain(self) -> None:
        """What the indices, grades and link strengths mean (with the figures on screen)."""
        from tui.screens.explain import ExplainScreen

        if isinstance(self.screen, ExplainScreen):
            return
        self.push_screen(ExplainScreen(self.figures if self.ready else None))

    def action_export(self) -> None:
        if not self.ready:
            return
        from tui.screens.dialogs import ExportScreen

        self.push_screen(ExportScreen())

    def action_save_scenario(self) -> None:
        if not self.ready:
            return
        from tui.screens.dialogs import SaveScenarioScreen

        if not self.entry.whatif.count(self.entry.base):
            self.notify(tr("dlg.nothing", self.lang), severity="warning")
            return
        self.push_screen(SaveScenarioScreen())

    def action_open_scenario(self) -> None:
        """Choose a scenario file (a file dialog) and open it as the what-if of its model."""
        if not self.ready:
            return
        from tui.screens.dialogs import OpenScenarioScreen

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.open_scenario(path)

        self.push_screen(OpenScenarioScreen(), chosen)

    def action_reset_whatif(self) -> None:
        """Back to the model file as it is: no changes, the default readings."""
        if not self.ready:
            return
        entry = self.entry
        entry.whatif = W.WhatIf()
        entry.model = entry.base
        entry.current_changes = ()
        entry.error = None
        self._sync_state()

    # -- command palette -----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from tui.palette import system_commands

        yield from super().get_system_commands(screen)
        yield from system_commands(self)


def run(models: list[str] | None = None, lang: str | None = None, theme: str = "dark") -> None:
    from tui.i18n import default_lang

    GovApp(models or None, lang=lang or default_lang(), theme=theme).run()
