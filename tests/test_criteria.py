"""The in-house criteria derived from the model files and the law data.

Each test states a finding of the concept study (002 §3.4.1, §5.4–5.6, §7.1) or its negation after
a change, and checks that govmodel.analysis.criteria derives it; the values asserted would fail
if the model or the law data said otherwise.
"""

from __future__ import annotations

import dataclasses
import time
from fractions import Fraction
from pathlib import Path

import pytest

from govmodel.analysis.criteria import (
    GRADES,
    RANK,
    evaluate,
    evaluate_criteria,
    strategic_decisions,
)
from govmodel.analysis.sensitivity import sensitivity
from govmodel.changes import apply_to_tree, parse_changes, resolve_model_tree
from govmodel.law import builtin_law
from govmodel.law.readings import Readings, apply_readings
from govmodel.load import build_model as _build_model
from govmodel.load import load_model as _load_model
from govmodel.load import load_tree
from govmodel.yamlsafe import load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
A = ROOT / "models" / "ownership_a.yaml"
B = ROOT / "models" / "ownership_b.yaml"
VARIANTS = ROOT / "models" / "variants"
SCEN = ROOT / "scenarios"
CONTROL = ("joint_control_representation", "joint_control_influence", "no_contrary_interests")

# These tests were written when models/common/ks_organisation.yaml fixed KS's status as
# "uncertain". KS's status is now the legal reading ks_contracting_authority (default: KS is a
# contracting authority, concept study §1.2, anskaffelsesloven § 2 (1)); the tests here state the
# old reading explicitly (unsettled = "uncertain"), so they keep testing what they were written
# for. The default is tested in tests/test_readings.py and tests/test_legal_control.py.
KS_UNSETTLED = Readings.parse(["ks_contracting_authority=unsettled"])


def load_model(path, **kw):
    return apply_readings(_load_model(path, **kw), KS_UNSETTLED)


def build_model(*args, **kw):
    return apply_readings(_build_model(*args, **kw), KS_UNSETTLED)


def changed(path: Path, changes_yaml: str):
    tree, name = load_tree(path)
    tree = resolve_model_tree(tree, path)
    changes = load_yaml_text(changes_yaml, "<test changes>")
    return build_model(
        apply_to_tree(tree, parse_changes(changes, changes.loc), changes.loc), name, path.parent
    )


def verdicts(model, **kw) -> dict[str, str]:
    crit, summary, _na, _cov = evaluate_criteria(model, **kw)
    return {v.id: v.verdict for v in crit + summary}


def criterion(model, cid, **kw):
    crit, summary, _na, _cov = evaluate_criteria(model, **kw)
    return next(v for v in crit + summary if v.id == cid)


@pytest.fixture(scope="module")
def model_a():
    return load_model(A)


@pytest.fixture(scope="module")
def model_b():
    return load_model(B)


@pytest.fixture(scope="module")
def eval_a(model_a):
    return evaluate(model_a)


@pytest.fixture(scope="module")
def eval_b(model_b):
    return evaluate(model_b)


# --- representation (§ 3-2 (2) a) and the coverage matrix ----------------------------------------


def test_a_every_authority_is_directly_at_the_general_meeting(eval_a):
    gf = eval_a.coverage.body("generalforsamling")
    assert len(gf.cells) == 371 == len(eval_a.authorities)
    assert gf.counts()["direct"] == 371
    assert eval_a.criterion("joint_control_representation").verdict == "satisfied"
    # the board is elected by the general meeting as a whole: diffuse, reported, not decisive
    styre = eval_a.coverage.body("styre")
    assert styre.counts()["diffuse"] == 371
    assert eval_a.criterion("joint_control_representation").element("styre").verdict == (
        "conditional"
    )


def test_b_authorities_reach_the_general_meeting_only_through_ks_organs(eval_b):
    gf = eval_b.coverage.body("generalforsamling")
    assert gf.counts()["diffuse"] == 371 and gf.counts()["direct"] == 0
    cell = eval_b.coverage.cell("k0301", "generalforsamling")
    assert cell.path == (
        "fylkesmote_03_elects_delegates",
        "landsting_elects_hovedstyre",
        "hovedstyre_instructs_ks",
    )
    # elections inside KS are for a term: the hops name the periodic grade (they used to be firm)
    assert cell.hops.startswith("k0301 ∈ fylkesmote_03 —elects[periodic]→ landsting")
    rep = eval_b.criterion("joint_control_representation")
    assert rep.verdict == "conditional"
    kinds = {b.kind for b in rep.rests_on}
    assert {"interpretation", "assumption"} <= kinds


