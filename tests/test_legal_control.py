"""Legal soundness of the control engine, the law data and the models (issue 14, control half).

Each test states a rule of company or procurement law, or a finding of the concept study (KS's
konseptutredning om organisering av KS digitale fellestjenester, versjon 1.0, 11.05.2022), and
shows that changing the input flips the result.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from pathlib import Path

import pytest
from model_changes import changed

from govmodel.analysis.control import ControlAnalysis, graded
from govmodel.errors import ModelError
from govmodel.graph import control_index
from govmodel.law import builtin_law, load_law
from govmodel.load import load_model
from govmodel.power.voting import Player, passes
from govmodel.yamlsafe import load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
A = MODELS / "ownership_a.yaml"
B = MODELS / "ownership_b.yaml"
AUTHORITIES = ["kommuner", "fylkeskommuner", "ks"]


def relation(model, rid):
    return next(r for r in model.relations if r.id == rid)


# --- link grades follow the legal form and terms (aksjeloven § 6-7, § 5-2 (2)) -----------------


def test_b_through_ks_organs_is_periodic_not_firm(model_b):
    """Elections inside KS (fylkesmøter → Landstinget → hovedstyret) are for a term: the
    kommuner pass B's general-meeting decisions at the periodic grade, never firm."""
    an = ControlAnalysis(model_b, ["kommuner", "fylkeskommuner"])
    for did in ("ordinary", "eierstrategi", "articles", "elect_board"):
        g = graded(an, "generalforsamling", did)
        assert g.force.possible and g.force.level == "periodic", did
        assert not an.force("generalforsamling", did, 0).possible  # not at the firm grade
    assert relation(model_b, "landsting_elects_hovedstyre").link == "periodic"
    assert relation(model_b, "landsting_elects_hovedstyre").recall == "term"


def test_b_grade_flips_to_firm_when_ks_elections_can_be_recalled(model_b):
    """The grade is derived from the terms: with a recall right at any time on every election
    inside KS, the same chain is firm."""
    rels = tuple(
        dataclasses.replace(r, link="firm") if r.link == "periodic" else r
        for r in model_b.relations
    )
    firm = dataclasses.replace(model_b, relations=rels)
    g = graded(
        ControlAnalysis(firm, ["kommuner", "fylkeskommuner"]), "generalforsamling", "ordinary"
    )
    assert g.force.level == "firm"


def test_an_as_board_elected_by_the_general_meeting_is_firm(model_a):
    r = relation(model_a, "gf_elects_board")
    assert r.recall == "any_time" and r.link == "firm"
    assert "§ 6-7" in (r.provenance.source or "")


@pytest.mark.parametrize(
    ("terms", "link"),
    [
        ("recall: any_time", "firm"),
        ("recall: term", "periodic"),
        ("{recall: term, instruction: true}", "firm"),
        ("{}", "periodic"),  # an organ outside the company: for a term unless shown otherwise
    ],
)
def test_election_grade_is_derived_from_recall_and_instruction(tmp_path, terms, link):
    """An election by an organ outside the company, with the given terms, through the loader."""
    text = (ROOT / "tests" / "data" / "small_model.yaml").read_text(encoding="utf-8")
    ext = dict(load_yaml_text("{" + terms.strip("{}") + "}", "<terms>") or {})
    extra = "".join(
        f", {k}: {str(v).lower() if isinstance(v, bool) else v}" for k, v in ext.items()
    )
    text = text.replace(
        "relations:\n",
        "relations:\n  - {id: probe, type: elects, from: probe_organ, decision: d,"
        f" to: probe_target{extra}, assumption: probe}}\n",
        1,
    )
    text = text.replace(
        "organs:\n",
        "organs:\n"
        "  - {id: probe_organ, name: P, kind: advisory_body, part_of: other, assumption: probe,"
        " seats: [{id: s, holder: alfa, assumption: probe}], decisions: [{id: d, name: D,"
        " rule: {unanimity: all}, assumption: probe}]}\n"
        "  - {id: probe_target, name: Q, kind: advisory_body, part_of: other, assumption: probe,"
        " seats: [{id: s, assumption: probe}]}\n",
        1,
    )
    p = tmp_path / "m.yaml"
    p.write_text(text, encoding="utf-8")
    assert relation(load_model(p), "probe").link == link


