"""Pilot tests of the terminal UI (``govmodel tui``): navigation, selection, comparison,
coalition picking, and what-if edits whose effect on a verdict is asserted."""

from __future__ import annotations

import asyncio
import functools
import re
import time
from fractions import Fraction
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import DataTable, Input, Label, Select, Static, Tree  # noqa: E402

from govmodel import changes as C  # noqa: E402
from tui import data as D  # noqa: E402
from tui.app import GovApp  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# no waiting in tests: recompute a what-if at once, start Shapley–Shubik without the pause
# the UI leaves for arrowing through the decisions
import tui.views.power  # noqa: E402
import tui.views.whatif  # noqa: E402

tui.views.whatif.DEBOUNCE = 0.01
tui.views.power.SS_DELAY_STEPS = 0
A = ROOT / "models" / "ownership_a.yaml"
B = ROOT / "models" / "ownership_b.yaml"
SMALL = ROOT / "tests" / "data" / "small_model.yaml"  # the worked example: 5 kommuner


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
    app = GovApp(list(models) or [A, B], lang=kw.pop("lang", "en"), timings=False, **kw)
    app.animation_level = "none"  # no tab-underline or scroll animations to wait for
    return app


# -- navigation and selection ------------------------------------------------------------------


@pilot_test
async def test_starts_with_browser_and_switches_tabs_and_models() -> None:
    app = make_app(SMALL, B)  # a small model first: every tab is computed quickly
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.active_pane == "browser"
        assert [e.base.id for e in app.entries] == ["felles_it", "ownership_b"]
        assert "Felles IT AS" in app.sub_title
        for key, pane in zip("234561", D_PANES, strict=True):
            await pilot.press(key)
            await settle(app, pilot)
            assert app.active_pane == pane
        await pilot.press("m")
        await settle(app, pilot)
        assert app.model.id == "ownership_b"
        assert "Eiermodell B" in app.sub_title
        tree = app.query_one("#br-tree", Tree)
        assert str(tree.root.label).startswith("ownership_b")


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
    async with app.run_test(size=(80, 24)) as pilot:
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
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        # the authorities' control in B runs through chains, not own shares
        app.view("coalition").set_members({"kommuner", "fylkeskommuner"})
        await pilot.press("5")
        await settle(app, pilot)
        table = app.query_one("#co-table", DataTable)
        # KS's members elect Landstinget -> hovedstyret -> instructs KS
        assert "✔" in cell_text(table, "generalforsamling.eierstrategi", "force")
        table.move_cursor(row=table.get_row_index("generalforsamling.eierstrategi"))
        await settle(app, pilot)
        assert "via chain" in text_of(app, "#co-detail")
        app.view("coalition").set_members({"ks"})
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
    split = C.Fields.of(assumption="what-if (govmodel tui): share split")
    assert C.SetHolding("ks", 30000, fields=split) in ops
    assert any(isinstance(op, C.SetTurnout) and op.fraction == Fraction(1, 2) for op in ops)
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


# -- criteria, comparison, power -------------------------------------------------------------------


@pilot_test
async def test_criteria_verdicts_reasoning_and_matrix_filters() -> None:
    app = make_app(B)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        verdicts = app.query_one("#cr-verdicts", DataTable)
        assert "control" in [k.value for k in verdicts.rows]
        reason = text_of(app, "#cr-reason-text")
        assert "Reasoning" in reason and "Sources" in reason and "Rests on" in reason
        assert "anskaffelsesforskriften § 3-2" in reason
        # every authority is in the matrix; in B each is represented only diffusely via KS. KS
        # itself counts as an authority under the default reading (ks_contracting_authority=yes,
        # concept study §1.2), the sole shareholder: 372 (it was 371 while KS was "uncertain")
        assert "372 of 372 authorities" in text_of(app, "#cr-count")
        view = app.view("criteria")
        view.set_filters(fylke="46")
        await settle(app, pilot)
        assert text_of(app, "#cr-count").startswith("44 of 372")
        view.set_filters(needle="bergen")
        await settle(app, pilot)
        matrix = app.query_one("#cr-matrix", DataTable)
        assert [k.value for k in matrix.rows] == ["k4601"]
        assert "diffuse" in str(matrix.get_cell("k4601", "b:generalforsamling"))
        view.set_filters(link="direct")
        await settle(app, pilot)
        # KS, the sole shareholder, is the one authority directly at the general meeting
        assert text_of(app, "#cr-count").startswith("1 of 372")
        # the route of one authority is explained
        view.set_filters(pop=">100k")
        await settle(app, pilot)
        matrix.focus()
        matrix.move_cursor(row=0)
        await settle(app, pilot)
        assert "landsting" in text_of(app, "#cr-reason-text")