def test_representasjonsraad_gives_each_authority_a_constituency(model_b):
    ev = evaluate(model_b, bodies=["generalforsamling", "representasjonsraad"], structure=False)
    rr = ev.coverage.body("representasjonsraad")
    assert rr.counts()["chain"] == 371
    cell = ev.coverage.cell("k1101", "representasjonsraad")
    assert cell.path == ("fylkesmote_11_elects_rep",)


def test_coverage_is_fast_for_all_authorities_and_several_bodies(model_a):
    from govmodel.analysis.coverage import coverage

    bodies = ["generalforsamling", "styre", "eierraad", "landsting", "hovedstyre", "landsstyre"]
    t = time.process_time()
    cov = coverage(model_a, bodies)
    assert time.process_time() - t < 0.5
    assert [b.body for b in cov.bodies] == bodies
    assert cov.body("eierraad").counts()["chain"] == 371
    assert cov.body("hovedstyre").counts()["diffuse"] == 371


# --- decisive influence (§ 3-2 (2) b) -----------------------------------------------------------


def test_strategic_decisions_come_from_the_model(model_a):
    s = strategic_decisions(model_a)
    keys = {f"{o}.{d}" for o, d in s}
    assert {
        "generalforsamling.articles",
        "generalforsamling.elect_board",
        "generalforsamling.dissolution",
        "generalforsamling.eierstrategi",
    } <= keys
    assert "generalforsamling.ordinary" not in keys
    # 9 until the law data gained the decisions the strategic test needs (issue 14 §6): capital
    # increase (§ 10-1), merger (§ 13-3), demerger (§ 14-6), accounts and dividend (§ 5-5), and
    # the board's hire of the daglig leder (§ 6-2), budget and portfolio priorities (§ 6-12)
    assert len(s) == 16


def test_a_authorities_pass_ordinary_strategic_decisions_with_their_own_votes(eval_a):
    inf = eval_a.criterion("joint_control_influence")
    assert inf.element("generalforsamling.elect_board").route == "direct"
    assert inf.element("generalforsamling.elect_board").verdict == "satisfied"
    # KS's 33.4 % blocks the articles: the authorities pass them only through their chain into KS
    art = inf.element("generalforsamling.articles")
    assert art.route == "chain" and art.verdict == "conditional"
    refs = {b.ref for b in art.rests_on}
    assert "hovedstyre_instructs_ks" in refs
    assert "indirect_control:ks" in refs
    assert "blocks_alone:ks" in refs


def test_b_nothing_is_passed_by_the_authorities_own_votes(eval_b):
    inf = eval_b.criterion("joint_control_influence")
    assert inf.verdict == "conditional"
    assert all(e.route == "chain" for e in inf.elements)
    passes_alone = [
        e.key for e in inf.elements if any(b.ref == "passes_alone:ks" for b in e.rests_on)
    ]
    # 7 before the new strategic decisions of the law data (four of the general meeting and
    # three of the board, which KS also commands alone through the board election)
    assert len(passes_alone) == 14
    # KS cannot adopt the eierstrategi alone: the representasjonsråd's recommendation binds it
    eier = inf.element("generalforsamling.eierstrategi")
    assert "passes_alone:ks" not in {b.ref for b in eier.rests_on}
    # the representasjonsråd is a safeguard the authorities hold: named in the reasoning, not
    # among what the result rests on (it used to be, which let it weaken the verdict)
    assert "fylkesmote_11_elects_rep" not in {b.ref for b in eier.rests_on}
    assert any(
        "representasjonsraad_recommends_eierstrategi" in m.args[0][1]
        for m in eier.reasoning
        if m.args and m.args[0][0] == "relation"
    )


