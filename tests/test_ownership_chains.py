"""Ownership between actors: holding chains, cross-ownership cycles, private capital in a chain.

The control engine's answers are checked against an independent reference written here: the
least fixed point of "a coalition controls a company when the owners it controls hold more than
half of the votes" computed by plain iteration over every coalition, with no use of the engine.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from pathlib import Path

import pytest

from govmodel.analysis.chains import ownership_cycles, ownership_graph, upstream
from govmodel.analysis.control import ControlAnalysis
from govmodel.analysis.criteria import evaluate_criteria
from govmodel.errors import ModelError
from govmodel.load import load_model

DATA = Path(__file__).resolve().parent / "data"
CHAIN = DATA / "ownership_chain.yaml"
CROSS = DATA / "cross_ownership.yaml"


def variant(tmp_path: Path, src: Path, *edits: tuple[str, str]) -> Path:
    """A copy of ``src`` with text replaced (each edit must apply)."""
    text = src.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    p = tmp_path / src.name
    p.write_text(text, encoding="utf-8")
    return p


def cross_with_alfa_majority(tmp_path: Path) -> Path:
    """The cross-ownership model with Alfa holding 60 % of Nord (Sør, owned by Nord, 40 %)."""
    return variant(
        tmp_path,
        CROSS,
        ("{holder: alfa, shares: 40", "{holder: alfa, shares: 60"),
        ("{holder: sor, shares: 60", "{holder: sor, shares: 40"),
    )


def verdict(model, cid: str):
    crit, *_ = evaluate_criteria(model)
    return next(v for v in crit if v.id == cid)


def reference_control(model, coalition: frozenset[str]) -> set[str]:
    """Independent reference: the actors a coalition controls through ownership, as the least
    fixed point of "more than half of the votes of the general meeting" (aksjeloven § 5-17 (1)
    with every owner present), iterated until nothing changes."""
    owned = {a.id: a.owners for a in model.actors.values() if a.owners}
    ctl = set(coalition)
    changed = True
    while changed:
        changed = False
        for aid, owners in owned.items():
            if aid in ctl:
                continue
            total = sum(h.shares for h in owners)
            mine = sum(h.shares for h in owners if h.holder in ctl)
            if Fraction(mine, total) > Fraction(1, 2):
                ctl.add(aid)
                changed = True
    return ctl


def reference_forces(model, coalition: frozenset[str]) -> bool:
    ctl = reference_control(model, coalition)
    held = sum(h.shares for h in model.company.holdings if h.holder in ctl)
    return Fraction(held, model.company.share_capital) > Fraction(1, 2)


def all_coalitions(model):
    players = [a for a in model.actors if not model.actors[a].owners]
    for r in range(len(players) + 1):
        for c in combinations(players, r):
            yield frozenset(c)


# -- control through a holding company ----------------------------------------------------------


def test_an_association_controls_the_company_through_its_holding_company() -> None:
    m = load_model(CHAIN)
    out = ControlAnalysis(m, ["forening"]).force("generalforsamling", "ordinary")
    assert out.possible and out.level == "firm"
    # the chain runs through the holding's general meeting, which instructs the holding
    assert any(s.type == "instructs" and s.target == "holding" for s in out.rests_on)
    assert "generalforsamling_holding" in m.organs
    assert m.organs["generalforsamling_holding"].name.get("en") == "General meeting of Holding AS"
    assert m.organs["generalforsamling_holding"].name.get("nb") == "Generalforsamling i Holding AS"


def test_control_of_the_holding_follows_its_owners_votes(tmp_path: Path) -> None:
    # the association with 40 of 100 votes no longer controls the holding; the investor with 60 does
    p = variant(
        tmp_path,
        CHAIN,
        ("{holder: forening, shares: 90", "{holder: forening, shares: 40"),
        ("{holder: mellom, shares: 10", "{holder: mellom, shares: 60"),
    )
    m = load_model(p)
    assert not ControlAnalysis(m, ["forening"]).force("generalforsamling", "ordinary").possible
    assert ControlAnalysis(m, ["investor"]).force("generalforsamling", "ordinary").possible


def test_the_engine_agrees_with_the_fixed_point_reference_for_every_coalition(
    tmp_path: Path,
) -> None:
    alfa_majority = cross_with_alfa_majority(tmp_path)
    seen = set()
    for path in (CHAIN, CROSS, alfa_majority):
        m = load_model(path)
        for c in all_coalitions(m):
            an = ControlAnalysis(m, c)
            assert an.force("generalforsamling", "ordinary").possible == reference_forces(m, c)
            ref = reference_control(m, c)
            for aid in m.actors:
                if m.actors[aid].owners:
                    assert (an.actor(aid, 3) is not None) == (aid in ref), (
                        path.name,
                        sorted(c),
                        aid,
                    )
            seen.add((path, reference_forces(m, c)))
    # the reference separates coalitions (and the cross-ownership variants): the test can fail
    assert seen == {(p, v) for p in (CHAIN, alfa_majority) for v in (True, False)} | {
        (CROSS, False)
    }


# -- cross-ownership cycles ------------------------------------------------------------------------


def test_cross_ownership_is_found_as_a_strongly_connected_component() -> None:
    m = load_model(CROSS)
    assert ownership_cycles(m) == (frozenset({"nord", "sor"}),)
    assert ownership_graph(m).has_edge("sor", "nord")
    assert ownership_cycles(load_model(CHAIN)) == ()


def test_a_cycle_gives_no_control_but_a_majority_from_outside_controls_the_whole_cycle(
    tmp_path: Path,
) -> None:
    m = load_model(CROSS)
    # Alfa's 40 % of Nord and Sør's 60 % (owned by Nord itself): nobody outside controls Nord
    assert ControlAnalysis(m, ["alfa"]).actor("nord", 3) is None
    assert not ControlAnalysis(m, ["alfa", "beta"]).force("generalforsamling", "ordinary").possible
    p = cross_with_alfa_majority(tmp_path)
    m2 = load_model(p)
    an = ControlAnalysis(m2, ["alfa"])
    assert an.actor("nord", 3) is not None and an.actor("sor", 3) is not None
    assert an.force("generalforsamling", "ordinary").possible


# -- private capital anywhere in the chain ------------------------------------------------------


def test_a_private_owner_of_an_intermediate_company_is_private_capital() -> None:
    m = load_model(CHAIN)
    up = upstream(m, "holding")
    assert [(p.owner, p.path) for p in up.private] == [
        ("investor", ("holding", "mellom", "investor"))
    ]
    v = verdict(m, "no_private_capital")
    assert v.verdict == "not_satisfied"
    assert any(e.route == "chain" and e.verdict == "not_satisfied" for e in v.elements)


def test_without_the_private_owner_the_chain_is_public(tmp_path: Path) -> None:
    p = variant(
        tmp_path,
        CHAIN,
        (
            "{id: investor, name: Investor AS, kind: private,",
            "{id: investor, name: Investor IKS, kind: kommune, contracting_authority: true,",
        ),
    )
    v = verdict(load_model(p), "no_private_capital")
    assert v.verdict == "satisfied_indirect"


def test_a_closed_cycle_has_no_ultimate_owner_so_the_capital_is_unknown(tmp_path: Path) -> None:
    p = variant(
        tmp_path,
        CROSS,
        ('      - {holder: alfa, shares: 40, source: "test"}\n', ""),
    )
    m = load_model(p)
    up = upstream(m, "nord")
    assert up.closed_cycles == (frozenset({"nord", "sor"}),)
    assert verdict(m, "no_private_capital").verdict == "unknown"
    # with Alfa outside the cycle as an owner the chain ends in a public owner
    assert verdict(load_model(CROSS), "no_private_capital").verdict == "satisfied_indirect"


# -- bad input: located errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{holder: forening, shares: 90",
            "{holder: foreningen, shares: 90",
            "did you mean 'forening'",
        ),
        ("{holder: forening, shares: 90", "{holder: holding, shares: 90", "cannot own itself"),
        ("{holder: forening, shares: 90", "{holder: forening, shares: 0", "at least 1"),
        ("{holder: mellom, shares: 10", "{holder: forening, shares: 10", "listed twice"),
        (
            "  - id: mellom\n    name: Mellom AS\n    kind: company",
            "  - id: mellom\n    name: Mellom AS\n    kind: association",
            "only an actor of kind company",
        ),
        (
            "    name: Holding AS\n    kind: company\n",
            "    name: Holding AS\n    kind: company\n    form: XY\n",
            "company form 'XY'",
        ),
        (
            "    name: Holding AS\n    kind: company\n",
            "    name: Holding AS\n    kind: company\n    form: STI\n",
            "has no owners' meeting",
        ),
    ],
)
def test_bad_owners_are_located_errors(tmp_path: Path, old: str, new: str, expected: str) -> None:
    p = variant(tmp_path, CHAIN, (old, new))
    with pytest.raises(ModelError) as exc:
        load_model(p)
    text = str(exc.value)
    assert expected in text
    assert f"{p}:" in text  # FILE:LINE:COL
    assert all(pr.loc.line > 0 for pr in exc.value.problems)


def test_the_examples_in_the_docstrings_hold() -> None:
    import doctest
    import os

    import govmodel.analysis.chains
    import govmodel.load.owners

    cwd = os.getcwd()
    os.chdir(DATA.parent.parent)  # the examples load tests/data/… relative to the repository
    try:
        for mod in (govmodel.analysis.chains, govmodel.load.owners):
            r = doctest.testmod(mod)
            assert r.failed == 0 and r.attempted > 0, mod.__name__
    finally:
        os.chdir(cwd)
