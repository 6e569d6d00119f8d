"""Pilot tests of the terminal UI (``govmodel tui``): navigation, selection, comparison,
coalition picking, and what-if edits whose effect on a verdict is asserted."""

from __future__ import annotations

import asyncio
import functools
import time
from fractions import Fraction
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import DataTable, Input, Select, Static, Tree  # noqa: E402

from tui import data as D  # noqa: E402
from tui.app import GovApp  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
A = ROOT / "models" / "ownership_a.yaml"
B = ROOT / "models" / "ownership_b.yaml"


def pilot_test(fn):
    """Run an async pilot test with asyncio.run (no pytest async plugin needed)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return wrapper


async def settle(app: GovApp, pilot, timeout: float = 60.0) -> None:
    """Wait until the models are loaded and no worker or what-if recomputation is pending."""
    start = time.perf_counter()
    await pilot.pause()
    while time.perf_counter() - start < timeout:
        if (app.ready or app.load_errors) and not app.busy():
            await pilot.pause()
            if not app.busy():
                return
        await asyncio.sleep(0.02)
        await pilot.pause()
    raise AssertionError("the UI did not settle")


def cell_text(table: DataTable, row: str, col: str) -> str:
    return str(table.get_cell(row, col))


def text_of(app: GovApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def make_app(*models: Path, **kw) -> GovApp:
    return GovApp(list(models) or [A, B], lang=kw.pop("lang", "en"), timings=False, **kw)


# -- navigation and selection ------------------------------------------------------------------


@pilot_test
async def test_starts_with_browser_and_switches_tabs_and_models() -> None:
    app = make_app(B, A)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.active_pane == "browser"
        assert [e.base.id for e in app.entries] == ["ownership_b", "ownership_a"]
        assert "Eiermodell B" in app.sub_title
        for key, pane in zip("234561", D_PANES, strict=True):
            await pilot.press(key)
            await settle(app, pilot)
            assert app.active_pane == pane
        await pilot.press("m")
        await settle(app, pilot)
        assert app.model.id == "ownership_a"
        assert "Eiermodell A" in app.sub_title
        tree = app.query_one("#br-tree", Tree)
        assert str(tree.root.label).startswith("ownership_a")


D_PANES = ("criteria", "compare", "power", "coalition", "whatif", "browser")


@pilot_test
async def test_browser_selection_shows_organ_detail_and_expands_kommuner() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tree = app.query_one("#br-tree", Tree)
        tree.focus()
        # Owners > KS, Kommunene ...; move down to the kommuner block and expand it
        owners = tree.root.children[0]
        kommuner = next(n for n in owners.children if n.data == ("block", "kommuner"))
        tree.move_cursor(kommuner)
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(kommuner.children) == 357
        assert "Kommunene" in text_of(app, "#br-text")
        # the general meeting: decisions with rules and sources
        organs = tree.root.children[1]
        company = organs.children[0]
        gm = next(n for n in company.children if n.data == ("organ", "generalforsamling"))
        tree.move_cursor(gm)
        await settle(app, pilot)
        detail = text_of(app, "#br-text")
        assert "Vedtektsendring" in detail
        assert "at least 2/3 of the votes cast" in detail
        assert "aksjeloven § 5-18" in detail
        # the eierråd: who fills it, what it recommends, its assumptions
        owners_side = next(n for n in organs.children if n.data == ("section", "part:owners"))
        owners_side.expand()
        await pilot.pause()
        eierraad = next(n for n in owners_side.children if n.data == ("organ", "eierraad"))
        tree.move_cursor(eierraad)
        await settle(app, pilot)
        detail = text_of(app, "#br-text")
        assert "Recommends" in detail and "adopt or return" in detail
        assert "Assumptions it carries" in detail and "simple majority" in detail


# -- coalition explorer --------------------------------------------------------------------------


@pilot_test
async def test_coalition_picking_changes_what_it_can_force() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        table = app.query_one("#co-table", DataTable)
        # KS alone (the default pick): blocks the articles amendment, cannot force it
        assert "✔ firm" in cell_text(table, "generalforsamling.articles", "block")
        assert "✘" in cell_text(table, "generalforsamling.articles", "force")
        # type in the filter and tick the kommuner
        await pilot.click("#co-filter")
        await pilot.press(*"kommunene")
        await settle(app, pilot)
        sl = app.query_one("#co-list")
        assert sl.option_count >= 1
        sl.focus()
        await pilot.press("home", "space")
        await settle(app, pilot)
        view = app.view("coalition")
        assert view.members == {"ks", "kommuner"}
        assert "✔ firm" in cell_text(table, "generalforsamling.ordinary", "force")
        assert "✔ firm" in cell_text(table, "generalforsamling.articles", "force")
        summary = text_of(app, "#co-summary")
        assert "Kommunene" in summary and "KS" in summary
        # the chain is explained for the highlighted decision
        table.focus()
        table.move_cursor(row=table.get_row_index("generalforsamling.articles"))
        await settle(app, pilot)
        assert "Force: yes, firm" in text_of(app, "#co-detail")


@pilot_test
async def test_coalition_in_b_goes_through_chains() -> None:
    app = make_app(B)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        view = app.view("coalition")
        view.set_members({"kommuner", "fylkeskommuner"})
        await settle(app, pilot)
        table = app.query_one("#co-table", DataTable)
        # KS's members elect Landstinget -> hovedstyret -> instructs KS: a chain, not own shares
        assert "✔" in cell_text(table, "generalforsamling.eierstrategi", "force")
        table.move_cursor(row=table.get_row_index("generalforsamling.eierstrategi"))
        await settle(app, pilot)
        assert "via chain" in text_of(app, "#co-detail")


# -- what-if ---------------------------------------------------------------------------------------


@pilot_test
async def test_whatif_ks_below_one_third_loses_the_block_on_articles() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("6")
        await settle(app, pilot)
        ks = app.query_one("#wi-ks", Input)
        assert ks.value == "33.4"
        await pilot.click("#wi-ks")
        await pilot.press("home", "ctrl+k", "3", "0")
        await settle(app, pilot)
        effects = app.query_one("#wi-effects", DataTable)
        assert "✘ ← ✔ firm" in cell_text(effects, "generalforsamling.articles", "ksb")
        assert app.entry.changed and "what-if" in app.sub_title
        assert app.model.company.shares_of("ks") == 30000
        # the coalition explorer (KS) shows the change (Esc leaves the field so 5 is a key)
        await pilot.press("escape", "5")
        await settle(app, pilot)
        table = app.query_one("#co-table", DataTable)
        assert "✘ no ← ✔ firm" in cell_text(table, "generalforsamling.articles", "block")
        assert "changed by the what-if" in text_of(app, "#co-summary")
        assert app.model.company.shares_of("ks") == 30000
        # reset brings the verdict back
        await pilot.press("r")
        await settle(app, pilot)
        assert not app.entry.changed
        assert cell_text(table, "generalforsamling.articles", "block") == "✔ firm"


@pilot_test
async def test_whatif_b_advisory_representasjonsraad_lets_ks_force_eierstrategi() -> None:
    app = make_app(B)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("6")
        await settle(app, pilot)
        effects = app.query_one("#wi-effects", DataTable)
        assert cell_text(effects, "generalforsamling.eierstrategi", "ksf") == "✘"
        sel = app.query_one("#wi-rec-representasjonsraad_recommends_eierstrategi", Select)
        sel.value = "advisory"
        await settle(app, pilot)
        assert "✔ firm ← ✘" in cell_text(effects, "generalforsamling.eierstrategi", "ksf")
        await pilot.press("escape", "5")
        await settle(app, pilot)
        table = app.query_one("#co-table", DataTable)
        assert "✔ firm" in cell_text(table, "generalforsamling.eierstrategi", "force")


# -- data layer ------------------------------------------------------------------------------------


def test_whatif_ops_and_scenario_file(tmp_path: Path) -> None:
    entry = D.load(A)
    wi = D.WhatIf(ks_share=Fraction(30), turnout=Fraction(50), allocation="equal")
    ops = wi.ops(entry.base)
    assert {
        "set_holding": {
            "holder": "ks",
            "shares": 30000,
            "assumption": "what-if (govmodel tui): share split",
        }
    } in ops
    assert any("turnout" in op and op["turnout"]["fraction"] == "1/2" for op in ops)
    model = D.apply_whatif(entry, wi)
    assert model.company.shares_of("ks") == 30000
    text = D.scenario_text(ops, "test", base=A, save_dir=tmp_path)
    target = tmp_path / "s.yaml"
    D.write_new_file(target, text)
    with pytest.raises(FileExistsError):
        D.write_new_file(target, "other")
    assert target.read_text(encoding="utf-8") == text
    D.write_new_file(target, "replaced", overwrite=True)
    assert target.read_text(encoding="utf-8") == "replaced"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
