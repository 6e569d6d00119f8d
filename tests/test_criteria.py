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
from model_changes import changed as changed_model

from govmodel.analysis.criteria import (
    GRADES,
    RANK,
    evaluate,
    evaluate_criteria,
    strategic_decisions,
)
from govmodel.analysis.sensitivity import sensitivity
from govmodel.changes import resolve_model_tree
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


def changed(path: Path, changes_yaml: str, *, ks_unsettled: bool = True):
    """``path`` with ``changes_yaml`` applied; with ``ks_unsettled`` KS's status is this file's
    old "uncertain" reading, else the default reading (KS a contracting authority)."""
    return changed_model(path, changes_yaml, build_model if ks_unsettled else _build_model)


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


def test_sensitivity_never_reports_removing_a_safeguard_as_an_improvement(findings_a, eval_b):
    """An adopt-or-return recommendation from a body the authorities control (the eierråd in
    A, the representasjonsråd in B) adds to their influence: making it advisory or removing
    the body never improves a verdict (issue 14 §3; before, A's eierstrategi went from
    conditional to satisfied when the eierråd was made advisory)."""
    b_findings = sensitivity(eval_b)
    seen = 0
    for f in list(findings_a) + list(b_findings):
        if not f.change.id.startswith(("advisory:", "remove:")):
            continue
        if f.change.id.split(":", 1)[1] not in ("eierraad", "representasjonsraad"):
            continue
        seen += 1
        better = [e for e in f.flips if e.after and e.before and RANK[e.after] < RANK[e.before]]
        assert better == [], (f.change.id, better)
    assert seen >= 1


def test_safeguard_is_a_basis_that_never_lowers_the_grade(model_a, eval_a):
    """The eierstrategi in A rests on the eierråd as a safeguard, not as a condition: its grade
    is the grade without the eierråd (the authorities pass it with their own votes)."""
    el = eval_a.criterion("joint_control_influence").element("generalforsamling.eierstrategi")
    kinds = {(b.kind, b.ref) for b in el.rests_on}
    assert ("safeguard", "eierraad_recommends_eierstrategi") in kinds
    assert ("recommendation", "eierraad_recommends_eierstrategi") not in kinds
    base = model_a
    without = dataclasses.replace(
        base,
        relations=tuple(r for r in base.relations if not r.id.startswith("eierraad_recommends")),
    )
    ev2 = evaluate(without, structure=False)
    el2 = ev2.criterion("joint_control_influence").element("generalforsamling.eierstrategi")
    assert RANK[el.verdict] <= RANK[el2.verdict]
    assert not any(b.kind == "safeguard" for b in el2.rests_on)


def test_sensitivity_reports_owners_leaving(findings_a):
    by_id = {f.change.id: f for f in findings_a}
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


# --- issue 14: readings, participation, reverse in-house, ranking --------------------------------

KS_BY_READING = """
- replace:
    actors:
      - id: ks
        name: KS (Kommunesektorens organisasjon)
        kind: association
        reading: ks_contracting_authority
        source: "002 §1.2"
"""
KOMMUNER_ONLY = VARIANTS / "kommuner_only.yaml"


def _ranks(models, readings=None):
    from govmodel.analysis.criteria.ranking import rank

    evs = [evaluate(m, structure=False, readings=readings) for m in models]
    return {r.model: r.rank for r in rank(evs)}, evs


def _readings(*specs):
    from govmodel.law.readings import Readings

    return Readings.parse(list(specs))


@pytest.fixture(scope="module")
def a_ks():
    """Model A with KS's status following the reading (default: a contracting authority); the
    shipped models name the reading on KS's actor themselves (models/common/ks_organisation.yaml).
    Loaded without this file's KS_UNSETTLED override, so the default reading applies."""
    return _load_model(A)


@pytest.fixture(scope="module")
def b_ks():
    return _load_model(B)