def test_terms_on_a_non_election_are_a_located_error(tmp_path):
    text = (ROOT / "tests" / "data" / "small_model.yaml").read_text(encoding="utf-8")
    m = load_model(ROOT / "tests" / "data" / "small_model.yaml")
    inst = next(r for r in m.relations if r.type != "elects")
    text = text.replace(
        "relations:\n",
        f"relations:\n  - {{id: bad, type: advises, from: {inst.source}, to: {inst.target},"
        " recall: term, assumption: x}\n",
        1,
    )
    p = tmp_path / "m.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ModelError, match="recall is a term of an election"):
        load_model(p)


def test_proxies_are_revocable_under_aksjeloven_5_2_2(model_b):
    r = relation(model_b, "ks_proxy_styreleder")
    assert r.link == "revocable"
    src = r.provenance.source or ""
    assert "§ 5-2 (2)" in src and "§ 5-2 (3)" not in src
    proxies = load_model(MODELS / "variants" / "a_proxies.yaml")
    assert all(x.link == "revocable" for x in proxies.relations if x.type == "proxy")
    # a proxy the model declares irrevocable is contractual, not revocable
    m = changed(
        B,
        """
- replace:
    relations:
      - {id: ks_proxy_styreleder, type: proxy, from: ks, to: styreleder_ks, revocable: false, assumption: x}
""",
    )
    assert relation(m, "ks_proxy_styreleder").link == "contractual"


# --- safeguards never count against the authorities (002 §5.4.6, §5.4.8) -----------------------


def _levels(model, members, organ="generalforsamling"):
    an = ControlAnalysis(model, members)
    out = {}
    for d in model.organs[organ].decisions:
        g = graded(an, organ, d.id)
        out[d.id] = g.force.level if g.force.possible else None
    return out


RANK = {"firm": 0, "contractual": 1, "periodic": 2, "revocable": 3, None: 9}


def test_removing_or_weakening_the_eierraad_never_improves_the_authorities(model_a):
    base = _levels(model_a, AUTHORITIES)
    assert base["eierstrategi"] == "firm" and base["oppdragsdokument"] == "firm"
    advisory = changed(
        A,
        """
- replace:
    relations:
      - {id: eierraad_recommends_eierstrategi, type: recommends, from: eierraad, decision: recommend_eierstrategi, to: generalforsamling, to_decision: eierstrategi, strength: advisory, assumption: x}
      - {id: eierraad_recommends_oppdrag, type: recommends, from: eierraad, decision: recommend_eierstrategi, to: generalforsamling, to_decision: oppdragsdokument, strength: advisory, assumption: x}
""",
    )
    removed = changed(
        A,
        """
- remove:
    relations: [eierraad_recommends_eierstrategi, eierraad_recommends_oppdrag]
""",
    )
    for other in (advisory, removed):
        lv = _levels(other, AUTHORITIES)
        for did, level in lv.items():
            assert RANK[level] >= RANK[base[did]], did  # never better without the safeguard


def test_the_safeguard_still_binds_a_coalition_that_does_not_hold_it(model_a, model_b):
    """KS alone cannot adopt B's eierstrategi against the representasjonsråd; without the
    adopt-or-return duty it could (the safeguard works against KS, not against the members)."""
    out = ControlAnalysis(model_b, ["ks"]).force("generalforsamling", "eierstrategi")
    assert not out.possible and out.safeguards == ()
    held = ControlAnalysis(model_b, ["kommuner", "fylkeskommuner"]).force(
        "generalforsamling", "eierstrategi"
    )
    assert held.safeguards == ("representasjonsraad_recommends_eierstrategi",)
    no_rr = changed(B, "- remove: {relations: [representasjonsraad_recommends_eierstrategi]}\n")
    assert ControlAnalysis(no_rr, ["ks"]).force("generalforsamling", "eierstrategi").possible


