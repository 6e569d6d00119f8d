"""Pilot tests: the TUI marks what rests on law not verified against the statute text as the CLI
does (``govmodel show``, ``evaluate``, ``compare``), in the UI's language, wherever it shows a
rule, a verdict or a citation; and a model on verified law only shows no mark."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import DataTable, Static, Tree  # noqa: E402
from tui_pilot import ROOT, A, make_app, open_tab, settle  # noqa: E402

from tui.app import GovApp  # noqa: E402

VIGO = ROOT / "models" / "examples" / "vigo_iks.yaml"  # an IKS: its organs rest on IKS-loven

#: the CLI's line and word in each language (``govmodel show``, the report's tables)
MARK = {"en": "not verified against the statute text", "nb": "ikke kontrollert mot lovteksten"}
CITED = {"en": "cited as a source of", "nb": "sitert som kilde for"}
WORD = {"en": "(not verified)", "nb": "(ikke kontrollert)"}


def pilot_test(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return wrapper


def text_of(app: GovApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def _node(tree: Tree, data: tuple[str, ...]):
    """The tree node standing for ``data``, expanding the branches on the way."""
    todo = [tree.root]
    while todo:
        node = todo.pop(0)
        if node.data == data:
            return node
        node.expand()
        todo.extend(node.children)
    raise AssertionError(data)


async def _show(app: GovApp, pilot, data: tuple[str, ...]) -> str:
    tree = app.query_one("#br-tree", Tree)
    tree.move_cursor(_node(tree, data))
    await settle(app, pilot)
    return text_of(app, "#br-text")


@pytest.mark.parametrize("lang", ["en", "nb"])
@pilot_test
async def test_the_browser_marks_rules_and_citations_of_unverified_law(lang: str) -> None:
    app = make_app(VIGO, A, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # the board: its decisions' rule (IKS-loven, board decisions) and its own citation
        # (IKS-loven §§ 10, 13), each line as `govmodel show` writes it
        board = await _show(app, pilot, ("organ", "styre"))
        lines = [x.strip() for x in board.splitlines() if MARK[lang] in x]
        assert any("IKS-loven § 10" in x for x in lines), board
        assert any("IKS-loven § 13" in x for x in lines), board
        assert len([x for x in lines if x.endswith("(IKS-loven)")]) == 2  # both decisions
        # the relation electing the board cites § 10
        rel = await _show(app, pilot, ("rel", "representantskap_elects_board"))
        assert MARK[lang] in rel and "IKS-loven § 10" in rel
        # model A rests on verified law only: its general meeting and board show no mark
        app.action_next_model()
        await settle(app, pilot)
        for organ in ("generalforsamling", "styre"):
            assert MARK[lang] not in await _show(app, pilot, ("organ", organ))


@pytest.mark.parametrize("lang", ["en", "nb"])
@pilot_test
async def test_the_criteria_tab_says_which_rules_the_verdicts_rest_on(
    tmp_path: Path, lang: str
) -> None:
    text = VIGO.read_text(encoding="utf-8")
    app = make_app(VIGO, A, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "2")
        reason = text_of(app, "#cr-reason-text")
        # the evaluation report's paragraph, before the reasons
        assert MARK[lang].capitalize() in reason, reason
        assert "IKS-loven" in reason
        app.action_next_model()
        await settle(app, pilot)
        assert MARK[lang].capitalize() not in text_of(app, "#cr-reason-text")
    # a copy whose agreement cites IKS-loven § 7 (not verified): the verdict citing it says so
    model = tmp_path / "vigo_iks.yaml"
    old = 'source: "002 §3.3.1 (selskapsavtalens § 3 oppgir formålet)"'
    assert text.count(old) == 1
    model.write_text(text.replace(old, 'source: "002 §3.3.1; IKS-loven § 7"'), encoding="utf-8")
    for path, marked in ((VIGO, False), (model, True)):
        app = make_app(path, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_tab(app, pilot, "2")
            table = app.query_one("#cr-verdicts", DataTable)
            table.move_cursor(row=table.get_row_index("no_contrary_interests"))
            await settle(app, pilot)
            reason = text_of(app, "#cr-reason-text")
            assert (f"IKS-loven § 7 {WORD[lang]}" in reason) is marked, reason
            # and the report's paragraph names the section with the verdict citing it
            assert (f"(IKS-loven § 7), {CITED[lang]}" in " ".join(reason.split())) is marked


@pytest.mark.parametrize("lang", ["en", "nb"])
@pilot_test
async def test_power_coalition_and_whatif_mark_decisions_on_unverified_rules(lang: str) -> None:
    app = make_app(VIGO, A, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "4")
        # power: the board's decision, its rule with the report's word, the line below
        app.view("power").select("styre.ordinary")
        await settle(app, pilot)
        assert WORD[lang] in text_of(app, "#pw-head")
        assert MARK[lang] in text_of(app, "#pw-method")
        # coalition: the explanation of a decision under its rule
        await open_tab(app, pilot, "5")
        view = app.view("coalition")
        view.set_members({"oslo"})
        await settle(app, pilot)
        table = app.query_one("#co-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("representantskap.ordinary"))
        await settle(app, pilot)
        assert MARK[lang] in text_of(app, "#co-detail")
        # what-if: the decisions with the word, the report's paragraph below the table
        await open_tab(app, pilot, "6")
        effects = app.query_one("#wi-effects", DataTable)
        assert WORD[lang] in str(effects.get_cell("representantskap.ordinary", "decision"))
        assert WORD[lang] not in str(
            effects.get_cell("representantskap.agreement_core", "decision")
        )
        assert MARK[lang].capitalize() in text_of(app, "#wi-law")
        # model A: none of it
        app.action_next_model()
        await settle(app, pilot)
        assert MARK[lang].capitalize() not in text_of(app, "#wi-law")
        assert all(
            WORD[lang] not in str(effects.get_cell(k.value, "decision")) for k in effects.rows
        )


@pilot_test
async def test_compare_marks_the_thresholds_of_unverified_rules() -> None:
    app = make_app(A, VIGO)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(app, pilot, "3")
        view = app.view("compare")
        rows = [
            " ".join(str(c) for c in r)
            for b in view.doc.blocks
            if hasattr(b, "rows")
            for r in b.rows
        ]
        assert any(WORD["en"] in r for r in rows)