@pilot_test
async def test_compare_models_side_by_side_and_choose_a_variant() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        status = text_of(app, "#cmp-status")
        assert "A = ownership_a" in status and "B = ownership_b" in status and "≠" in status
        view = app.view("compare")
        assert view.doc is not None
        from tui.docview import differs

        assert "Kontrollkriteriet" in view.doc.title
        assert any(differs(r) for b in view.doc.blocks if hasattr(b, "rows") for r in b.rows)
        # only the rows that differ
        app.query_one("#cmp-report-wrap").focus()
        await pilot.press("f")
        await settle(app, pilot)
        assert view.only_diff
        # compare A with its KS-67 % variant instead of B
        variant = str((ROOT / "models" / "variants" / "a_ks67.yaml").resolve())
        view.choose(["loaded:0", variant])
        await settle(app, pilot)
        assert "B = a_ks67" in text_of(app, "#cmp-status")


@pilot_test
async def test_power_shows_both_indices_sorted_with_bars_and_blocking_coalitions() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        view = app.view("power")
        view.select("generalforsamling.extraordinary_meeting")
        await pilot.press("4")
        await settle(app, pilot)
        table = app.query_one("#pw-table", DataTable)
        keys = [k.value for k in table.rows]
        assert keys[:2] == ["sum:kommuner", "sum:fylkeskommuner"] and keys[2] == "ks"
        bz = [float(str(table.get_cell(k, "bz"))) for k in keys[2:]]
        assert bz == sorted(bz, reverse=True)  # sorted by index, KS first
        assert 0 < float(str(table.get_cell("ks", "ss"))) < 1  # both indices shown
        assert "█" in str(table.get_cell("ks", "ssbar"))
        structure = text_of(app, "#pw-struct")
        assert "Minimal blocking coalitions" in structure and "KS" in structure


# -- languages, themes, help, palette, dialogs -----------------------------------------------------


@pilot_test
async def test_language_theme_help_and_palette() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        assert app.lang == "nb"
        tabs = app.query_one("TabbedContent")
        assert str(tabs.get_tab("browser").label) == "1 Modell"
        assert "Kilde" in text_of(app, "#br-text")
        await pilot.press("t")
        assert app.theme == "textual-light"
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "Screen"
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Hva om" in titles and "Åpne modell: a_proxies" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert "CommandPalette" in type(app.screen).__name__
        await pilot.press("escape")


@pilot_test
async def test_open_variant_and_revoke_proxies() -> None:
    """Legal adviser: what if the standing proxies to the fylkesstyreledere are revoked?"""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_model(ROOT / "models" / "variants" / "a_proxies.yaml")
        await settle(app, pilot)
        assert app.model.id == "a_proxies"
        app.view("coalition").set_members({"fylkesstyreledere"})
        await pilot.press("5")
        await settle(app, pilot)
        table = app.query_one("#co-table", DataTable)
        assert "✔ revocable" in cell_text(table, "generalforsamling.ordinary", "force")
        await pilot.press("6")
        await settle(app, pilot)
        app.query_one("#wi-revoke").value = True
        await settle(app, pilot)
        assert C.RevokeProxies() in app.entry.whatif.ops(app.entry.base)
        await pilot.press("5")
        await settle(app, pilot)
        assert "✘ no ← ✔ revocable" in cell_text(table, "generalforsamling.ordinary", "force")


@pilot_test
async def test_save_scenario_atomically_and_ask_before_overwriting(tmp_path: Path) -> None:
    from govmodel import load_model

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("s")  # nothing to save yet: a warning, no dialog
        await pilot.pause()
        assert type(app.screen).__name__ == "Screen"
        await pilot.press("6")
        await settle(app, pilot)
        app.query_one("#wi-ks", Input).value = "30"
        await settle(app, pilot)
        target = tmp_path / "ks30.yaml"
        app.action_leave_input()
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#dlg-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "Screen"
        text = target.read_text(encoding="utf-8")
        assert "govmodel_scenario: 1" in text and "shares: 30000" in text
        # the file is a real scenario: the CLI loader applies it
        assert load_model(A, scenario=target).company.shares_of("ks") == 30000
        # saving again asks first; "n" keeps the file
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#dlg-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        await pilot.pause(0.2)
        assert "already exists" in str(app.screen.query_one("#dlg-error", Static).render())
        assert target.read_text(encoding="utf-8") == text
        await pilot.press("escape")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["ks30.yaml"]