def test_both_readings_of_the_eierraad_are_expressible(model_a):
    """§5.4.8 (adopt or return, the model's assumption) and §5.4.6 (binding, the variant)."""
    r = relation(model_a, "eierraad_recommends_eierstrategi")
    assert r.strength == "adopt_or_return" and "§5.4.6" in (r.provenance.assumption or "")
    binding = load_model(MODELS / "variants" / "a_eierraad_binding.yaml")
    rb = relation(binding, "eierraad_recommends_eierstrategi")
    assert rb.strength == "binding" and rb.link == "contractual"
    # bound to vote as the eierråd proposes: whoever controls the eierråd forces the decision,
    # at the grade of that control, even without a majority at the general meeting
    out = ControlAnalysis(binding, ["fylkesstyreledere"]).force("generalforsamling", "eierstrategi")
    assert out.possible
    assert (
        not ControlAnalysis(model_a, ["fylkesstyreledere"])
        .force("generalforsamling", "eierstrategi")
        .possible
    )


def test_criteria_do_not_count_a_held_safeguard_against_model_a(model_a):
    from govmodel.analysis.criteria import evaluate

    def decision_grades(m):
        ev = evaluate(m, structure=False)
        v = next(c for c in ev.criteria if c.id == "joint_control_influence")
        return {e.key: e.verdict for e in v.elements}

    base = decision_grades(model_a)
    assert base["generalforsamling.eierstrategi"] in ("satisfied", "satisfied_indirect")
    removed = changed(A, "- remove: {relations: [eierraad_recommends_eierstrategi]}\n")
    assert (
        decision_grades(removed)["generalforsamling.eierstrategi"]
        == base["generalforsamling.eierstrategi"]
    )


# --- company-law rules as the statute says (aksjeloven §§ 5-6, 5-18, 5-25) ----------------------


def test_extraordinary_meeting_is_a_written_demand_independent_of_attendance(model_a):
    fk = model_a.groups["fylkeskommuner"].members
    absent = dataclasses.replace(model_a, attendance={"generalforsamling": frozenset(fk)})
    an = ControlAnalysis(absent, ["fylkeskommuner"], chains=False)
    assert an.force("generalforsamling", "extraordinary_meeting").possible
    # an investigation is voted at the meeting over the capital represented: absent, they cannot
    assert not an.force("generalforsamling", "investigation").possible
    present = ControlAnalysis(model_a, ["fylkeskommuner"], chains=False)
    assert present.force("generalforsamling", "investigation").possible


@pytest.mark.parametrize(("fk_shares", "can"), [(10000, True), (9999, False)])
def test_one_tenth_of_the_share_capital_is_the_statutory_threshold(fk_shares, can):
    m = changed(
        A,
        f"""
- set_holding: {{group: fylkeskommuner, shares: {fk_shares}, allocate: population}}
- set_holding: {{group: kommuner, shares: {100000 - 33400 - fk_shares}, allocate: population}}
""",
    )
    an = ControlAnalysis(m, ["fylkeskommuner"], chains=False)
    assert an.force("generalforsamling", "extraordinary_meeting").possible is can
    assert an.force("generalforsamling", "investigation").possible is can


def test_minority_rights_have_no_blocking_side(model_a):
    an = ControlAnalysis(model_a, ["ks"])
    for did in ("extraordinary_meeting", "investigation"):
        b = an.block("generalforsamling", did)
        assert b.applicable is False and not b.possible
    assert an.block("generalforsamling", "articles").applicable is True


