"""What every view (tab) shares: the app's state pushed down to it (reactive attributes bound
with ``data_bind``), refresh when shown, placeholders."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from tui.i18n import tr
from tui.state import GovState

if TYPE_CHECKING:
    from textual import events

    from govmodel.changes import Change
    from govmodel.model import Model


class View(Vertical):
    """A tab's content. The app's state reaches it through bound reactive attributes
    (:attr:`lang`, :attr:`model`, :attr:`changes`, :attr:`readings`; GovApp.compose binds
    them): a new model or language refreshes the view (:meth:`watch_model`), a hidden view only
    marks itself stale and refreshes when it is shown.

    A view's widgets are composed (:meth:`compose_view`) only when it is first shown, so the
    first screen comes up without building the five tabs nobody looks at yet."""

    pane_id = ""
    #: the UI's language, bound to the app's (GovApp.compose): a change relabels the view's
    #: keys and refreshes it (a hidden view when it is next shown)
    lang: reactive[str] = reactive("en", init=False)
    #: the model shown: the current model file's, with its what-if and readings applied
    model: reactive[Model | None] = reactive(None, init=False, always_update=True)
    #: the changes in effect (empty: the model file as it is)
    changes: reactive[tuple[Change, ...]] = reactive((), init=False)
    #: the legal readings chosen other than the defaults, as (reading, value) pairs
    readings: reactive[tuple[tuple[str, str], ...]] = reactive((), init=False)
    stale = True
    built = False
    build_pending = False
    #: compose the view at once (the tab shown first)
    eager = False
    #: the view's own keys: (key, action, i18n key of the description), shown in the footer
    KEYS: tuple[tuple[str, str, str], ...] = ()
    #: the widget that gets the focus when the tab is opened (never a text field, so the
    #: number keys keep switching tabs)
    focus_target = ""
    #: the view's search field: letters typed while a list or table has the focus go there
    #: (type-ahead), so a name typed into the pane never fires the app's one-letter keys
    search_input = ""

    def compose(self) -> ComposeResult:
        if not (self.built or self.eager):
            return
        self.built = True
        yield from self.compose_view()

    def compose_view(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    def on_mount(self) -> None:
        self.bind_keys()
        if self.built:
            self.after_build()

    def bind_keys(self) -> None:
        """(Re)bind :attr:`KEYS` with descriptions in the current language."""
        for key, action, label in self.KEYS:
            self._bindings.bind(key, action, self.tr(label), show=True)

    def on_key(self, event: events.Key) -> None:
        """Type-ahead: a letter typed outside any text field goes into the search field."""
        from textual.widgets import Input

        if not self.search_input:
            return
        if event.key in ("down", "enter") and self.app.focused is not None:
            # from the search field back to the list (the focus target) below it
            if f"#{self.app.focused.id}" == self.search_input and self.focus_target:
                event.stop()
                event.prevent_default()
                self.query(self.focus_target).first().focus()
            return
        char = event.character or ""
        if not (self.search_input and len(char) == 1 and char.isalpha()):
            return
        if isinstance(self.app.focused, Input):
            return
        found = self.query(self.search_input)
        if not found:
            return
        field = found.first(Input)
        event.stop()
        event.prevent_default()
        field.select_on_focus = False  # keep what is typed, do not select it for replacing
        field.focus()
        field.insert_text_at_cursor(char)

    def after_build(self) -> None:
        """Runs once the view's widgets exist (set initial visibility and the like)."""

    async def _build_and_refresh(self) -> None:
        try:
            if not self.built:
                self.built = True
                await self.recompose()
                self.after_build()
            if self.gov.ready:
                self.stale = False
                self.refresh_view()
            if self.active:
                self.focus_default()
        finally:
            self.build_pending = False

    def _refresh_soon(self) -> None:
        if not self.built:
            if not self.build_pending:
                self.build_pending = True
                self.call_later(self._build_and_refresh)
            return
        self.stale = False
        self.refresh_view()

    @property
    def gov(self) -> GovState:
        """The app's loaded models and settings (see :class:`tui.state.GovState`)."""
        return cast(GovState, self.app)

    @property
    def current(self) -> Model:
        """The bound model (a view refreshes only once the app has set it)."""
        if self.model is None:
            raise RuntimeError("the view was refreshed before the models were loaded")
        return self.model

    def watch_model(self) -> None:
        # the app sets the changes and readings first and the model last: one refresh
        self.model_changed()

    def watch_lang(self) -> None:
        self.bind_keys()
        self.app.refresh_bindings()
        self.lang_changed()
        self.model_changed()

    def tr(self, key: str, **kw: object) -> str:
        return tr(key, self.lang, **kw)

    @property
    def active(self) -> bool:
        return self.gov.active_pane == self.pane_id

    def model_changed(self) -> None:
        self.stale = True
        if self.active and self.gov.ready:
            self._refresh_soon()

    def shown(self) -> None:
        if self.gov.ready and (self.stale or not self.built):
            self._refresh_soon()
        if self.built:
            self.focus_default()

    def focus_default(self) -> None:
        if not self.focus_target:
            return
        found = self.query(self.focus_target)
        if found:
            found.first().focus()

    def refresh_view(self) -> None:  # pragma: no cover - overridden
        pass

    def lang_changed(self) -> None:
        """Labels that are not rebuilt by :meth:`refresh_view` follow the language here."""


class Note(Static):
    """A one-paragraph message: loading, not available yet, errors."""

    DEFAULT_CLASSES = "note"