def test_a_does_at_least_as_well_as_b_on_the_control_criteria(eval_a, eval_b):
    for cid in CONTROL + ("control",):
        assert RANK[eval_a.criterion(cid).verdict] <= RANK[eval_b.criterion(cid).verdict], cid
    assert (
        RANK[eval_a.criterion("joint_control_representation").verdict]
        < RANK[eval_b.criterion("joint_control_representation").verdict]
    )


def test_verdicts_are_graded_never_bare(eval_a, eval_b):
    for ev in (eval_a, eval_b):
        for v in ev.criteria + ev.summary:
            assert v.verdict in GRADES
            assert v.reasoning and v.sources
            assert v.sources[0].startswith("anskaffelsesforskriften") or v.id in (
                "control",
                "in_house",
            )


# --- the failing alternatives -------------------------------------------------------------------


def test_stiftelse_fails_the_control_criterion():
    m = load_model(VARIANTS / "stiftelse.yaml")
    v = verdicts(m)
    assert v["joint_control_influence"] == "not_satisfied"
    assert v["control"] == "not_satisfied" and v["in_house"] == "not_satisfied"
    inf = criterion(m, "joint_control_influence")
    assert inf.elements[0].key == "form"
    assert any(b.kind == "form" and b.ref == "STI" for b in inf.rests_on)


def test_direct_private_owner_fails():
    m = load_model(VARIANTS / "a_private.yaml")
    v = verdicts(m)
    assert v["no_private_capital"] == "not_satisfied"
    assert v["in_house"] == "not_satisfied"
    pc = criterion(m, "no_private_capital")
    assert pc.element("holder:privat_as").verdict == "not_satisfied"
    # and with § 5-20 unanimity even its 1 % is a veto the authorities cannot pass
    inf = criterion(m, "joint_control_influence")
    assert inf.element("generalforsamling.articles_unanimous").verdict == "not_satisfied"


def test_adding_a_private_owner_to_a_flips_the_verdict(model_a):
    before = verdicts(model_a)
    m = changed(
        A,
        """
- add: {actors: [{id: p1, name: Privat AS, kind: private, contracting_authority: false, assumption: test}]}
- add_holding: {holder: p1, shares: 100, assumption: test}
- set_holding: {group: kommuner, shares: 49800}
""",
    )
    after = verdicts(m)
    assert before["no_private_capital"] != "not_satisfied"
    assert after["no_private_capital"] == "not_satisfied"
    assert after["in_house"] == "not_satisfied"


def test_statsforetak_fails_for_the_kommuner():
    m = load_model(VARIANTS / "statsforetak.yaml")
    v = verdicts(m)
    assert v["joint_control_representation"] == "not_satisfied"
    assert v["control"] == "not_satisfied"
    kv = verdicts(m, authorities=["kommuner", "fylkeskommuner"])
    assert kv["joint_control_influence"] == "not_satisfied"
    assert kv["control"] == "not_satisfied"
    assert criterion(m, "joint_control_representation").element("foretaksmote").rests_on == ()


def test_kommuner_only_needs_no_intermediary():
    v = verdicts(load_model(VARIANTS / "kommuner_only.yaml"))
    assert v["indirect_control"] == "satisfied"
    assert v["no_private_capital"] == "satisfied"
    assert v["joint_control_representation"] == "satisfied"


# --- the verdicts follow the model --------------------------------------------------------------


def test_removing_the_representasjonsraad_lets_ks_adopt_the_eierstrategi_alone():
    with_rr = criterion(load_model(B), "joint_control_influence")
    without = criterion(
        load_model(B, scenario=SCEN / "no_representasjonsraad.yaml"), "joint_control_influence"
    )
    before = {b.ref for b in with_rr.element("generalforsamling.eierstrategi").rests_on}
    after = {b.ref for b in without.element("generalforsamling.eierstrategi").rests_on}
    # the representasjonsråd is a safeguard the authorities hold: it is not among what their
    # result rests on (it used to be, which let a safeguard weaken the verdict), but it is what
    # stops KS passing the eierstrategi alone
    assert "fylkesmote_03_elects_rep" not in before
    assert "passes_alone:ks" not in before and "passes_alone:ks" in after