def test_non_voting_shares_endanger_control():
    """002 §5.4.2: kommuner holding shares without votes may fail the control criterion.
    Representation rests on voting rights: with the kommuner's shares in a class without votes
    they are not represented at the general meeting and the weakest participant (Utsira) takes
    no part; give the class one vote per share and both come back."""

    def with_votes(n: int):
        return changed(
            A,
            f"""
- share_classes:
    - {{id: ordinary, name: Ordinære aksjer, votes_per_share: 1, source: "aksjeloven § 5-3"}}
    - {{id: b, name: B-aksjer, votes_per_share: {n}, source: "aksjeloven § 5-3 (2)"}}
- set_holding: {{group: kommuner, shares: 49900, allocate: population, class: b}}
""",
        )

    silent = evaluate(with_votes(0), structure=False)
    utsira = next(a for a in silent.authorities if silent.model.name_of(a) == "Utsira")
    # at best represented through KS's votes, which the whole membership directs together
    assert silent.coverage.cell(utsira, "generalforsamling").link not in ("direct", "chain")
    assert silent.criterion("joint_control_representation").verdict != "satisfied"
    assert silent.criterion("control").verdict == "not_satisfied"
    part = silent.criterion("joint_control_participation")
    assert part.verdict == "not_satisfied"
    assert part.element("capital").verdict == "not_satisfied"
    loud = evaluate(with_votes(1), structure=False)
    assert loud.coverage.cell(utsira, "generalforsamling").link == "direct"
    assert loud.criterion("joint_control_participation").element("capital").verdict == "satisfied"


def test_weakest_participant_in_a_is_utsira_with_two_shares(eval_a):
    from govmodel.analysis.criteria.participation import weakest_participant_of

    who = weakest_participant_of(eval_a)
    assert eval_a.model.name_of(who) == "Utsira"
    assert eval_a.model.company.shares_of(who) == 2
    part = eval_a.criterion("joint_control_participation")
    power = part.element("power")
    texts = " ".join(m.render(str) for m in power.reasoning)
    # alone it passes nothing; it blocks only what needs every shareholder's consent
    assert "alone Utsira passes 0 and blocks 1 of the" in texts
    # its two votes can still decide: it is a swing in some coalition of the general meeting
    swing = next(b for b in power.rests_on if b.ref.startswith("swing:"))
    decided, computed = (int(x) for x in swing.text.split("/"))
    assert computed > 0 and decided > 0
    assert part.element("capital").verdict == "satisfied"


def test_weakest_participant_in_b_takes_part_only_through_ks(b_ks):
    """In B the smallest kommune holds no shares: it takes part through KS, another legal
    person, so the verdict rests on the reading indirect_control_joint, and flips with it."""
    ev = evaluate(b_ks, structure=False)
    part = ev.criterion("joint_control_participation")
    assert part.verdict == "conditional"
    assert any(
        b.kind == "open_reading" and b.ref == "indirect_control_joint" for b in part.rests_on
    )
    no = evaluate(b_ks, structure=False, readings=_readings("indirect_control_joint=no"))
    assert no.criterion("joint_control_participation").verdict == "not_satisfied"
    yes = evaluate(b_ks, structure=False, readings=_readings("indirect_control_joint=yes"))
    assert not any(
        b.kind == "open_reading" for b in yes.criterion("joint_control_participation").rests_on
    )


def test_representation_rests_on_the_reading_of_which_bodies_count(eval_a):
    rep = eval_a.criterion("joint_control_representation")
    assert rep.verdict == "satisfied"
    assert ("reading", "representation_bodies", "supreme_body") in {
        (b.kind, b.ref, b.link) for b in rep.rests_on
    }
    strict = evaluate(
        eval_a.model, structure=False, readings=_readings("representation_bodies=all_bodies")
    )
    # the study keeps owners off the board (002 §5.4.6): on the board the authorities are
    # represented only as the general meeting elects it, all of them together
    assert strict.criterion("joint_control_representation").verdict == "conditional"
    texts = " ".join(
        m.render(str) for m in strict.criterion("joint_control_representation").reasoning
    )
    assert "002 §5.4.6" in texts