def test_abstention_is_not_absence_in_the_two_part_test_of_5_18():
    """A votes yes (60), B abstains (30), C votes no (10). Votes cast: 70, A has 6/7 ≥ 2/3; the
    capital represented counts the abstainer: 100, A has 60 < 2/3. If B is absent instead, the
    capital represented is 70 and the amendment passes."""
    rule = builtin_law().rules["aksjeloven/5-18"].rule
    ps = tuple(
        Player(pid, pid, Fraction(cap), cap, pid) for pid, cap in (("A", 60), ("B", 30), ("C", 10))
    )
    everyone = frozenset({"A", "B", "C"})
    assert not passes(rule, ps, frozenset({"A"}), everyone, frozenset({"B"}))
    assert passes(rule, ps, frozenset({"A"}), frozenset({"A", "C"}))
    # an ordinary resolution counts votes cast only: 40 for, 30 abstaining, 30 against passes;
    # with the 30 voting against instead of abstaining it fails
    ordinary = builtin_law().rules["aksjeloven/5-17"].rule
    ps2 = tuple(
        Player(pid, pid, Fraction(cap), cap, pid) for pid, cap in (("A", 40), ("B", 30), ("C", 30))
    )
    assert passes(ordinary, ps2, frozenset({"A"}), everyone, frozenset({"B"}))
    assert not passes(ordinary, ps2, frozenset({"A"}), everyone)


def test_a_scenario_can_say_present_but_abstaining_and_5_18_counts_it():
    """Model A: KS holds 33 400 of 100 000 shares. With KS absent, the kommuner and
    fylkeskommuner are the whole capital represented and amend the articles alone; with KS present
    but abstaining (a scenario's ``turnout: {abstain: [ks]}``) the capital represented still counts
    KS's 33,4 % and they hold 66,6 % < 2/3 (aksjeloven § 5-18 (1)): they cannot."""
    members = ["kommuner", "fylkeskommuner"]
    absent = changed(A, "- turnout: {organ: generalforsamling, absent: [ks]}\n")
    abstains = changed(A, "- turnout: {organ: generalforsamling, abstain: [ks]}\n")
    assert abstains.abstaining["generalforsamling"] == frozenset({"ks"})
    assert abstains.attendance.get("generalforsamling", frozenset()) == frozenset()
    can = ControlAnalysis(absent, members, chains=False).force("generalforsamling", "articles")
    cannot = ControlAnalysis(abstains, members, chains=False).force("generalforsamling", "articles")
    assert can.possible and not cannot.possible
    # an ordinary resolution counts votes cast only (§ 5-17): with the kommuner abstaining, KS's
    # 33 400 outvote the fylkeskommuner's 16 700; with the kommuner voting, they do not
    kommuner_abstain = changed(A, "- turnout: {organ: generalforsamling, abstain: [kommuner]}\n")
    ks_alone = ControlAnalysis(kommuner_abstain, ["ks"], chains=False)
    assert ks_alone.force("generalforsamling", "ordinary").possible
    assert (
        not ControlAnalysis(changed(A, "[]"), ["ks"], chains=False)
        .force("generalforsamling", "ordinary")
        .possible
    )


def test_absent_and_abstaining_at_once_is_a_located_error():
    with pytest.raises(ModelError, match="both absent and abstaining"):
        changed(
            A,
            "- turnout: {organ: generalforsamling, absent: [ks]}\n"
            "- turnout: {organ: generalforsamling, abstain: [ks]}\n",
        )


def test_ks_a_third_blocks_articles_amendment_and_flips_below(model_a):
    assert (
        ControlAnalysis(model_a, ["ks"], chains=False)
        .block("generalforsamling", "articles")
        .possible
    )
    m = changed(
        A,
        "- set_holding: {holder: ks, shares: 33333}\n- set_holding: {group: kommuner, shares: 49967, allocate: population}\n",
    )
    assert (
        not ControlAnalysis(m, ["ks"], chains=False).block("generalforsamling", "articles").possible
    )


