"""What the views may read of the app, as a Protocol: the views are typed against it, not
against :class:`tui.app.GovApp`, so the app imports the views and no view imports the app.

The app's changing state (the current model, the changes in effect, the legal readings
chosen, the language, the coalition) is not here: it is pushed down to each view as its own
``reactive`` attribute (``data_bind``), and the views react in ``watch_*`` methods. What is
here are the settings fixed at start (timings, debounce) and the loaded models themselves,
which the what-if edits through its own messages (:class:`tui.views.whatif.WhatIfView.Applied`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from tui.data import Loaded


class GovState(Protocol):
    """The app as the views see it."""

    #: the loaded model files (each with its base model, what-if and current model)
    entries: list[Loaded]
    #: whether the models are loaded
    ready: bool
    #: show computation times
    timings: bool
    #: seconds the what-if waits for more typing before it recomputes (0: at once)
    debounce: float
    #: seconds a decision must stay selected before Shapley–Shubik starts (0: at once)
    ss_delay: float

    @property
    def entry(self) -> Loaded:
        """The model file shown (its what-if is the one the what-if tab edits)."""
        ...

    @property
    def active_pane(self) -> str:
        """The id of the tab shown ("" before the tabs exist)."""
        ...
