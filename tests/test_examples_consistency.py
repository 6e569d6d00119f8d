"""One definition of "the authorities" everywhere: the report's "who can pass" and the criteria
agree, also when the authorities are listed by hand (actors in the model file, or named with
--authorities) rather than generated from a group.

For every strategic decision the control criterion tests, the criterion's element and the
structure's ``authorities_can_force`` must say the same thing: the authorities can force it
(the element is not "not satisfied" and the structure gives a link level) or they cannot.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.analysis.criteria.evaluate import evaluate
from govmodel.load import load_model

ROOT = Path(__file__).resolve().parent.parent
FORCE_CRITERIA = ("control_single", "joint_control_influence")

CASES = [
    # authorities listed by hand in the model file
    ("tests/data/small_model.yaml", None),
    ("tests/data/ownership_chain.yaml", None),
    ("models/examples/dk_kombit.yaml", None),
    ("models/examples/vigo_iks.yaml", None),
    # authorities named by hand (--authorities), a subset of the model's
    ("tests/data/small_model.yaml", ("alfa", "beta", "gamma")),
    ("tests/data/small_model.yaml", ("alfa", "regionraad")),
]


def _agreement(path: str, authorities):
    m = load_model(ROOT / path)
    ev = evaluate(m, authorities=authorities)
    structure = {(d.organ, d.decision): d for d in ev.decisions}
    checked = []
    for v in ev.criteria:
        if v.id not in FORCE_CRITERIA:
            continue
        for e in v.elements:
            organ, _, decision = e.key.partition(".")
            if (organ, decision) not in structure:
                continue
            criterion_says = e.verdict != "not_satisfied"
            structure_says = structure[(organ, decision)].authorities_can_force is not None
            checked.append((e.key, criterion_says, structure_says))
    return ev, checked


@pytest.mark.parametrize(("path", "authorities"), CASES)
def test_who_can_pass_and_the_criteria_agree(path: str, authorities) -> None:
    ev, checked = _agreement(path, authorities)
    assert checked, "no decision was compared"
    assert [c for c in checked if c[1] != c[2]] == []
    if authorities is not None:
        assert set(ev.authorities) == set(authorities)


def test_the_comparison_can_fail_the_subset_changes_who_can_pass() -> None:
    _, everyone = _agreement("tests/data/small_model.yaml", None)
    _, three = _agreement("tests/data/small_model.yaml", ("alfa", "beta", "gamma"))
    # the five kommuner pass the election together; three of them (396 of 1000 shares) do not
    assert dict((k, s) for k, _, s in everyone)["generalforsamling.elect_board"] is True
    assert dict((k, s) for k, _, s in three)["generalforsamling.elect_board"] is False