# --- law data as dated, referenced, checked data ---------------------------------------------------


def test_every_rule_has_its_reference_and_in_force_date():
    law = builtin_law()
    for qid, r in law.rules.items():
        assert r.section and r.in_force is not None, qid
    assert law.rules["aksjeloven/5-6"].decided_at_meeting is False
    assert law.rules["aksjeloven/5-25"].decided_at_meeting is True
    assert law.rules["aksjeloven/5-6"].in_force.isoformat() == "1999-01-01"


def test_unknown_law_keys_are_located_errors(tmp_path):
    src = ROOT / "govmodel" / "law"
    (tmp_path / "forms").mkdir()
    for f in src.glob("*.yaml"):
        if f.name.startswith("readings"):
            continue
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    for f in (src / "forms").glob("*.yaml"):
        (tmp_path / "forms" / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    p = tmp_path / "aksjeloven.yaml"
    text = p.read_text(encoding="utf-8").replace(
        "    kind: minority_right\n", '    kind: minority_right\n    in_forse: "2000-01-01"\n', 1
    )
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ModelError) as exc:
        load_law(tmp_path)
    (problem,) = exc.value.problems
    assert "aksjeloven.yaml:" in str(problem) and "'in_forse'" in str(problem)
    assert "in_force" in problem.message


def test_the_studys_nine_tenths_is_still_checked_against_the_statute(model_a):
    from govmodel.analysis.criteria import evaluate

    ev = evaluate(model_a, structure=False)
    checks = [c for c in ev.statute_checks if "extraordinary_meeting" in str(c)]
    assert checks, ev.statute_checks


# --- decisions the strategic test needs, with the organ that takes each -------------------------


def test_strategic_decisions_are_there_with_their_organ_and_statute(model_a):
    gf = model_a.organs["generalforsamling"]
    for did, law in (
        ("capital_increase", "aksjeloven/10-1"),
        ("merger", "aksjeloven/13-3"),
        ("demerger", "aksjeloven/14-6"),
        ("annual_accounts", "aksjeloven/5-5"),
    ):
        d = gf.decision(did)
        assert d.law == law and d.strategic, did
    styre = model_a.organs["styre"]
    for did in ("budget", "portfolio", "hire_ceo"):
        assert styre.decision(did).strategic, did
    hire = next(r for r in model_a.relations if r.id == "board_hires_ceo")
    assert hire.source == "styre" and "§ 6-2" in (hire.provenance.source or "")
    # a capital increase needs the majority for an amendment: KS's third blocks it
    assert (
        ControlAnalysis(model_a, ["ks"], chains=False)
        .block("generalforsamling", "capital_increase")
        .possible
    )


# --- the graph is the engine's substrate ------------------------------------------------------------


def test_control_walks_the_graph_index_and_finds_cycles(model_a):
    idx = control_index(model_a)
    assert {r.id for r in idx.into["styre"]} >= {"gf_elects_board", "gf_instructs_board"}
    assert ("generalforsamling", "eierstrategi") in idx.recommendations
    assert idx.cycles == ()  # no cross-ownership in model A
    # two organs controlling each other form a strongly connected component
    r1 = dataclasses.replace(
        relation(model_a, "gf_elects_board"),
        id="board_elects_valgkomite",
        source="styre",
        target="valgkomite",
        decision="ordinary",
    )
    r2 = dataclasses.replace(
        relation(model_a, "gf_instructs_board"),
        id="valgkomite_instructs_board",
        source="valgkomite",
        target="styre",
        decision="propose_board",
    )
    looped = dataclasses.replace(model_a, relations=(*model_a.relations, r1, r2))
    cyc = control_index(looped).cycles
    assert frozenset({"styre", "valgkomite"}) in cyc
    # the engine still answers (a cycle gives no control) and agrees with the acyclic model on
    # what does not depend on the loop
    assert ControlAnalysis(looped, ["ks"]).block("generalforsamling", "articles").possible