def test_revoking_the_only_proxy_route_flips_control():
    """Without hovedstyret's instruction, the authorities reach KS's votes only through KS's
    revocable proxy to its chair: conditional; revoking the proxy leaves them nothing."""
    base = """
- remove: {relations: [hovedstyre_instructs_ks]}
"""
    m = changed(B, base)
    inf = criterion(m, "joint_control_influence")
    el = inf.element("generalforsamling.elect_board")
    assert el.verdict == "conditional"
    assert any(b.kind == "relation" and b.link == "revocable" for b in el.rests_on)
    revoked = changed(B, base + "- revoke_proxies: [ks]\n")
    assert criterion(revoked, "joint_control_influence").verdict == "not_satisfied"
    assert verdicts(revoked)["control"] == "not_satisfied"


@pytest.mark.parametrize(("ks", "articles"), [(33334, "conditional"), (33333, "satisfied")])
def test_cutting_ks_below_a_third_lets_the_authorities_amend_the_articles(ks, articles):
    m = changed(
        A,
        f"""
- set_holding: {{holder: ks, shares: {ks}}}
- set_holding: {{group: kommuner, shares: {100000 - 16700 - ks}}}
""",
    )
    el = criterion(m, "joint_control_influence").element("generalforsamling.articles")
    assert el.verdict == articles
    assert el.route == ("direct" if articles == "satisfied" else "chain")


def test_stricter_reading_requires_every_body(model_a):
    assert verdicts(model_a)["joint_control_representation"] == "satisfied"
    assert verdicts(model_a, all_bodies=True)["joint_control_representation"] == "conditional"


# --- activity (§ 3-1 (1) b, § 3-4) --------------------------------------------------------------


def _with_activity(years: str):
    tree, name = load_tree(A)
    tree = resolve_model_tree(tree, A)
    text = f"activity:\n  measure: turnover\n  source: test\n  years:\n{years}"
    act = load_yaml_text(text, "<activity>")
    tree["activity"] = act["activity"]
    tree.val_loc["activity"] = act.loc
    return build_model(tree, name, A.parent)


def test_activity_is_more_than_80_percent_exactly():
    exactly = _with_activity("    - {year: 2021, total: 100, with_controlling: 80}\n" * 1)
    v = criterion(exactly, "activity")
    assert v.verdict == "not_satisfied"  # "more than", not "at least"
    above = _with_activity(
        "    - {year: 2019, total: 1000, with_controlling: 800}\n"
        "    - {year: 2020, total: 1000, with_controlling: 800}\n"
        "    - {year: 2021, total: 1000, with_controlling: 801}\n"
    )
    assert criterion(above, "activity").verdict == "satisfied"
    # average over the three preceding years: an older bad year falls out
    recent = _with_activity(
        "    - {year: 2018, total: 1000, with_controlling: 0}\n"
        "    - {year: 2019, total: 1000, with_controlling: 900}\n"
        "    - {year: 2020, total: 1000, with_controlling: 900}\n"
        "    - {year: 2021, total: 1000, with_controlling: 900}\n"
    )
    assert criterion(recent, "activity").verdict == "satisfied"


def test_activity_with_fewer_years_rests_on_a_projection():
    one = _with_activity("    - {year: 2021, total: 100, with_controlling: 95}\n")
    v = criterion(one, "activity")
    assert v.verdict == "conditional"
    assert any(b.kind == "projection" for b in v.rests_on)


def test_activity_threshold_comes_from_the_law_data(model_a):
    law = builtin_law()
    crit = law.criteria["activity"]
    params = dict(crit.extra["parameters"])
    params["activity"] = {**params["activity"], "more_than": "97/100"}
    stricter = dataclasses.replace(
        law,
        criteria={
            **law.criteria,
            "activity": dataclasses.replace(crit, extra={**crit.extra, "parameters": params}),
        },
    )
    assert verdicts(model_a)["activity"] == "conditional"  # 96 % > 80 %, on assumed figures
    assert verdicts(model_a, law=stricter)["activity"] == "not_satisfied"  # 96 % is not > 97 %


def test_no_activity_data_is_unknown(model_a):
    m = dataclasses.replace(model_a, activity=())
    assert verdicts(m)["activity"] == "unknown"


