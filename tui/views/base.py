"""What every view (tab) shares: access to the app's state, refresh when shown, placeholders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.containers import Vertical
from textual.widgets import Static

from tui.i18n import t

if TYPE_CHECKING:
    from tui.app import GovApp


class View(Vertical):
    """A tab's content. The app calls :meth:`model_changed` when the model, the what-if or the
    language changes; a hidden view only marks itself stale and refreshes when it is shown."""

    pane_id = ""
    stale = True

    @property
    def gov(self) -> GovApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.gov.lang

    def t(self, key: str, **kw: Any) -> str:
        return t(key, self.lang, **kw)

    @property
    def active(self) -> bool:
        return self.gov.active_pane == self.pane_id

    def model_changed(self) -> None:
        self.stale = True
        if self.active and self.gov.ready:
            self.stale = False
            self.refresh_view()

    def shown(self) -> None:
        if self.stale and self.gov.ready:
            self.stale = False
            self.refresh_view()

    def refresh_view(self) -> None:  # pragma: no cover - overridden
        pass

    def lang_changed(self) -> None:
        """Labels that are not rebuilt by :meth:`refresh_view` follow the language here."""


class Note(Static):
    """A one-paragraph message: loading, not available yet, errors."""

    DEFAULT_CLASSES = "note"