# --- the models say what the study says --------------------------------------------------------


def test_models_cite_no_team_notes():
    for p in list(MODELS.rglob("*.yaml")) + list((ROOT / "govmodel" / "law").rglob("*.yaml")):
        assert "BRIEF" not in p.read_text(encoding="utf-8"), p


def test_articles_carry_the_studys_duties(model_a, model_b):
    for m in (model_a, model_b):
        clauses = m.documents["vedtekter"].clauses
        assert clauses["supports_ks_interest_politics"] is True  # §5.4.8, §5.5.3
        assert clauses["non_profit"] is True and clauses["non_commercial"] is True  # §5.2.7


def test_eierraad_composition_and_valgkomite(model_a):
    eierraad = model_a.organs["eierraad"]
    groups = eierraad.seat_groups()
    assert "ks_leder" in groups and "ks_nestleder" in groups
    assert "kan vurderes" in (eierraad.provenance.assumption or "")
    assert relation(model_a, "valgkomite_proposes_eierraad").target == "eierraad"


def test_sentralt_kdu_is_elected_by_kommunedirektorlandsmotet(model_a):
    into = [r for r in model_a.relations if r.target == "kdu_sentralt" and r.type == "elects"]
    assert [r.source for r in into] == ["kommunedirektorlandsmote"]
    assert "9.1" in (into[0].provenance.source or "")
    assert not any(r.id == "hovedstyre_appoints_kdu" for r in model_a.relations)


def test_ks_holding_tier_is_an_option_of_b():
    m = load_model(MODELS / "variants" / "b_ks_holding.yaml")
    assert m.company.holders() == ("ks_holding",)
    gf = m.organs["ks_holding_gf"]
    assert {s.holder for s in gf.seats} == set(m.groups["fylkesstyreledere"].members)
    g = graded(ControlAnalysis(m, ["kommuner", "fylkeskommuner"]), "generalforsamling", "ordinary")
    assert g.force.possible and g.force.level == "periodic"


def test_iks_variant_states_its_purpose():
    from govmodel.analysis.criteria import evaluate

    m = load_model(MODELS / "variants" / "iks.yaml")
    assert m.documents["selskapsavtale"].clauses["purpose"]
    ev = evaluate(m, structure=False)
    v = next(c for c in ev.criteria if c.id == "no_contrary_interests")
    assert v.verdict != "unknown"


def test_coalition_report_shows_no_blocking_side_for_minority_rights(run_cli):
    import json

    res = run_cli("coalition", A, "--members", "fylkeskommuner", "--organ", "generalforsamling")
    assert res.code == 0
    line = next(x for x in res.out.splitlines() if x.startswith("Investigation"))
    assert "not applicable (minority" in line
    js = run_cli(
        "coalition", A, "--members", "ks", "--organ", "generalforsamling", "--format", "json"
    )
    data = json.loads(js.out)
    rows = {r["decision"]: r for r in data["decisions"]}
    assert rows["extraordinary_meeting"]["block"]["applicable"] is False
    assert rows["articles"]["block"]["applicable"] is True
    assert "readings" in data


# --- the reach bound is only a shortcut ------------------------------------------------------------


class _Unbounded(ControlAnalysis):
    """The engine without its reachability bound: every player's chain is asked about."""

    def _reachable_players(self, organ):
        return None


def _all_outcomes(cls, model, coalition):
    an = cls(model, coalition)
    out = {}
    for o in model.organs.values():
        for d in o.decisions:
            for lv in range(4):
                f = an.force(o.id, d.id, lv)
                b = an.block(o.id, d.id, lv)
                out[(o.id, d.id, lv)] = (f.possible, f.level, b.possible, b.level)
    return out