def test_statsforetak_loses_the_kommuners_in_house_route():
    """002 §5.2.5: with the state as owner the kommuner cannot buy in-house. Decisive influence
    is tested for the participating authorities (the buyers), never satisfied by the ministry
    alone; with every contracting authority counted the ministry's votes would carry it."""
    m = load_model(VARIANTS / "statsforetak.yaml")
    ev = evaluate(m, structure=False)
    assert all(m.actors[a].kind != "state_body" for a in ev.authorities)
    assert ev.criterion("joint_control_influence").verdict == "not_satisfied"
    assert ev.criterion("in_house").verdict == "not_satisfied"
    assert any(
        b.ref == "participating_authorities"
        for b in ev.criterion("joint_control_influence").rests_on
    )
    every = evaluate(
        m, structure=False, readings=_readings("participating_authorities=all_authorities")
    )
    assert every.criterion("joint_control_influence").verdict == "satisfied"


def test_stiftelse_is_unsuitable():
    """002 §5.2.4: a stiftelse has no owners, so the kommuner cannot hold the control needed."""
    ev = evaluate(load_model(VARIANTS / "stiftelse.yaml"), structure=False)
    assert ev.criterion("joint_control_influence").verdict == "not_satisfied"
    assert ev.criterion("in_house").verdict == "not_satisfied"
    ranks, _ = _ranks([load_model(VARIANTS / "stiftelse.yaml"), load_model(A)])
    assert ranks["ownership_a"] < ranks["stiftelse"]


def test_iks_is_relatively_suitable_when_its_agreement_states_the_purpose():
    """002 §5.2.3: IKS «relativt egnet». With the selskapsavtale's purpose the in-house verdict
    is at worst conditional and IKS ranks with the safest; without a purpose it is unknown."""
    iks = VARIANTS / "iks.yaml"
    doc = """
- replace:
    documents:
      - id: selskapsavtale
        name: Selskapsavtale for DIF IKS
        kind: selskapsavtale
        adopted_by: representantskap.agreement_core
        source: "002 §5.2.3; IKS-loven § 4"
        clauses:
          participants: all_named
          adopted_by_each_council: true
          owners_restricted_to: [kommune, fylkeskommune]
          ks_may_participate: false
          non_commercial: true
          pricing: cost
          %s
"""
    with_purpose = changed(iks, doc % 'purpose: "felles digitale tjenester for deltakerne"')
    without = changed(iks, doc % "")
    ev = evaluate(with_purpose, structure=False)
    assert RANK[ev.criterion("in_house").verdict] <= RANK["conditional"]
    assert evaluate(without, structure=False).criterion("in_house").verdict == "unknown"
    ranks, _ = _ranks([with_purpose, load_model(B)])
    assert ranks["iks"] <= ranks["ownership_b"]


def test_direct_private_capital_excludes_in_house():
    private = evaluate(load_model(VARIANTS / "a_private.yaml"), structure=False)
    assert private.criterion("no_private_capital").verdict == "not_satisfied"
    assert private.criterion("in_house").verdict == "not_satisfied"
    assert evaluate(load_model(A), structure=False).criterion("in_house").verdict != (
        "not_satisfied"
    )


def test_ranking_reproduces_the_study_kommuner_only_a_b(a_ks, b_ks):
    """002 §5.3.1 («formelt tryggeste»), §5.6 and §7.1.1 (A «noe tryggere» than B)."""
    only = changed(KOMMUNER_ONLY, "[]")
    ranks, _ = _ranks([b_ks, a_ks, only])
    assert ranks["kommuner_only"] <= ranks["ownership_a"] < ranks["ownership_b"]
    assert ranks["kommuner_only"] == 1


