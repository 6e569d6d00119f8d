"""One vocabulary between the sections of a report: the criteria (decisive influence) and the
structure ("who can pass and who can block") say the same thing about how the authorities pass
each strategic decision, because both read it from the same engine result
(govmodel.analysis.routes.pass_route)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.analysis.criteria import evaluate
from govmodel.law.readings import Readings
from govmodel.load import load_model
from govmodel.report.evaluation import evaluation_doc
from govmodel.report.writers import render

ROOT = Path(__file__).resolve().parent.parent
A = ROOT / "models" / "ownership_a.yaml"
B = ROOT / "models" / "ownership_b.yaml"
KS_NOT_AUTHORITY = Readings.parse(["ks_contracting_authority=no"])


def _routes(ev) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """How the authorities pass each strategic decision, by the criteria and by the structure."""
    influence = next(
        v for v in ev.criteria if v.id.endswith("influence") or v.id == "control_single"
    )
    criteria = {e.key: e.route for e in influence.elements if "." in e.key}
    structure = {ds.key: ds.authorities_pass_route for ds in ev.decisions if ds.key in criteria}
    return criteria, structure


def _cell(md: str, name: str, column: int, after: str) -> str:
    """The ``column``-th cell of the first Markdown table row named ``name`` after the line
    ``after`` (a heading)."""
    text = md.split(after, 1)[1]
    row = next(line for line in text.splitlines() if line.startswith(f"| {name} |"))
    return [c.strip() for c in row.strip("|").split(" | ")][column]


@pytest.fixture(scope="module")
def evals():
    a, b = load_model(A), load_model(B)
    return {
        "A": evaluate(a),
        "B": evaluate(b),
        "B, KS not an authority": evaluate(b, readings=KS_NOT_AUTHORITY),
    }


@pytest.mark.parametrize("which", ["A", "B", "B, KS not an authority"])
def test_criteria_and_structure_classify_each_decision_the_same_way(evals, which):
    criteria, structure = _routes(evals[which])
    assert len(criteria) >= 13
    # the structure covers the general meeting's decisions (the board's are the criteria's only)
    shared = {k: criteria[k] for k in structure}
    assert len(shared) >= 13
    assert structure == shared


def test_model_b_eierstrategi_reads_the_same_in_both_sections(evals):
    """Model B: the eierstrategi needs the representasjonsråd's recommendation (adopt or
    return). The authorities hold that body, so the recommendation is their safeguard and KS's
    votes at the general meeting are theirs: 'own votes' in the criteria and in the structure
    (the structure used to say 'through links (firm)')."""
    md = render(evaluation_doc(evals["B"], "nb"), "md")
    name = "Vedta eierstrategi (Generalforsamling)"
    in_criteria = _cell(md, name, 2, "Felles kontroll – bestemmende innflytelse")
    in_structure = _cell(md, name, 2, "## Hvem kan vedta og hvem kan blokkere")
    assert in_criteria == "egne stemmer"
    assert in_structure == in_criteria
    md_en = render(evaluation_doc(evals["B"], "en"), "md")
    name = "Adopt the eierstrategi (General meeting)"
    assert _cell(md_en, name, 2, "## Who can pass and who can block") == "own votes"
    assert _cell(md_en, name, 2, "Joint control – decisive influence") == "own votes"


def test_changing_the_input_changes_the_route_in_both_sections(evals):
    """With KS not a contracting authority the kommuner and fylkeskommuner reach the general
    meeting only through KS's organs: both sections say 'through links'."""
    md = render(evaluation_doc(evals["B, KS not an authority"], "en"), "md")
    name = "Adopt the eierstrategi (General meeting)"
    assert _cell(md, name, 2, "Joint control – decisive influence") == "through links"
    assert _cell(md, name, 2, "## Who can pass and who can block").startswith("through links (")
    criteria, structure = _routes(evals["B, KS not an authority"])
    assert criteria["generalforsamling.eierstrategi"] == "chain"
    assert structure["generalforsamling.eierstrategi"] == "chain"


# --- the power indices explained from the model's own indices ----------------------------------


def test_the_power_explanation_is_computed_from_the_models_own_indices():
    import re

    from govmodel.i18n import format as fmt
    from govmodel.power.decision import decision_power
    from govmodel.report.l10n import L10n
    from govmodel.report.power_text import POWER_EXPLAINED, power_explained, power_summary

    # the general text names no model and no number
    assert not re.search(r"\d|model A", POWER_EXPLAINED)
    en, nb = L10n("en"), L10n("nb")
    a = load_model(A)
    pa = power_summary(a, shapley=True)
    dp = decision_power(a, "generalforsamling", "ordinary")
    i = [p.id for p in dp.players].index("ks")
    bz, ss = dp.result.banzhaf[i], dp.result.shapley_shubik[i]
    assert abs(float(bz) - float(ss)) > 0.1  # they disagree in model A
    text = power_explained(en, "A", en, pa)
    assert f"has Banzhaf {fmt.index(bz, 'en')} but Shapley–Shubik {fmt.index(ss, 'en')}" in text
    assert "inside that window" in text
    text_nb = power_explained(nb, "A", nb, pa)
    assert f"har Banzhaf {fmt.index(bz, 'nb')}, men Shapley–Shubik {fmt.index(ss, 'nb')}" in text_nb
    assert "men Shapley–Shubik 0,49" in text_nb  # nb decimals
    # another model, other numbers: with a majority KS decides every vote and the indices agree
    m = load_model(ROOT / "models" / "variants" / "a_ks_majority.yaml")
    text_m = power_explained(en, "B", en, power_summary(m, shapley=True))
    assert "the two indices agree" in text_m and "Banzhaf 1.000 and Shapley–Shubik 1.000" in text_m
    # without Shapley–Shubik (the TUI's summary) there is nothing to explain
    assert power_explained(en, "A", en, power_summary(a)) is None
