"""The model browser's detail panes name every element and format every number for the UI
language, in the words ``govmodel show`` uses; ids only as the dimmed reference after a
title (and after a decision's name), for people writing scenario files."""

from __future__ import annotations

import re

import pytest
from tui_pilot import A, B

from govmodel import load_model
from govmodel.i18n.format import number
from govmodel.model import Model
from govmodel.report.show import show_text
from tui import render

LANGS = ("en", "nb")


@pytest.fixture(scope="module")
def model_a() -> Model:
    return load_model(A)


def _body(pane: str) -> str:
    """The pane without its first line (the title with its dimmed id) and without the dimmed
    decision ids after a decision's name."""
    return re.sub(r" \[dim\]\([a-z0-9_]+\)\[/\]", "", pane.split("\n", 1)[1])


def _panes(model: Model, lang: str) -> list[str]:
    c = model.company
    panes = [render.model_detail(model, lang)]
    panes += [render.block_detail(model, b.holder, lang) for b in c.blocks]
    panes += [render.actor_detail(model, a, lang) for a in model.actors]
    panes += [render.organ_detail(model, o, lang) for o in model.organs]
    panes += [render.document_detail(model, d, lang) for d in model.documents]
    panes += [render.relation_detail(model, r.id, lang) for r in model.relations]
    panes += [
        render.relation_type_detail(model, t, lang) for t in {r.type for r in model.relations}
    ]
    return panes


@pytest.mark.parametrize("lang", LANGS)
def test_organ_pane_names_who_fills_the_seats(model_a: Model, lang: str) -> None:
    text = render.organ_detail(model_a, "styre", lang)
    gm, board = ("General meeting", "Board") if lang == "en" else ("Generalforsamling", "Styre")
    assert gm in text
    assert "generalforsamling.elect_board" not in text
    assert "generalforsamling → styre" not in text
    assert "absent:" not in text
    # the relation reads as ``govmodel show`` writes it, in the same words
    elects = next(r for r in model_a.relations if r.id == "gf_elects_board")
    line = f"{gm} {'elects' if lang == 'en' else 'velger'} {board}"
    assert line in text
    assert line in show_text(model_a, lang=lang)
    assert render.relation_name(model_a, elects.id, lang) == line


@pytest.mark.parametrize("lang", LANGS)
def test_actor_pane_formats_numbers_for_the_language(model_a: Model, lang: str) -> None:
    text = render.actor_detail(model_a, "k4601", lang)
    bergen = model_a.actors["k4601"]
    assert number(bergen.population, lang) in text
    assert number(model_a.company.shares_of("k4601"), lang) in text
    assert "fylkesmote_46.k4601" not in text
    assert "kommunedirektorlandsmote.k4601" not in text
    assert "Fylkesmøtet i KS Vestland" in text
    # nb groups with a (no-break) space, en with a comma: the pane follows the language
    assert ("291,940" in text) == (lang == "en")
    assert ("291\xa0940" in text) == (lang == "nb")


@pytest.mark.parametrize("lang", LANGS)
def test_relation_pane_names_its_ends_and_decision(model_a: Model, lang: str) -> None:
    text = render.relation_detail(model_a, "gf_elects_board", lang)
    assert "(generalforsamling)" not in text and "(styre)" not in text
    assert "generalforsamling.elect_board" not in text
    decision = "Election of board members" if lang == "en" else "Valg av styremedlemmer"
    assert decision in text


@pytest.mark.parametrize("lang", LANGS)
def test_model_pane_formats_the_share_capital(model_a: Model, lang: str) -> None:
    text = render.model_detail(model_a, lang)
    capital = model_a.company.share_capital
    assert capital >= 10_000  # grouped in both languages, so the check can fail
    assert number(capital, lang) in text
    assert str(capital) not in text


_WORD = re.compile(r"[\w.#]+")


@pytest.mark.parametrize("path", [A, B], ids=["A", "B"])
@pytest.mark.parametrize("lang", LANGS)
def test_no_pane_shows_a_seat_decision_or_relation_id(path, lang: str) -> None:
    """Below its title no pane shows a seat id, an ``organ.decision`` key or a relation id."""
    model = load_model(path)
    ids = {s.id for o in model.organs.values() for s in o.seats}
    ids |= {f"{o.id}.{d.id}" for o in model.organs.values() for d in o.decisions}
    ids |= {r.id for r in model.relations if "_" in r.id}
    # each pane's words (runs of letters, digits, "_", "." and "#", as ids are written) against
    # the ids: one pass over each pane, not one search per id
    shown = {w for pane in _panes(model, lang) for w in _WORD.findall(_body(pane)) if w in ids}
    assert not shown, sorted(shown)[:10]