# --- no contrary interests, statute checks ------------------------------------------------------


def test_contrary_interests_read_the_articles(eval_a, eval_b):
    a = eval_a.criterion("no_contrary_interests")
    assert a.element("vedtekter.non_commercial").verdict == "satisfied"
    assert a.element("vedtekter.pricing").verdict == "satisfied"
    # in A the authorities' own 66.6 % stops any change of the articles; in B only KS's organs do
    assert a.element("vedtekter.amendment").route == "direct"
    b = eval_b.criterion("no_contrary_interests")
    assert b.element("vedtekter.amendment").route == "chain"


def test_study_rule_differing_from_the_statute_is_reported(eval_a, eval_b):
    [check] = eval_a.statute_checks
    assert (check.organ, check.decision, check.source) == (
        "generalforsamling",
        "extraordinary_meeting",
        "002 §5.4.6",
    )
    assert not check.agrees
    assert check.cited_rule.fraction == Fraction(9, 10)
    assert check.law_rule.fraction == Fraction(1, 10)
    assert check.section == "aksjeloven § 5-6 (2)"
    assert eval_b.statute_checks == ()


# --- sensitivity --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def findings_a(eval_a):
    return sensitivity(eval_a)


def test_sensitivity_finds_ks_share_thresholds_by_bisection(findings_a):
    shares = [f for f in findings_a if f.change.id == "share:ks"]
    assert [f.value for f in shares] == [33334, 10000, 1]
    first = shares[0]
    flipped = {(e.element, e.before, e.after) for e in first.flips}
    assert ("generalforsamling.articles", "conditional", "satisfied") in flipped
    assert ("generalforsamling.dissolution", "conditional", "satisfied") in flipped
    assert "shares: 33333" in first.change.text


def test_sensitivity_finds_the_turnout_level(findings_a):
    turnout = [f for f in findings_a if f.change.id == "turnout:generalforsamling"]
    assert turnout[0].value == Fraction(316, 357)
    flipped = {(e.element, e.after) for e in turnout[0].flips}
    assert ("generalforsamling.elect_board", "conditional") in flipped


def test_sensitivity_reports_the_eierraad_and_owners_leaving(findings_a):
    by_id = {f.change.id: f for f in findings_a}
    # Making the eierråd advisory used to flip the eierstrategi from conditional to satisfied:
    # a safeguard counted against the authorities. It never improves their verdict now.
    adv = by_id.get("advisory:eierraad")
    rank = {
        "satisfied": 0,
        "satisfied_indirect": 1,
        "conditional": 2,
        "unknown": 3,
        "not_satisfied": 4,
    }
    for e in adv.flips if adv is not None else ():
        assert rank.get(e.after or "", 9) >= rank.get(e.before or "", 9), e
    ks = by_id["leaves:ks"]
    assert ("no_private_capital", None, "satisfied") in {
        (e.criterion, e.element, e.after) for e in ks.flips
    }
    oslo = by_id["leaves:k0301"]
    assert ("joint_control_representation", None, "conditional") in {
        (e.criterion, e.element, e.after) for e in oslo.flips
    }


def test_sensitivity_of_b_representasjonsraad_advisory(eval_b):
    fs = {f.change.id: f for f in sensitivity(eval_b)}
    adv = fs["advisory:representasjonsraad"]
    shifts = [e for e in adv.effects if e.element == "generalforsamling.eierstrategi"]
    assert shifts and "data:passes_alone:ks" in shifts[0].added
    assert fs["revoke_proxies:ks"].effects == ()  # hovedstyret's instruction suffices


def test_criteria_docstring_examples_hold():
    """The >>> examples in the criteria package are run, so a wrong example fails."""
    import doctest
    import importlib
    import os
    import pkgutil

    import govmodel.analysis.criteria as pkg

    cwd = os.getcwd()
    os.chdir(ROOT)  # the examples load models/… relative to the repository
    try:
        failed = attempted = 0
        for info in pkgutil.iter_modules(pkg.__path__):
            mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
            r = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
            failed += r.failed
            attempted += r.attempted
    finally:
        os.chdir(cwd)
    assert attempted >= 10
    assert failed == 0