def test_ranking_follows_a_reading(a_ks):
    """KS with a majority (002 §5.6) is as safe as A while KS is a contracting authority. Read
    KS as not one, and the variant still ties with A while the authorities' route through KS's
    own organs counts (indirect_control_joint=open: they steer KS's votes, periodically); rule
    that route out as well, and KS's majority is an outsider's that passes ordinary resolutions
    alone: the variant falls behind A."""
    majority = changed(VARIANTS / "a_ks_majority.yaml", KS_BY_READING, ks_unsettled=False)
    default, _ = _ranks([a_ks, majority])
    assert default["a_ks_majority"] <= default["ownership_a"]
    no, _ = _ranks([a_ks, majority], readings=_readings("ks_contracting_authority=no"))
    assert no["ownership_a"] == no["a_ks_majority"]
    no_route, _ = _ranks(
        [a_ks, majority],
        readings=_readings("ks_contracting_authority=no", "indirect_control_joint=no"),
    )
    assert no_route["ownership_a"] < no_route["a_ks_majority"]


def test_ranking_follows_an_input(a_ks, b_ks):
    """A private owner takes A to the bottom."""
    private_a = changed(
        A,
        """
- add:
    actors:
      - {id: investor, name: Privat investor AS, kind: private, contracting_authority: false, source: test}
- add_holding: {holder: investor, shares: 1000, source: test}
- set_holding: {holder: ks, shares: 32400, source: test}
""",
    )
    ranks, _ = _ranks([private_a, b_ks])
    assert ranks["ownership_b"] < ranks["ownership_a"]


def test_b_needs_its_compensating_mechanisms(b_ks):
    """002 sammendrag, §5.5: B needs compensating mechanisms. Without the representasjonsråd the
    smallest kommune reaches no strategic decision through a representative of its own, and B
    ranks below B with it."""
    without = changed(
        B, KS_BY_READING + "- remove: {organs: [representasjonsraad]}\n", ks_unsettled=False
    )
    with_ev = evaluate(b_ks, structure=False)
    without_ev = evaluate(without, structure=False)

    def own(ev):
        el = ev.criterion("joint_control_participation").element("decisions")
        return next(int(b.link) for b in el.rests_on if b.ref.startswith("own_route_decisions:"))

    assert own(with_ev) > 0 == own(without_ev)
    from govmodel.analysis.criteria.ranking import rank

    ranked = {r.model: r for r in rank([with_ev, dataclasses.replace(without_ev)])}
    # both are model B: tell them apart by position
    order = [r.profile.own_share for r in rank([with_ev, without_ev])]
    assert order[0] > order[1]
    assert len(ranked) == 1  # same model id


def test_reverse_in_house_single_control_b_not_joint_a(a_ks, b_ks):
    """§ 3-1 (3): DIF may buy from KS in-house under single control (B), not under joint
    control (A), where horizontal cooperation (§ 3-3) is the fallback."""
    b = evaluate(b_ks, structure=False).reverse
    a = evaluate(a_ks, structure=False).reverse
    assert b is not None and b.verdict == "satisfied"
    assert a is not None and a.verdict == "not_satisfied"
    assert any("§ 3-3" in s for s in a.sources)
    # KS not an authority: nobody controls B alone among the authorities
    b_no = evaluate(b_ks, structure=False, readings=_readings("ks_contracting_authority=no"))
    assert b_no.reverse is not None and b_no.reverse.verdict == "not_satisfied"


def test_case_law_is_cited_in_full():
    from govmodel.law.case_law import load_case_law

    cases = load_case_law()
    assert {"teckal", "stadt_halle", "coditel_brabant", "econord", "datenlotsen"} <= set(cases)
    assert cases["econord"].ecli == "ECLI:EU:C:2012:758"
    assert (
        "C-182/11" in cases["econord"].citation and "29 November 2012" in cases["econord"].citation
    )


def test_compare_json_has_the_ranking(capsys):
    import json

    from govmodel.cli import main

    rc = main(
        [
            "compare",
            str(A),
            str(B),
            str(KOMMUNER_ONLY),
            "--no-power",
            "--format",
            "json",
        ]
    )
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    ranking = data["ranking"]
    assert {r["model"] for r in ranking} == {"ownership_a", "ownership_b", "kommuner_only"}
    assert all(set(r) == {"model", "rank", "reason"} and r["reason"] for r in ranking)
    assert min(r["rank"] for r in ranking) == 1