@pilot_test
async def test_export_report_and_diagram(tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        report = tmp_path / "a.md"
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#dlg-path", Input).value = str(report)
        await pilot.press("enter")
        await settle(app, pilot)
        for _ in range(100):  # the report (with its sensitivity analysis) is written in a thread
            if type(app.screen).__name__ == "Screen":
                break
            await asyncio.sleep(0.05)
            await pilot.pause()
        assert report.read_text(encoding="utf-8").startswith("# ")
        diagram = tmp_path / "a.dot"
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#dlg-format", Select).value = "diagram-dot"
        await pilot.pause()
        app.screen.query_one("#dlg-path", Input).value = str(diagram)
        await pilot.press("enter")
        for _ in range(100):
            if type(app.screen).__name__ == "Screen":
                break
            await asyncio.sleep(0.05)
            await pilot.pause()
        assert "digraph" in diagram.read_text(encoding="utf-8")


@pilot_test
async def test_diagram_export_offers_layout_colour_and_language(tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        title = dialog.query_one("#dlg-title", Label)
        assert "report" in str(title.render()).lower() or "rapport" in str(title.render()).lower()
        assert not dialog.query_one("#dlg-diagram-options").display  # only for diagrams
        dialog.query_one("#dlg-format", Select).value = "diagram-svg"
        await pilot.pause()
        text = str(title.render()).lower()
        assert "diagram" in text and "report" not in text and "rapport" not in text
        assert dialog.query_one("#dlg-diagram-options").display
        dialog.query_one("#dlg-layout", Select).value = "slide"
        dialog.query_one("#dlg-color", Select).value = "coverage"
        dialog.query_one("#dlg-lang", Select).value = "en"
        await pilot.pause()
        target = tmp_path / "a.svg"
        dialog.query_one("#dlg-path", Input).value = str(target)
        await pilot.press("enter")
        for _ in range(200):  # written in a thread
            if type(app.screen).__name__ == "Screen":
                break
            await asyncio.sleep(0.05)
            await pilot.pause()
        svg = target.read_text(encoding="utf-8")
        m = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
        assert m and abs(float(m.group(1)) / float(m.group(2)) - 16 / 9) < 0.01  # the slide
        assert "Coverage (control criterion)" in svg and "Legend" in svg  # coverage, in English


# -- start-up --------------------------------------------------------------------------------------


@pilot_test
async def test_first_screen_comes_before_the_models_and_a_bad_file_is_not_fatal(
    monkeypatch, tmp_path: Path
) -> None:
    import threading

    gate = threading.Event()
    real_load = D.load

    def slow_load(path):
        gate.wait(10)
        return real_load(path)

    monkeypatch.setattr(D, "load", slow_load)
    bad = tmp_path / "bad.yaml"
    bad.write_text("govmodel: 1\nid: [unclosed\n", encoding="utf-8")
    app = make_app(bad, B)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.ready and "Loading" in app.sub_title
        assert app.query_one("#br-tree", Tree) is not None
        gate.set()
        await settle(app, pilot)
        assert app.ready and "Eiermodell B" in app.sub_title
        assert [e.base.id for e in app.entries] == ["ownership_b"]
        assert app.load_errors and "bad.yaml" in app.load_errors[0]


def test_other_commands_do_not_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, govmodel.cli as c; p = c.build_parser(); "
        "a = p.parse_args(['tui', '--lang', 'nb']); "
        "print(a.command, a.lang, 'textual' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.split() == ["tui", "nb", "False"]


@pilot_test
async def test_start_with_a_scenario_file() -> None:
    app = make_app(scenario=ROOT / "scenarios" / "ks_30_percent.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.active_pane == "whatif"
        assert app.model.company.shares_of("ks") == 30000
        assert app.model.scenario == "What-if: KS 30 %"
        effects = app.query_one("#wi-effects", DataTable)
        assert "✘ ← ✔ firm" in cell_text(effects, "generalforsamling.articles", "ksb")
