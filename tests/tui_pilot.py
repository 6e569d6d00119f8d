"""Shared helpers of the TUI tests: an app configured for tests and a wait on its work.

No test waits on the clock: :func:`settle` waits on the app's workers and message queue.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.app import GovApp

ROOT = Path(__file__).resolve().parent.parent
A = ROOT / "models" / "ownership_a.yaml"
B = ROOT / "models" / "ownership_b.yaml"
SMALL = ROOT / "tests" / "data" / "small_model.yaml"  # the worked example: 5 kommuner


def make_app(*models: Path | str, **kw: Any) -> GovApp:
    """The app on these models (default A and B), English, no timings on screen, what-if and
    Shapley–Shubik started at once (no debounce), no animations."""
    kw.setdefault("debounce", 0)
    kw.setdefault("ss_delay", 0)
    kw.setdefault("lang", "en")
    kw.setdefault("timings", False)
    app = GovApp([Path(m) for m in models] or [A, B], **kw)
    app.animation_level = "none"  # no tab-underline or scroll animations to wait for
    return app


async def settle(app: GovApp, pilot: Any) -> None:
    """Wait until the models are loaded and every worker is done, including the workers that
    finished work starts (a what-if result refreshes the other views)."""
    await pilot.pause()
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if (app.ready or app.load_errors) and not app.busy():
            return
    raise AssertionError("the UI kept starting work")


async def open_tab(app: GovApp, pilot: Any, key: str) -> None:
    """Wait for the app to settle, press a tab's key ("1" … "6"), and wait again."""
    await settle(app, pilot)
    await pilot.press(key)
    await settle(app, pilot)


async def screen_shown(app: GovApp, screen_type: type) -> None:
    """Wait (on the app's screen-change signal, not the clock) until a screen of this type is
    the active one: e.g. the confirmation a file-writing worker asks for."""
    import asyncio

    if isinstance(app.screen, screen_type):
        return
    shown = asyncio.Event()

    def seen(screen: Any) -> None:
        if isinstance(screen, screen_type):
            shown.set()

    app.screen_change_signal.subscribe(app, seen)
    try:
        await asyncio.wait_for(shown.wait(), 120)
    finally:
        app.screen_change_signal.unsubscribe(app)
