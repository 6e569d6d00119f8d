"""Pilot tests of the terminal UI (``govmodel tui``): navigation, selection, comparison,
coalition picking, and what-if edits whose effect on a verdict is asserted."""

from __future__ import annotations

import asyncio
import functools
import re
from fractions import Fraction
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import DataTable, Input, Label, Select, Static, Tree  # noqa: E402
from tui_pilot import ROOT, SMALL, A, B, make_app, open_tab, screen_shown, settle  # noqa: E402

from govmodel import changes as C  # noqa: E402
from tui import data as D  # noqa: E402
from tui import results as R  # noqa: E402
from tui import whatif_form as W  # noqa: E402
from tui.app import GovApp  # noqa: E402
from tui.widgets.tables import GovTable, sort_value  # noqa: E402


def pilot_test(fn):
    """Run an async pilot test with asyncio.run (no pytest async plugin needed)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return wrapper


def cell_text(table: DataTable, row: str, col: str) -> str:
    return str(table.get_cell(row, col))


def text_of(app: GovApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def owner_labels(app: GovApp) -> list[str]:
    """The labels of the browser tree's owner nodes (the tree's first branch)."""
    return [str(n.label) for n in app.query_one("#br-tree", Tree).root.children[0].children]


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
        assert "Ownership model B" in app.sub_title  # the name in the app's language
        tree = app.query_one("#br-tree", Tree)
        # the tree's root is short (the full name was cut at 80 columns); the detail pane of
        # the root gives the model's full name
        assert str(tree.root.label) == "Model"
        tree.move_cursor(tree.root)
        await settle(app, pilot)
        assert "Ownership model B: KS sole owner of DIF AS" in text_of(app, "#br-text")


D_PANES = ("criteria", "compare", "power", "coalition", "whatif", "browser")


@pilot_test
async def test_names_are_shown_in_the_ui_language() -> None:
    """A name the model gives in both languages ({nb: Kommunene, en: The municipalities}) is
    shown in the UI's language in the tree, the detail pane, the power tab and the what-if;
    it used to be the Norwegian in the English UI (the name's plain string)."""
    app = make_app(A)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        labels = owner_labels(app)
        assert any("The municipalities" in x for x in labels), labels
        assert not any("Kommunene" in x for x in labels)
        assert "Ownership model A" in text_of(app, "#br-text")
        await open_tab(app, pilot, "4")
        first = str(app.query_one("#pw-list").get_option_at_index(0).prompt)
        assert first == "GM: Ordinary resolution"
        assert "Σ The municipalities" in str(app.query_one("#pw-table", DataTable).get_row_at(0)[0])
        # and Norwegian after the switch, in every place
        await pilot.press("l")
        await settle(app, pilot)
        first = str(app.query_one("#pw-list").get_option_at_index(0).prompt)
        assert first == "GF: Alminnelig vedtak"
        assert "Σ Kommunene" in str(app.query_one("#pw-table", DataTable).get_row_at(0)[0])
        await open_tab(app, pilot, "1")
        labels = owner_labels(app)
        assert any("Kommunene" in x for x in labels), labels


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
        # the English UI names the group in English (the model names it in both)
        assert "The municipalities" in text_of(app, "#br-text")
        assert "Kommunene" not in text_of(app, "#br-text")
        # the general meeting: decisions with rules and sources
        organs = tree.root.children[1]
        company = organs.children[0]
        gm = next(n for n in company.children if n.data == ("organ", "generalforsamling"))
        tree.move_cursor(gm)
        await settle(app, pilot)
        detail = text_of(app, "#br-text")
        assert "Amendment of the articles" in detail
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
        await open_tab(app, pilot, "5")
        view = app.view("coalition")
        table = app.query_one("#co-table", DataTable)
        # nobody is picked at the start (KS used to be, hidden once the list was filtered)
        assert view.members == set() and table.row_count == 0
        assert "Pick" in text_of(app, "#co-summary")
        # typing while the list has the focus filters it (type-ahead); ↓ goes back to the list
        assert app.focused is app.query_one("#co-list")
        await pilot.press(*"kommunene", "down", "home", "space")
        await settle(app, pilot)
        assert view.members == {"kommuner"}
        # through KS (the kommuner elect its organs): possible, at the level the engine grades
        assert "✔" in cell_text(table, "generalforsamling.ordinary", "force")
        # KS alone: blocks the articles amendment, cannot force it
        view.set_members({"ks"})
        await settle(app, pilot)
        assert "✔ firm" in cell_text(table, "generalforsamling.articles", "block")
        assert "✘" in cell_text(table, "generalforsamling.articles", "force")
        view.set_members({"ks", "kommuner"})
        await settle(app, pilot)
        assert "✔ firm" in cell_text(table, "generalforsamling.ordinary", "force")
        assert "✔ firm" in cell_text(table, "generalforsamling.articles", "force")
        summary = text_of(app, "#co-summary")
        assert "The municipalities" in summary and "KS" in summary
        # the chain is explained for the highlighted decision
        table.focus()
        table.move_cursor(row=table.get_row_index("generalforsamling.articles"))
        await settle(app, pilot)
        assert "Force: yes, firm" in text_of(app, "#co-detail")


@pilot_test
async def test_typing_a_name_in_a_list_never_fires_the_app_keys() -> None:
    """The "e" of "Vestland" typed with the coalition list focused used to open Export, and
    its "l" switched the language."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(app, pilot, "5")
        assert app.focused is app.query_one("#co-list")
        await pilot.press(*"Vestland")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "Screen"  # no Export dialog
        assert app.lang == "en" and app.theme == "textual-dark"
        assert app.query_one("#co-filter", Input).value == "Vestland"
        options = app.query_one("#co-list")
        assert options.option_count >= 1
        assert all(
            "Vestland" in str(options.get_option_at_index(i).prompt)
            for i in range(options.option_count)
        )
        # Esc leaves the field: the keys are the app's again
        await pilot.press("escape", "l")
        await settle(app, pilot)
        assert app.lang == "nb"


# -- what-if ---------------------------------------------------------------------------------------


@pilot_test
async def test_whatif_ks_below_one_third_loses_the_block_on_articles() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "6")
        ks = app.query_one("#wi-ks", Input)
        assert ks.value == "33.4"
        await pilot.click("#wi-ks")
        await pilot.press("home", "ctrl+k", "3", "0")
        await settle(app, pilot)
        effects = app.query_one("#wi-effects", DataTable)
        assert "✘ ← ✔ firm" in cell_text(effects, "generalforsamling.articles", "ksb")
        assert app.entry.changed and "what-if" in app.sub_title
        assert app.model.company.shares_of("ks") == 30000
        # the coalition explorer (KS picked) shows the change (Esc leaves the field: 5 is a key)
        app.view("coalition").set_members({"ks"})
        await pilot.press("escape", "5")
        await settle(app, pilot)
        table = app.query_one("#co-table", DataTable)
        assert "✘ no ← ✔ firm" in cell_text(table, "generalforsamling.articles", "block")
        assert "changed by the what-if" in text_of(app, "#co-summary")
        assert app.model.company.shares_of("ks") == 30000
        # reset (on the what-if tab: a letter in the coalition list types into its filter)
        await pilot.press("6", "r", "5")
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
    wi = W.WhatIf(owner_share=Fraction(30), turnout=Fraction(50), allocation="equal")
    ops = wi.ops(entry.base)
    split = C.Fields.of(assumption="what-if (govmodel tui): share split")
    assert C.SetHolding("ks", 30000, fields=split) in ops
    assert any(isinstance(op, C.SetTurnout) and op.fraction == Fraction(1, 2) for op in ops)
    model = D.apply_whatif(entry, wi)
    assert model.company.shares_of("ks") == 30000
    text = W.scenario_text(W.scenario_of(ops, "test", base=A, save_dir=tmp_path))
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
        await open_tab(app, pilot, "2")
        verdicts = app.query_one("#cr-verdicts", DataTable)
        assert "control" in [k.value for k in verdicts.rows]
        reason = text_of(app, "#cr-reason-text")
        assert "Reasoning" in reason and "Sources" in reason and "Rests on" in reason
        assert "anskaffelsesforskriften § 3-2" in reason
        # what the verdict rests on by name, as the report words it (it listed relation ids:
        # "relation: landsting_elects_hovedstyre [periodic]")
        assert "periodic link: Landstinget elects Hovedstyret i KS" in reason
        assert not re.search(r"\b[a-z]+_[a-z_]*(elects|recommends|appoints|instructs)", reason)
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
        route = text_of(app, "#cr-reason-text")
        # the route as the report writes it: names and verbs, not the engine's trace of ids
        assert "Landstinget" in route and "elects" in route, route
        assert "—elects→" not in route and "landsting" not in route and "∈" not in route


@pilot_test
async def test_the_coverage_matrix_writes_and_sorts_numbers_as_the_language_does() -> None:
    """The population column was written ``717,710`` in the Norwegian UI too, and sorting it
    read the English thousands separator as a decimal comma (``1,366`` sorted below ``205``)."""
    for lang, big in (("en", "717,710"), ("nb", "717\xa0710")):
        app = make_app(A, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_tab(app, pilot, "2")
            matrix = app.query_one("#cr-matrix", GovTable)
            assert str(matrix.get_cell("k0301", "pop")) == big
            matrix.sort_on("pop")
            await settle(app, pilot)
            pops = [int(re.sub(r"\D", "", str(c[2]))) for _k, c in matrix.shown_rows() if str(c[2])]
            assert len(pops) == 371 and pops == sorted(pops), lang
            assert pops[0] < 1000 < pops[-1]  # Utsira first, Oslo last
    assert sort_value("1,366", "en") > sort_value("205", "en")
    assert sort_value("0,999", "nb") < sort_value("1", "nb")


@pilot_test
async def test_compare_models_side_by_side_and_choose_a_variant() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(app, pilot, "3")
        status = text_of(app, "#cmp-status")
        assert "A = Ownership model A: KS" in status and "B = Ownership model B: KS" in status
        assert "≠" in status and "ownership_a" not in status  # names, not ids
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
        assert "B = Ownership model A, KS 67 %" in text_of(app, "#cmp-status")
        # the list of models to compare gives the variants' names, not their file names
        from textual.widgets import SelectionList

        options = app.query_one("#cmp-models", SelectionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "DIF som stiftelse" in labels and "stiftelse" not in labels
        assert "Ownership model A, KS 67 %: KS, kommuner and fylkeskommuner own DIF AS" in labels


@pilot_test
async def test_power_shows_both_indices_sorted_with_bars_and_blocking_coalitions() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:  # the bars need room beside the names
        await settle(app, pilot)
        view = app.view("power")
        view.select("generalforsamling.extraordinary_meeting")
        await pilot.press("4")
        await settle(app, pilot)
        table = app.query_one("#pw-table", DataTable)
        keys = [k.value for k in table.rows]
        assert keys[:2] == ["sum:kommuner", "sum:fylkeskommuner"] and keys[2] == "ks"
        # the shown values ("< 0.001" for the tiny ones) in the table's numeric order
        bz = [sort_value(table.get_cell(k, "bz")) for k in keys[2:]]
        assert bz == sorted(bz, reverse=True)  # sorted by index, KS first
        assert all(kind == 0 for kind, _v in bz)  # every one reads as a number
        assert 0 < float(str(table.get_cell("ks", "ss"))) < 1  # both indices shown
        assert "e-0" not in "".join(str(table.get_cell(k, "bz")) for k in keys)
        assert "█" in str(table.get_cell("ks", "ssbar"))
        structure = text_of(app, "#pw-struct")
        assert "Minimal blocking coalitions" in structure and "KS" in structure


# -- languages, themes, help, palette, dialogs -----------------------------------------------------


@pilot_test
async def test_language_theme_help_and_palette() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(app, pilot, "l")
        assert app.lang == "nb"
        assert {v.lang for v in app.views()} == {"nb"}  # bound to the app's language
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
        assert "Hva om" in titles  # a variant by its model's name, not its file's
        assert "Åpne modell: Eiermodell A med stående fullmakter til fylkesstyrelederne" in titles
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
        from tui.screens.dialogs import ConfirmScreen

        await screen_shown(app, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
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
        await settle(
            app, pilot
        )  # the report (with its sensitivity analysis) is written in a thread
        assert type(app.screen).__name__ == "Screen"
        assert report.read_text(encoding="utf-8").startswith("# ")
        diagram = tmp_path / "a.dot"
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#dlg-format", Select).value = "diagram-dot"
        await pilot.pause()
        app.screen.query_one("#dlg-path", Input).value = str(diagram)
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "Screen"
        assert "digraph" in diagram.read_text(encoding="utf-8")


@pilot_test
async def test_diagram_export_offers_layout_colour_and_language(tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_tab(app, pilot, "e")
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
        await settle(app, pilot)  # written in a thread
        assert type(app.screen).__name__ == "Screen"
        svg = target.read_text(encoding="utf-8")
        m = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
        assert m and abs(float(m.group(1)) / float(m.group(2)) - 16 / 9) < 0.01  # the slide
        assert "Coverage (control criterion)" in svg and "Legend" in svg  # coverage, in English


# -- start-up --------------------------------------------------------------------------------------


@pilot_test
async def test_first_screen_comes_before_the_models_and_a_bad_file_is_not_fatal(
    tmp_path: Path,
) -> None:
    import threading

    gate = threading.Event()

    class GatedPreload:
        """Stands in for the forked preloader: holds the loading worker until the first
        screen has been checked, then lets the app load the models itself."""

        def result(self):
            gate.wait(30)
            return None

    bad = tmp_path / "bad.yaml"
    bad.write_text("govmodel: 1\nid: [unclosed\n", encoding="utf-8")
    app = make_app(bad, B, preload=GatedPreload())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.ready and "Loading" in app.sub_title
        assert app.query_one("#br-tree", Tree) is not None
        gate.set()
        await settle(app, pilot)
        assert app.ready and "Ownership model B" in app.sub_title
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
async def test_start_with_a_scenario_file_shows_the_state_in_effect_and_edits_replace() -> None:
    app = make_app(scenario=ROOT / "scenarios" / "ks_30_percent.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.active_pane == "whatif"
        assert app.model.company.shares_of("ks") == 30000
        assert app.model.scenario == "What-if: KS 30 %"
        effects = app.query_one("#wi-effects", DataTable)
        assert "✘ ← ✔ firm" in cell_text(effects, "generalforsamling.articles", "ksb")
        assert "No verdict or element of one changes" in text_of(app, "#wi-flips")
        # the form shows the share in effect (30 %), not the base model's 33.4 %
        ks = app.query_one("#wi-ks", Input)
        assert ks.value == "30"
        # an edit replaces the scenario's share; it does not stack a second change on it
        ks.value = "25"
        await settle(app, pilot)
        assert app.model.company.shares_of("ks") == 25000
        assert app.model.company.share_capital == 100000
        # the effects panel: each element that flips, after ← before, and the engine's reason
        app.query_one("#wi-turnout", Input).value = "50"
        await settle(app, pilot)
        flips = text_of(app, "#wi-flips")
        assert "What flips" in flips
        assert "◐ conditional ← ✔✔ satisfied" in flips
        assert "Joint control – decisive influence › General meeting:" in flips
        assert "only if the absent authorities attend or consent" in flips
        # back to the base: nothing flips, the panel goes
        app.action_reset_whatif()
        await settle(app, pilot)
        assert not app.query_one("#wi-flips-wrap").display


@pilot_test
async def test_save_quit_and_reopen_gives_the_same_state(tmp_path: Path) -> None:
    """A saved what-if names its base model and reopens exactly: started with
    ``--scenario FILE`` alone (the CLI opens the file's base) the model and the form match."""
    from govmodel.changes import parse_scenario, scenario_base

    saved = tmp_path / "b-advisory.yaml"
    rel = "representasjonsraad_recommends_eierstrategi"
    app = make_app(A, B)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("m", "6")  # model B, what-if
        await settle(app, pilot)
        app.query_one(f"#wi-rec-{rel}", Select).value = "advisory"
        await settle(app, pilot)
        before_ops = app.entry.whatif.ops(app.entry.base)
        before = app.model
        assert before_ops
        app.action_leave_input()
        await pilot.press("s")
        await settle(app, pilot)
        app.screen.query_one("#dlg-path", Input).value = str(saved)
        await pilot.press("enter")
        await settle(app, pilot)
    # reopen: the scenario alone names its model (what `govmodel tui --scenario FILE` does)
    base = scenario_base(parse_scenario(saved), None)
    assert base.resolve() == B.resolve()
    again = make_app(base, scenario=saved)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        assert again.active_pane == "whatif"
        assert again.entry.whatif.ops(again.entry.base) == before_ops
        assert again.model.relations == before.relations
        assert again.query_one(f"#wi-rec-{rel}", Select).value == "advisory"


@pilot_test
async def test_a_scenario_for_another_model_asks_before_switching(tmp_path: Path) -> None:
    from tui.screens.dialogs import ConfirmScreen

    scen = tmp_path / "for-b.yaml"
    scen.write_text(
        "govmodel_scenario: 1\nname: B advisory\n"
        f"base: {B}\n"
        "changes:\n  - set_relation: {id: representasjonsraad_recommends_eierstrategi, "
        "strength: advisory}\n",
        encoding="utf-8",
    )
    app = make_app(A, B)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.model.id == "ownership_a"
        app.open_scenario(scen)  # what the palette and the open dialog do
        await screen_shown(app, ConfirmScreen)
        await pilot.press("n")  # keep model A, apply nothing
        await settle(app, pilot)
        assert app.model.id == "ownership_a" and not app.entry.whatif.ops(app.entry.base)
        app.open_scenario(scen)
        await screen_shown(app, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert app.model.id == "ownership_b" and app.entry.changed
        assert app.active_pane == "whatif"
        # a second scenario over a what-if in progress asks before replacing it
        app.open_scenario(scen)
        await screen_shown(app, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert app.entry.changed


def test_a_loaded_model_is_reused_until_a_file_it_read_changes(tmp_path: Path) -> None:
    """The cache watches only the files the model was read from (the model, its includes, its
    base), never a folder scan (a model in /tmp used to glob the whole file system)."""
    import os

    common = tmp_path / "common"
    common.mkdir()
    src = SMALL.read_text(encoding="utf-8")
    part = "actors:\n" + src.split("actors:\n", 1)[1].split("\ngroups:", 1)[0] + "\n"
    (common / "actors.yaml").write_text("govmodel_fragment: 1\n" + part, encoding="utf-8")
    model = tmp_path / "m.yaml"
    model.write_text(src.replace(part, "include: [common/actors.yaml]\n", 1), encoding="utf-8")
    first = D.load(model)
    assert D.files_read(first.workspace.tree, model) == {
        model.resolve(),
        (common / "actors.yaml").resolve(),
    }
    (tmp_path / "unrelated.yaml").write_text("x: 1\n", encoding="utf-8")
    assert D.load(model).base is first.base  # an unrelated file: the same model object
    # the included file changes: the model is rebuilt, and the change shows
    inc = common / "actors.yaml"
    inc.write_text(
        "govmodel_fragment: 1\n" + part.replace("Alfa kommune", "Alfa kommune (ny)"),
        encoding="utf-8",
    )
    st = inc.stat()
    os.utime(inc, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    again = D.load(model)
    assert again.base is not first.base
    assert again.base.actors["alfa"].name == "Alfa kommune (ny)"


def hostile_model(tmp_path: Path) -> Path:
    """The worked example with Rich/Textual markup in its names and a source."""
    src = SMALL.read_text(encoding="utf-8")
    for old, new in (
        ("name: Alfa kommune", 'name: "Alfa [b]kommune[/] [link=https://x.test]"'),
        ("name: Regionrådet", 'name: "Region[/]rådet [red"'),
        ("name: Vedta eierstrategi", 'name: "Vedta [/b] eierstrategi [@click=app.quit]"'),
        ("name: Eierkommunene", 'name: "Eier[/]kommunene"'),
        ('source: "example: vedtektene § 6"', 'source: "example [/] vedtektene"'),
    ):
        assert old in src
        src = src.replace(old, new, 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(src, encoding="utf-8")
    return path


@pilot_test
async def test_markup_in_model_names_shows_literally_in_every_tab(tmp_path: Path) -> None:
    """A name with ``[`` markup used to crash the app with a MarkupError (and exit status 0)."""
    app = make_app(hostile_model(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        labels = owner_labels(app)
        assert any("Region[/]rådet [red" in x for x in labels), labels
        app.view("coalition").set_members({"alfa", "regionraad"})
        for key in "234561":
            await pilot.press(key)
            await settle(app, pilot)
        assert app.is_running and app.return_code is None
        summary = text_of(app, "#co-summary")
        assert "Alfa [b]kommune[/] [link=https://x.test]" in summary
        table = app.query_one("#co-table", DataTable)
        assert "Vedta [/b] eierstrategi [@click=app.quit]" in cell_text(
            table, "generalforsamling.eierstrategi", "decision"
        )


@pilot_test
async def test_tables_sort_by_header_copy_a_row_and_save_csv(tmp_path: Path) -> None:
    from tui.widgets.tables import GovTable

    app = make_app(output_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "4")
        table = app.query_one("#pw-table", GovTable)
        first = [k for k, _ in table.shown_rows()][:3]
        # the engine's order: the largest Banzhaf first; sorting by the player name changes it
        table.focus()
        await pilot.click("#pw-table", offset=(3, 0))  # the "Player" header
        await settle(app, pilot)
        assert table.sort_by == ("player", False)
        names = [table.row_text(k)[0] for k, _ in table.shown_rows()]
        assert names == sorted(names, key=str.casefold) and names[:3] != first
        assert str(table.ordered_columns[0].label).endswith("▲")
        # Banzhaf numerically, largest first (a second click reverses)
        table.sort_on("bz", reverse=True)
        await settle(app, pilot)
        values = [sort_value(table.row_text(k)[1]) for k, _ in table.shown_rows()]
        assert values == sorted(values, reverse=True)
        # copy the highlighted row; save the table as CSV
        table.move_cursor(row=0)
        await pilot.press("y")
        top = table.row_text(table.current_row_key())
        assert app.clipboard == "\t".join(top)
        await pilot.press("w", "w")
        await settle(app, pilot)
        files = sorted(p.name for p in tmp_path.iterdir())
        assert files == ["pw-table-ownership_a-2.csv", "pw-table-ownership_a.csv"]  # no overwrite
        text = (tmp_path / "pw-table-ownership_a.csv").read_text(encoding="utf-8")
        assert text.splitlines()[0].startswith("Player,Banzhaf")
        assert text.splitlines()[1].startswith(top[0])


@pilot_test
async def test_explanation_panel_in_both_languages_and_no_garbled_sentences() -> None:
    from tui.screens.explain import ExplainScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "4")
        struct = text_of(app, "#pw-struct")
        assert "cannot largest" not in struct and "the cannot" not in struct
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, ExplainScreen)
        text = str(app.screen.query_one("#ex-text", Static).render())
        assert "Banzhaf measures how often" in text and "Shapley–Shubik measures" in text
        assert "Here (" in text  # the figures of the decision on screen
        assert "conditional:" in text and "revocable:" in text
        await pilot.press("escape", "l", "i")
        await settle(app, pilot)
        text = str(app.screen.query_one("#ex-text", Static).render())
        assert "Banzhaf måler hvor ofte" in text and "betinget:" in text
        assert "kan ikke største" not in text_of(app, "#pw-struct")


@pilot_test
async def test_legal_readings_switchable_in_the_whatif() -> None:
    """A legal reading (govmodel/law/readings.yaml) chosen in the what-if form is applied to
    the model every tab shows; back to the default, the base model again."""
    app = make_app(A)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "6")
        sel = app.query_one("#wi-reading-ks_contracting_authority", Select)
        assert sel.value == "yes"  # the default
        sel.value = "no"
        await settle(app, pilot)
        assert app.entry.changed
        assert app.model.readings.value("ks_contracting_authority") == "no"
        # the what-if is named by the reading's name and the alternative's words, not ids
        assert "KS's status as a contracting authority: " in app.model.scenario
        assert "ks_contracting_authority" not in app.model.scenario
        sel.value = "yes"
        await settle(app, pilot)
        assert not app.entry.changed


@pilot_test
async def test_readings_are_saved_with_the_whatif_and_restored_on_reopening(
    tmp_path: Path,
) -> None:
    """save → quit → reopen: the legal reading chosen in the form is in the file
    (``readings:``), and reopening restores it in the form and in the model every tab shows.
    Ctrl+A in the save dialog selects the whole path, so typing replaces it."""
    from govmodel.changes import parse_scenario

    saved = tmp_path / "ks-no.yaml"
    app = make_app(A)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "6")
        app.query_one("#wi-reading-ks_contracting_authority", Select).value = "no"
        await settle(app, pilot)
        assert "ks_contracting_authority: 'no'" in text_of(app, "#wi-yaml")
        app.action_leave_input()
        await pilot.press("s")  # a reading alone is a what-if worth saving
        await pilot.pause()
        path = app.screen.query_one("#dlg-path", Input)
        assert path.value.endswith("whatif-ownership_a.yaml")
        await pilot.press("ctrl+a", *str(saved))
        assert path.value == str(saved)
        await pilot.press("enter")
        await settle(app, pilot)
    assert parse_scenario(saved).readings == (("ks_contracting_authority", "no"),)
    again = make_app(A, scenario=saved)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        assert again.model.readings.value("ks_contracting_authority") == "no"
        assert again.entry.changed
        sel = again.query_one("#wi-reading-ks_contracting_authority", Select)
        assert sel.value == "no"
        # back to the default reading: the base model again (the reading was the only change)
        sel.value = "yes"
        await settle(again, pilot)
        assert not again.entry.changed


@pilot_test
async def test_open_dialog_and_palette_load_a_scenario_onto_its_own_model(
    tmp_path: Path,
) -> None:
    """A scenario written for model B, opened while A is shown, from the file dialog (o) and
    from the palette: both ask before switching, then show B with the scenario's changes."""
    from textual.command import CommandPalette

    from tui.screens.dialogs import ConfirmScreen, OpenScenarioScreen

    scen = ROOT / "scenarios" / "no_representasjonsraad.yaml"
    app = make_app(A, B)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await screen_shown(app, OpenScenarioScreen)
        app.screen.query_one("#dlg-path", Input).value = str(tmp_path / "missing.yaml")
        app.screen.query_one("#dlg-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "No file named" in str(app.screen.query_one("#dlg-error", Static).render())
        app.screen.query_one("#dlg-path", Input).value = str(scen)
        app.screen.query_one("#dlg-path", Input).focus()
        await pilot.press("enter")
        await screen_shown(app, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert app.model.id == "ownership_a" and not app.entry.changed
        # the palette lists the files in scenarios/ and does the same
        await pilot.press("ctrl+p")
        await screen_shown(app, CommandPalette)
        await pilot.press(*"no_representasjonsraad")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await screen_shown(app, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert app.model.id == "ownership_b" and app.entry.changed
        assert "representasjonsraad" not in app.model.organs
        assert app.active_pane == "whatif"


def test_numbers_are_formatted_for_the_language() -> None:
    """Shares and indices as the reports write them (govmodel.i18n.format): nb decimal comma,
    a tiny index as "< 0,001" rather than a bare 0 or 2.4e-04."""
    assert R.pct(334, 1000, "nb") == "33,4\xa0%" and R.pct(334, 1000, "en") == "33.4%"
    assert R.pct(1, 2, "nb") == "50\xa0%"
    assert R.fmt_index(Fraction(999, 1000), "nb") == "0,999"
    assert R.fmt_index(Fraction(24, 100000), "en") == "< 0.001"
    assert R.fmt_index(Fraction(0), "nb") == "0" and R.fmt_index(None) == "-"


@pilot_test
async def test_the_coalition_picked_in_tab_5_follows_into_the_whatif() -> None:
    """The coalition tab posts its coalition; the app keeps it (reactive) and the what-if view,
    bound to it, adds what that coalition can force and block — and drops it again when the
    coalition is the authorities (the table has them already)."""
    app = make_app(A)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "6")
        table = app.query_one("#wi-effects", DataTable)
        assert "cof" not in [c.value for c in table.columns]
        app.view("coalition").set_members({"ks", "fylkeskommuner"})
        await settle(app, pilot)
        assert app.coalition == frozenset({"ks", "fylkeskommuner"})
        assert app.view("whatif").coalition == app.coalition
        assert "cof" in [c.value for c in table.columns]
        # KS with the fylkeskommuner hold 50.1 %: they pass an ordinary resolution
        assert "✔" in cell_text(table, "generalforsamling.ordinary", "cof")
        # the kommuner with the fylkeskommuner are not the authorities (KS is one too) ...
        app.view("coalition").set_members({"kommuner", "fylkeskommuner"})
        await settle(app, pilot)
        assert "cof" in [c.value for c in table.columns]
        # ... and with KS they are: the table has them already
        app.view("coalition").set_members({"kommuner", "fylkeskommuner", "ks"})
        await settle(app, pilot)
        assert "cof" not in [c.value for c in table.columns]


@pilot_test
async def test_no_name_is_cut_in_the_main_tables_at_80_columns() -> None:
    """At 80×24 the names column of every main table is at least as wide as its longest word,
    so names wrap between words and are never cut (the what-if cut "styremedlemmer" to
    "styremedlemm" when its headings were one line)."""
    from tui.widgets.tables import GovTable, plain

    app = make_app(A)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.view("coalition").set_members({"kommuner"})
        for key, table_id in (
            ("2", "#cr-verdicts"),
            ("2", "#cr-matrix"),
            ("4", "#pw-table"),
            ("5", "#co-table"),
            ("6", "#wi-effects"),
        ):
            await pilot.press(key)
            await settle(app, pilot)
            if key == "6":
                app.query_one("#wi-ks", Input).value = "30"
                await settle(app, pilot)
            table = app.query_one(table_id, GovTable)
            assert table.flex is not None and table.rows_spec, table_id
            i = [k for k, _ in table.columns_spec].index(table.flex)
            longest = max(len(w) for _k, cells in table.rows_spec for w in plain(cells[i]).split())
            width = table.columns[table.flex].width
            assert width >= longest, (table_id, width, longest)


@pilot_test
async def test_power_method_and_elected_seats_in_words_of_the_language() -> None:
    """The power tab in Norwegian: the engine's method line is translated (it read "exact:
    generating function (modular dynamic programme, CRT)" in the nb TUI), and the eierråd's
    elected seats are named by who elects them, not by their ids (``ks_nestleder#1``)."""
    app = make_app(A, lang="nb")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.view("power").select("eierraad.recommend_eierstrategi")
        await pilot.press("4")
        await settle(app, pilot)
        head = text_of(app, "#pw-method")
        assert "Metode: eksakt: genererende funksjon (modulær dynamisk programmering" in head
        assert "generating function" not in head and "exact" not in head
        table = app.query_one("#pw-table", DataTable)
        names = [str(table.get_cell(k, "player")) for k in table.rows]
        assert "Eierråd: plass 1 valgt av Landstinget" in names
        assert not [n for n in names if "#" in n or "nestleder" in n]
        # in English the same line and seats in English
        app.set_lang("en")
        await settle(app, pilot)
        assert "Method: exact: generating function" in text_of(app, "#pw-method")
        names = [str(table.get_cell(k, "player")) for k in table.rows]
        assert "Eierråd: seat 2 elected by Landstinget" in names


def test_rules_name_the_seats_they_require() -> None:
    """A rule naming seats (the Security Council's permanent members' veto) shows their names
    in the TUI's organ detail, in both languages, never the seat ids (``council.china``)."""
    from tui.render import organ_detail

    model = D.load(ROOT / "models" / "examples" / "unsc.yaml").model
    organ = next(o for o in model.organs.values() if "council" in o.id)
    en = organ_detail(model, organ.id, "en")
    nb = organ_detail(model, organ.id, "nb")
    assert "council.china" not in en and "council.china" not in nb
    assert "approval of China (Security Council)" in en
    assert "samtykke fra Kina (Sikkerhetsrådet)" in nb


def test_the_tui_catches_only_the_errors_it_expects() -> None:
    """No handler in the TUI swallows every error (it hid engine errors): each names the
    errors it expects (govmodel's GovmodelError, OSError, a widget's NoMatches ...); anything
    else reaches the app's worker-error handler. The preloading child's BaseException is the
    one exception: a forked child must never run on into the parent's code."""
    import ast

    broad = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler):
                names = (
                    [n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)]
                    if node.type
                    else ["(bare)"]
                )
                if {"Exception", "BaseException", "(bare)"} & set(names):
                    broad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert broad == ["tui/preload.py:" + str(_child_handler_line())], broad


def _child_handler_line() -> int:
    text = (ROOT / "tui" / "preload.py").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(text, 1) if "except BaseException" in line)


def test_no_sleeps_anywhere_in_the_tui() -> None:
    """Waiting is done by Textual timers and events, never by sleeping in a worker (the power
    tab's Shapley–Shubik debounce slept in steps of 50 ms)."""
    import ast

    sleeps = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "sleep":
                sleeps.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert sleeps == [], sleeps


@pilot_test
async def test_shapley_shubik_waits_for_the_selection_to_rest_on_a_timer() -> None:
    """Shapley–Shubik starts only once a decision has stayed selected for ``ss_delay``: a timer
    (stopped when the selection moves on), so arrowing through the list starts no slow work.
    With an hour's delay nothing starts; with a short one it fills in."""
    app = make_app(A, ss_delay=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("4")
        for _ in range(50):  # the Banzhaf worker (settle would wait on the hour's timer)
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.view("power").pending:
                break
        view = app.view("power")
        assert view.pending
        first = view._ss_timer
        table = app.query_one("#pw-table", DataTable)
        assert str(table.get_cell("ks", "ss")) == "…"
        await pilot.press("down")  # the next decision: the first one's timer is stopped
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if view.pending and view._ss_timer is not first:
                break
        assert view._ss_timer is not first and view.pending
        assert not [w for w in app.workers if w.group == "power-ss"]
        assert str(table.get_cell("ks", "ss")) == "…"
    app = make_app(A, ss_delay=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "4")  # settle waits on the timer, then on the worker
        table = app.query_one("#pw-table", DataTable)
        assert 0 < float(str(table.get_cell("ks", "ss"))) < 1


@pilot_test
async def test_the_title_bar_never_cuts_the_model_name() -> None:
    """Model A's name and the what-if marker do not fit the title bar at 80 columns: the app's
    name gives way and the rest wraps onto a second line (it was cut with "…"); at 200 columns
    it is one line with the app's name."""
    from textual.widgets import Header
    from textual.widgets._header import HeaderTitle

    name = "Ownership model A: KS, kommuner and fylkeskommuner own DIF AS"
    app = make_app(A)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.pause()
        title = app.query_one(HeaderTitle)
        assert str(title.render()).replace("\n", " ").strip() == name
        await open_tab(app, pilot, "6")
        app.query_one("#wi-ks", Input).value = "30"
        await settle(app, pilot)
        await pilot.pause()
        header = app.query_one(Header)
        assert header.has_class("-wrap") and header.size.height == 2
        text = " ".join(str(title.render()).split())
        assert name in text and "[what-if:" in text
        assert len(name) + len(" [what-if: 2 change(s)]") > 80 - 18  # it would not fit one line
    app = make_app(A)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await pilot.pause()
        assert str(app.query_one(HeaderTitle).render()) == f"govmodel — {name}"
        assert not app.query_one(Header).has_class("-wrap")


@pilot_test
async def test_power_tab_says_how_the_authorities_pass_in_the_reports_words() -> None:
    """The power tab and the report's "who can pass and who can block" use one classification
    (govmodel.analysis.routes): the board's decisions in model A are passed "through links
    (firm)", not "force firm" (the TUI's own wording, which did not say the votes were not the
    authorities' own); the general meeting's "own votes". At 80×24 the method line and the
    legend are whole (they were cut at the head's edge): they scroll with the coalitions."""
    from govmodel import decision_structure
    from govmodel.report.evaluation import pass_route
    from govmodel.report.l10n import L10n

    app = make_app(A)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        view = app.view("power")
        view.select("styre.budget")
        await open_tab(app, pilot, "4")
        struct = " ".join(text_of(app, "#pw-struct").split())
        assert "The authorities pass it: through links (firm); they can block it: firm" in struct
        assert "through chains" not in struct
        model = app.model
        t = L10n("en", model)
        assert pass_route(t, decision_structure(model, "styre", "budget")) in struct
        method = text_of(app, "#pw-method")
        assert "Method: exact" in method and "Banzhaf (normalised)" in method
        head = app.query_one("#pw-head", Static)
        assert head.size.height >= len(text_of(app, "#pw-head").splitlines())
        view.select("generalforsamling.ordinary")
        await settle(app, pilot)
        assert "The authorities pass it: own votes" in " ".join(text_of(app, "#pw-struct").split())
        app.set_lang("nb")
        await settle(app, pilot)
        struct = " ".join(text_of(app, "#pw-struct").split())
        assert "Oppdragsgiverne vedtar den: egne stemmer" in struct


def test_views_do_not_import_the_app_nor_reach_into_each_other() -> None:
    """The app's state reaches the views through bound reactive attributes and the views
    answer with messages: no view or screen imports tui.app (not even for a type: the type-only
    circle tui/app.py <-> tui/views/base.py is gone, the views type against tui.state.GovState),
    queries another view (``app.view(...)``) or calls the app's refresh."""
    import ast

    found = []
    for folder in ("views", "screens", "widgets"):
        for path in sorted((ROOT / "tui" / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module == "tui.app":
                    found.append(f"{path.name}: imports tui.app")
                if isinstance(node, ast.Attribute) and node.attr in ("view", "model_changed"):
                    base = node.value
                    name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
                    if name in ("app", "gov"):
                        found.append(f"{path.name}:{node.lineno}: {name}.{node.attr}")
    assert found == [], found


@pilot_test
async def test_the_model_the_changes_and_the_readings_are_pushed_down_to_every_view() -> None:
    """GovApp.model, .changes and .readings are reactive and bound to each view (data_bind):
    switching the model, a what-if (posted by the what-if tab as a message) and a reset all
    reach every view's own attributes."""
    app = make_app(A, B)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert all(v.model is app.model for v in app.views())
        assert app.model.id == "ownership_a"
        await pilot.press("m")
        await settle(app, pilot)
        assert app.model.id == "ownership_b" and all(v.model is app.model for v in app.views())
        await pilot.press("m")
        await open_tab(app, pilot, "6")
        app.query_one("#wi-reading-ks_contracting_authority", Select).value = "no"
        app.query_one("#wi-ks", Input).value = "30"
        await settle(app, pilot)
        assert app.changes and app.readings == (("ks_contracting_authority", "no"),)
        for v in app.views():
            assert v.model is app.model and v.changes == app.changes
            assert v.readings == app.readings
        assert app.model is not app.entry.base
        await pilot.press("escape", "r")
        await settle(app, pilot)
        assert app.model is app.entry.base and app.changes == () and app.readings == ()
        assert all(v.model is app.model and v.changes == () for v in app.views())
        assert app.query_one("#wi-ks", Input).value == "33.4"  # the form follows the reset


@pilot_test
async def test_the_coalition_detail_names_players_and_chains_never_ids() -> None:
    """The explanation under the coalition table listed ids (``own votes/seats: k0301, k1101``,
    ``via chain: ks ⇐ fylkesmote_<fylke> —elects[periodic]→ landsting``): now names and
    sentences, as the report writes routes."""
    app = make_app(A)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "5")
        app.view("coalition").set_members({"kommuner"})
        await settle(app, pilot)
        detail = text_of(app, "#co-detail")
        own = next(line for line in detail.splitlines() if "own votes/seats:" in line)
        assert "Oslo" in own and "k0301" not in own
        via = next(line for line in detail.splitlines() if "via chain:" in line)
        assert "fylkesmote_" not in via and "—elects" not in via and "ks ⇐" not in via
        assert "Landstinget elects Hovedstyret i KS" in via


@pilot_test
async def test_the_coalition_reason_is_a_sentence_in_the_ui_language_naming_the_voters() -> None:
    """The first line under the coalition table was the control engine's trace, in English
    and with ids (``its 358 player(s) (ks, k0301 …) voting no …``) even in the Norwegian UI;
    it is now the report's sentence, in the UI's language, naming the voters."""
    app = make_app(A, lang="nb")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "5")
        app.view("coalition").set_members({"kommuner"})
        await settle(app, pilot)
        detail = text_of(app, "#co-detail")
        assert "player(s)" not in detail and "k0301" not in detail
        assert "den rår over (" in detail, detail


@pilot_test
async def test_the_whatif_form_writes_numbers_with_the_languages_decimal_mark() -> None:
    """The Norwegian form showed KS's share as ``33.4``; it is ``33,4`` there (``33.4`` in
    English), and the form reads it back as the share in effect, so nothing changes."""
    app = make_app(A, lang="nb")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "6")
        assert app.query_one("#wi-ks", Input).value == "33,4"
        await pilot.click("#wi-ks")
        await pilot.press("end", "0")  # 33,40: read back as the share in effect
        await settle(app, pilot)
        assert app.query_one("#wi-ks", Input).value == "33,40"
        assert app.changes == () and not app.entry.changed
        await pilot.press("backspace", "backspace", "backspace")  # 33: a change
        await settle(app, pilot)
        assert app.changes != ()
    assert W.pct_text(Fraction(167, 5), "en") == "33.4" and W.pct_text(Fraction(30), "nb") == "30"


@pilot_test
async def test_the_power_tabs_game_line_writes_numbers_as_the_language_does() -> None:
    """The game line read "quota 50001 of 100000" in both languages."""
    for lang, want in (("en", "quota 50,001 of 100,000"), ("nb", "kvote 50\xa0001 av 100\xa0000")):
        app = make_app(A, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_tab(app, pilot, "4")
            head = text_of(app, "#pw-head")
            assert want in head, (lang, head)


def test_only_a_companys_generalforsamling_is_abbreviated_in_the_decision_lists() -> None:
    """The power and coalition tabs shorten "Generalforsamling" to GF/GM; an IKS's supreme
    organ is a general meeting too, but it is the representantskap, and says so."""
    from govmodel import load_model
    from tui.render import organ_short

    a = load_model(A)
    assert organ_short(a, "generalforsamling", "nb") == "GF"
    assert organ_short(a, "generalforsamling", "en") == "GM"
    assert organ_short(a, "styre", "en") == "Board"
    iks = load_model(ROOT / "models" / "examples" / "vigo_iks.yaml")
    assert iks.organs["representantskap"].kind == "general_meeting"
    assert organ_short(iks, "representantskap", "nb") == "Representantskap"
    assert organ_short(iks, "representantskap", "en") == "Council of representatives"
