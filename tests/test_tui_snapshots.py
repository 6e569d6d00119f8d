"""Snapshot tests of the terminal UI's main screens at 80×24 and 120×40.

Deterministic: fixed models (A and B from models/), English, dark theme, no timings on screen,
and every worker awaited before the screenshot. Update with ``--snapshot-update`` after an
intended change, and look at the SVGs (``tests/__snapshots__/test_tui_snapshots/``).
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytest_textual_snapshot")

from tui_pilot import B, make_app, settle  # noqa: E402

from tui.app import GovApp  # noqa: E402

# one worker runs every snapshot of this file under pytest-xdist (`--dist loadgroup`), so the
# snapshot plugin sees them all and never takes one for unused
pytestmark = pytest.mark.xdist_group("tui_snapshots")

SIZES = [(80, 24), (120, 40)]


def steps(*actions):
    """A run_before that waits for the models, then runs each action (keys or a callable taking
    the app) and waits for the workers after each."""

    async def run_before(pilot) -> None:
        app = pilot.app
        await settle(app, pilot)
        for action in actions:
            if callable(action):
                action(app)
            else:
                await pilot.press(*action)
            await settle(app, pilot)
        # the cursor of a focused text field blinks: park the focus on the tab bar
        app.action_leave_input()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_browser_organ(snap_compare, size) -> None:
    def select_eierraad(app: GovApp) -> None:
        from textual.widgets import Tree

        tree = app.query_one("#br-tree", Tree)
        organs = tree.root.children[1]
        part = next(n for n in organs.children if n.data == ("section", "part:owners"))
        part.expand()
        tree.move_cursor(next(n for n in part.children if n.data == ("organ", "eierraad")))

    assert snap_compare(make_app(), terminal_size=size, run_before=steps(select_eierraad))


CRITERIA_LANDED = True  # govmodel.analysis.criteria is committed (57b0996, f9fce49)


@pytest.mark.skipif(not CRITERIA_LANDED, reason="criteria module not committed yet")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_criteria(snap_compare, size) -> None:
    assert snap_compare(make_app(B), terminal_size=size, run_before=steps("2"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_compare(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=steps("3"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_power(snap_compare, size) -> None:
    # the eierråd's recommendation: a 16-seat weighted game (both indices in milliseconds)
    assert snap_compare(
        make_app(),
        terminal_size=size,
        run_before=steps(
            lambda app: app.view("power").select("eierraad.recommend_eierstrategi"), "4"
        ),
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_coalition(snap_compare, size) -> None:
    assert snap_compare(
        make_app(),
        terminal_size=size,
        run_before=steps(
            "5", lambda app: app.view("coalition").set_members({"kommuner", "fylkeskommuner"})
        ),
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_whatif(snap_compare, size) -> None:
    def ks_30(app: GovApp) -> None:
        from textual.widgets import Input

        app.query_one("#wi-ks", Input).value = "30"

    assert snap_compare(make_app(), terminal_size=size, run_before=steps("6", ks_30))