@pytest.mark.parametrize(
    "path",
    [A, B, MODELS / "variants" / "a_proxies.yaml", MODELS / "variants" / "b_landsting.yaml"],
    ids=lambda p: p.stem,
)
def test_the_reach_bound_never_changes_an_answer(path):
    """ControlAnalysis skips players the coalition cannot reach along the graph's control edges;
    the answers must be those of asking about every player, for singletons and groups alike."""
    model = load_model(path)
    authorities = list(model.contracting_authorities())
    coalitions = [["ks"], ["kommuner"], ["fylkeskommuner"], ["kommuner", "fylkeskommuner"]]
    coalitions += [[authorities[i]] for i in (0, 1, len(authorities) // 2, -1)]
    coalitions = [c for c in coalitions if all(x in model.actors or x in model.groups for x in c)]
    assert len(coalitions) >= 6
    for c in coalitions:
        assert _all_outcomes(ControlAnalysis, model, c) == _all_outcomes(_Unbounded, model, c), c


class _Shortsighted(ControlAnalysis):
    """A wrong bound (the coalition reaches only itself), to show the comparison can fail."""

    def reach(self):
        return self.coalition


def test_the_reach_bound_can_fail():
    """A bound that forgets the chains (elections, instructions) changes the answers: the
    comparison above would catch it. The real bound cuts a single kommune off from the other
    fylker's fylkesmøter in B."""
    model = load_model(B)
    c = ["kommuner", "fylkeskommuner"]
    assert _all_outcomes(_Shortsighted, model, c) != _all_outcomes(ControlAnalysis, model, c)
    k = ControlAnalysis(model, ["k1111"])
    fylkesmoter = [o for o in model.organs if o.startswith("fylkesmote_")]
    assert sum(o in k.reach() for o in fylkesmoter) == 1


@pytest.mark.parametrize(
    "path", [A, B, MODELS / "variants" / "a_eierraad_binding.yaml"], ids=lambda p: p.stem
)
def test_cannot_force_is_never_a_wrong_no(path):
    """ControlAnalysis.cannot_force (the reach bound that only a binding recommendation
    disables) says no only where force() says no, for single authorities and groups; and it
    does say no somewhere, so the reverse in-house check is spared most full walks."""
    model = load_model(path)
    authorities = list(model.contracting_authorities())
    coalitions = [["ks"], ["kommuner"], ["kommuner", "fylkeskommuner"]]
    coalitions += [[authorities[i]] for i in (0, 1, len(authorities) // 2, -1)]
    coalitions = [c for c in coalitions if all(x in model.actors or x in model.groups for x in c)]
    said_no = 0
    for c in coalitions:
        an = ControlAnalysis(model, c)
        for o in model.organs.values():
            for d in o.decisions:
                if an.cannot_force(o.id, d.id):
                    said_no += 1
                    assert not an.force(o.id, d.id).possible, (c, o.id, d.id)
    assert said_no > 0


def test_cannot_force_gives_way_to_a_binding_recommendation():
    """The fylkesstyreledere hold no shares but fill 15 of the eierråd's 18 seats. Under
    adopt-or-return (model A) the eierråd cannot pass the eierstrategi for them: the bound
    rightly says no. Made binding (002 §5.4.6, variants/a_eierraad_binding.yaml) the eierråd's
    proposal carries the general meeting: the same vote bound would be a wrong no, and
    cannot_force stays silent."""
    for path, can in ((A, False), (MODELS / "variants" / "a_eierraad_binding.yaml", True)):
        model = load_model(path)
        leaders = [a for a in model.actors if a.startswith("fylkesstyreleder_")]
        an = ControlAnalysis(model, leaders)
        assert an.force("eierraad", "recommend_eierstrategi").possible
        assert an.force("generalforsamling", "eierstrategi").possible is can
        assert an.cannot_force("generalforsamling", "eierstrategi") is not can
