"""Loader unit tests: the built-in models, stable ids, exact allocation and thresholds,
provenance, for_each, includes, variants, scenarios, reference data and exit codes."""

from __future__ import annotations

import math
import re
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from govmodel.changes.values import OPS
from govmodel.errors import Loc, ModelError, Problem
from govmodel.load import RuleParser, load_model, parse_fraction
from govmodel.model import Model
from govmodel.population import load_population
from govmodel.power.voting import passes, players
from govmodel.rules import AllOf, Quota
from govmodel.yamlsafe import load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
MODEL_A = MODELS / "ownership_a.yaml"
MODEL_B = MODELS / "ownership_b.yaml"
SMALL = ROOT / "tests" / "data" / "small_model.yaml"


@pytest.fixture(scope="module")
def small() -> Model:
    return load_model(SMALL)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def scenario(tmp_path: Path, changes: str, name: str = "s.yaml") -> Path:
    body = textwrap.indent(textwrap.dedent(changes).strip(), "  ")
    return write(tmp_path / name, f"govmodel_scenario: 1\nname: test\nchanges:\n{body}\n")


def problems(exc: pytest.ExceptionInfo[ModelError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def shares(m: Model) -> dict[str, int]:
    out: dict[str, int] = {}
    for h in m.company.holdings:
        out[h.holder] = out.get(h.holder, 0) + h.shares
    return out


# ---------------------------------------------------------------------------------------------
# The built-in models and their stable ids


def all_model_files() -> list[Path]:
    return sorted(p for p in MODELS.rglob("*.yaml") if "govmodel_fragment" not in p.read_text())


@pytest.mark.parametrize("path", all_model_files(), ids=lambda p: str(p.relative_to(MODELS)))
def test_every_model_under_models_loads(path: Path) -> None:
    m = load_model(path)
    assert m.organs and m.actors


def test_builtin_models_check_with_exit_code_0(run_cli) -> None:
    r = run_cli("check", MODEL_A, MODEL_B)
    assert r.code == 0, r.err
    assert f"{MODEL_A}: ok" in r.out and f"{MODEL_B}: ok" in r.out
    assert r.err == ""


def test_stable_ids_model_a(model_a: Model) -> None:
    for oid in (
        "generalforsamling",
        "styre",
        "daglig_leder",
        "eierraad",
        "kommit_raadet",
        "valgkomite",
    ):
        assert oid in model_a.organs, oid
    gf = model_a.organs["generalforsamling"]
    for did in ("ordinary", "articles", "extraordinary_meeting", "investigation"):
        assert gf.has_decision(did), did
    for aid in ("ks", "k0301", "fk46"):
        assert aid in model_a.actors, aid
    assert model_a.actors["k0301"].name == "Oslo" and model_a.actors["k0301"].kind == "kommune"
    assert model_a.actors["fk46"].kind == "fylkeskommune"
    assert "fk03" not in model_a.actors  # Oslo kommune has the fylke duties
    assert "representasjonsraad" not in model_a.organs


def test_stable_ids_model_b(model_b: Model) -> None:
    for oid in (
        "generalforsamling",
        "styre",
        "daglig_leder",
        "representasjonsraad",
        "kommit_raadet",
        "valgkomite",
    ):
        assert oid in model_b.organs, oid
    assert "eierraad" not in model_b.organs
    gf = model_b.organs["generalforsamling"]
    for did in ("ordinary", "articles", "extraordinary_meeting", "investigation"):
        assert gf.has_decision(did)
    for aid in ("ks", "k0301", "fk46"):
        assert aid in model_b.actors
    assert shares(model_b) == {"ks": 100000}


def test_model_a_holdings_sum_exactly(model_a: Model) -> None:
    c = model_a.company
    assert c.share_capital == 100000
    assert sum(h.shares for h in c.holdings) == 100000
    assert c.shares_of("ks") == 33400
    by_block: dict[str | None, int] = {}
    for h in c.holdings:
        by_block[h.block] = by_block.get(h.block, 0) + h.shares
    assert by_block == {None: 33400, "kommuner": 49900, "fylkeskommuner": 16700}
    assert len([h for h in c.holdings if h.block == "kommuner"]) == 357
    assert len([h for h in c.holdings if h.block == "fylkeskommuner"]) == 14


def test_population_allocation_is_largest_remainder(model_a: Model) -> None:
    """Each kommune gets the floor or the ceiling of its exact quota, and the block is exact."""
    pop = load_population()
    total = sum(k.population for k in pop.kommuner)
    got = {h.holder: h.shares for h in model_a.company.holdings if h.block == "kommuner"}
    quotas = {f"k{k.nr}": Fraction(49900 * k.population, total) for k in pop.kommuner}
    for aid, q in quotas.items():
        assert math.floor(q) <= got[aid] <= math.ceil(q), aid
    # exactly (49900 - sum of floors) kommuner are rounded up, and they have the largest remainders
    up = {a for a, q in quotas.items() if got[a] > math.floor(q)}
    assert len(up) == 49900 - sum(math.floor(q) for q in quotas.values())
    smallest_up = min(quotas[a] - math.floor(quotas[a]) for a in up)
    assert all(quotas[a] - math.floor(quotas[a]) <= smallest_up for a in quotas if a not in up)
    assert got["k0301"] == 6453  # Oslo: 49900 × 709 037 / 5 550 203 = 6374.5…, rounded by LR


def test_equal_allocation_gives_139_or_140(tmp_path: Path) -> None:
    s = scenario(tmp_path, "- set_holding: {group: kommuner, shares: 49900, allocate: equal}")
    m = load_model(MODEL_A, scenario=s)
    k = [h.shares for h in m.company.holdings if h.block == "kommuner"]
    assert len(k) == 357 and sum(k) == 49900
    assert set(k) == {139, 140}
    assert k.count(140) == 49900 - 357 * 139 == 277
    # ties go by id: the 277 lowest kommunenummer get the extra share
    ids = sorted(h.holder for h in m.company.holdings if h.block == "kommuner")
    got = {h.holder: h.shares for h in m.company.holdings}
    assert all(got[a] == 140 for a in ids[:277]) and all(got[a] == 139 for a in ids[277:])
    assert m.company.shares_of("ks") == 33400


def test_digifin_weights_kommuner_20_and_fylkeskommuner_5(tmp_path: Path) -> None:
    """One block over KS's members (kommuner and fylkeskommuner): NOK 20 resp. 5 per inhabitant."""
    s = scenario(
        tmp_path,
        """
        - remove_holding: kommuner
        - remove_holding: fylkeskommuner
        - add_holding: {group: medlemmer, shares: 66600, allocate: digifin, source: test}
        """,
    )
    m = load_model(MODEL_A, scenario=s)
    got = {h.holder: h.shares for h in m.company.holdings if h.block == "medlemmer"}
    pop = load_population()
    weight = {f"k{k.nr}": 20 * k.population for k in pop.kommuner}
    weight |= {f"fk{f.nr}": 5 * f.population for f in pop.fylker if f.has_fylkeskommune}
    assert set(got) == set(weight) and len(got) == 357 + 14
    assert sum(got.values()) == 66600
    whole = sum(weight.values())
    for aid, w in weight.items():
        q = Fraction(66600 * w, whole)
        assert math.floor(q) <= got[aid] <= math.ceil(q), aid
    # Bergen kommune and Vestland fylkeskommune: per inhabitant the kommune gets 4 times as much
    bergen = pop.kommune("4601").population
    vestland = pop.fylke("46").population
    k_rate = Fraction(got["k4601"], bergen)
    f_rate = Fraction(got["fk46"], vestland)
    assert abs(k_rate / f_rate - 4) < Fraction(1, 100)
    # and the kommuner together get 20 Pk / (20 Pk + 5 Pf) of the block, to within rounding
    pk = sum(k.population for k in pop.kommuner)
    pf = sum(f.population for f in pop.fylker if f.has_fylkeskommune)
    k_total = sum(v for a, v in got.items() if a.startswith("k"))
    assert abs(k_total - Fraction(66600 * 20 * pk, 20 * pk + 5 * pf)) < 357


# ---------------------------------------------------------------------------------------------
# Thresholds and rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"2/3"', Fraction(2, 3)),
        ("0.1", Fraction(1, 10)),
        ("0.3", Fraction(3, 10)),
        ('"33.4%"', Fraction(167, 500)),
        ("1", Fraction(1)),
        ("'9/10'", Fraction(9, 10)),
        ('"50 %"', Fraction(1, 2)),
    ],
)
def test_thresholds_parse_exactly_from_the_yaml_text(text: str, expected: Fraction) -> None:
    tree = load_yaml_text(f"rule: {{quota: {{base: votes_cast, at_least: {text}}}}}\n", "t.yaml")
    errs: list[Problem] = []
    rule = RuleParser(errs, {}).parse(tree["rule"], tree.at("rule"))
    assert errs == []
    assert rule == Quota("votes_cast", expected, strict=False)
    assert type(rule.fraction) is Fraction


@pytest.mark.parametrize(
    "rule",
    [
        "{quota: {base: votes_cast, at_least: 0}}",
        '{quota: {base: seats, at_least: "0%"}}',
        "{count: {at_least: 0}}",
        '{all: [{count: {at_least: 1}}, {quota: {base: votes_cast, at_least: "0/3"}}]}',
    ],
)
def test_a_threshold_every_coalition_meets_is_refused(rule: str) -> None:
    """``at least 0`` is met by a coalition of nobody; before, one path clamped the quota to 1
    and another used 0. It is refused, located; ``more_than: 0`` (any yes vote) is fine."""
    tree = load_yaml_text(f"rule: {rule}\n", "t.yaml")
    errs: list[Problem] = []
    assert RuleParser(errs, {}).parse(tree["rule"], tree.at("rule")) is None
    assert any("lets a coalition of nobody pass" in e.message for e in errs), errs
    assert all(e.loc.line == 1 and e.loc.col > 1 for e in errs)
    ok = load_yaml_text("rule: {quota: {base: votes_cast, more_than: 0}}\n", "t.yaml")
    errs = []
    assert RuleParser(errs, {}).parse(ok["rule"], ok.at("rule")) == Quota(
        "votes_cast", Fraction(0), True
    )


def test_decimal_is_read_from_text_not_float() -> None:
    # the float 0.1 is 3602879701896397/36028797018963968; the text "0.1" is exactly 1/10
    errs: list[Problem] = []
    assert parse_fraction(0.1, "0.1", Loc("t"), errs, "x") == Fraction(1, 10)
    assert Fraction(0.1) != Fraction(1, 10)
    assert errs == []


@pytest.mark.parametrize("bad", ['"2/0"', "abc", "1.5", '"150%"', "-0.1", "true", ".nan", "[1]"])
def test_bad_thresholds_are_located_problems(bad: str) -> None:
    tree = load_yaml_text(f"rule:\n  quota: {{base: votes_cast, more_than: {bad}}}\n", "t.yaml")
    errs: list[Problem] = []
    assert RuleParser(errs, {}).parse(tree["rule"], tree.at("rule")) is None
    assert len(errs) == 1
    assert errs[0].loc.file == "t.yaml" and errs[0].loc.line == 2 and errs[0].loc.col == 40


def test_more_than_half_differs_from_at_least_half() -> None:
    errs: list[Problem] = []
    parser = RuleParser(errs, {})
    tree = load_yaml_text(
        "a: {quota: {base: votes_cast, more_than: 1/2}}\n"
        "b: {quota: {base: votes_cast, at_least: 1/2}}\n",
        "t.yaml",
    )
    more = parser.parse(tree["a"], tree.at("a"))
    least = parser.parse(tree["b"], tree.at("b"))
    assert errs == []
    assert more == Quota("votes_cast", Fraction(1, 2), True)
    assert least == Quota("votes_cast", Fraction(1, 2), False)
    assert more != least
    assert more.describe() == "more than 1/2 of the votes cast"
    assert least.describe() == "at least 1/2 of the votes cast"


def test_more_than_and_at_least_differ_at_the_boundary(small: Model) -> None:
    """With exactly half of the votes cast, 'at least 1/2' passes and 'more than 1/2' does not."""
    ps = players(small, "eierraad")  # 5 kommune seats with 1 vote, the council's seat with 2
    assert sum(p.votes for p in ps) == 7
    present = frozenset(p.id for p in ps) - {"eierraad.epsilon"}  # 6 votes cast
    yes = frozenset(["eierraad.regionraad", "eierraad.alfa"])  # 3 votes
    assert passes(Quota("votes_cast", Fraction(1, 2), False), ps, yes, present)
    assert not passes(Quota("votes_cast", Fraction(1, 2), True), ps, yes, present)
    assert passes(Quota("votes_cast", Fraction(1, 2), True), ps, yes | {"eierraad.beta"}, present)


def test_rules_from_the_law_and_from_the_model(model_a: Model, small: Model) -> None:
    gf = model_a.organs["generalforsamling"]
    assert gf.decision("ordinary").rule == Quota("votes_cast", Fraction(1, 2), True)
    assert gf.decision("articles").rule == AllOf(
        (
            Quota("votes_cast", Fraction(2, 3), False),
            Quota("capital_represented", Fraction(2, 3), False),
        )
    )
    assert gf.decision("extraordinary_meeting").rule == Quota(
        "total_capital", Fraction(1, 10), False
    )
    assert gf.decision("investigation").rule == Quota("capital_represented", Fraction(1, 10), False)
    # the study's "9/10" is kept as a cited rule beside the statute's 1/10
    (cited,) = gf.decision("extraordinary_meeting").cited
    assert cited.source == "002 §5.4.6"
    assert cited.rule == Quota("total_capital", Fraction(9, 10), False)
    # a model rule combining the law with its own clause
    art = small.organs["generalforsamling"].decision("articles")
    assert isinstance(art.rule, AllOf) and len(art.rule.rules) == 2
    assert art.rule.rules[0] == gf.decision("articles").rule


# ---------------------------------------------------------------------------------------------
# Provenance


def test_decision_from_the_law_shows_its_statute_section(model_a: Model, model_b: Model) -> None:
    ordinary = model_a.organs["generalforsamling"].decision("ordinary")
    assert ordinary.law == "aksjeloven/5-17"
    assert ordinary.provenance.source == "aksjeloven § 5-17 (1)"
    assert ordinary.provenance.loc.file.endswith("govmodel/law/forms/as.yaml")
    # a model decision that only says {law: ...} takes the section from the law data
    em = model_b.organs["generalforsamling"].decision("extraordinary_meeting")
    assert em.law == "aksjeloven/5-6"
    assert em.provenance.source == "aksjeloven § 5-6 (2)"
    assert em.provenance.loc.file == str(MODEL_B) and em.provenance.loc.line > 0


def test_source_assumption_and_document_are_kept(small: Model) -> None:
    ks = small.company.blocks[0]
    assert ks.holder == "regionraad"
    assert ks.provenance.source == "example"
    assert ks.provenance.assumption == "a blocking third for the council"
    assert ks.provenance.is_assumption
    rec = next(r for r in small.relations if r.id == "eierraad_recommends")
    assert rec.provenance.document == "aksjonaeravtale"
    assert rec.link == "contractual"  # document kind aksjonaeravtale
    member = next(s for s in small.organs["styre"].seats if s.group == "member")
    assert member.provenance.source is None
    assert member.provenance.assumption == "three board members in all"
    assert member.provenance.loc == Loc(str(SMALL), 78, 9)


def test_show_lists_assumptions_and_sources(run_cli) -> None:
    r = run_cli("show", SMALL)
    assert r.code == 0, r.err
    assumptions = r.out.split("Assumptions made in the model:", 1)[1]
    assert "seats: seats in Board: three board members in all" in assumptions
    assert (
        "actor: Regionrådet: whether the council is itself a contracting authority" in assumptions
    )
    assert "source: aksjeloven § 5-17 (1)" in r.out


def test_show_model_a_lists_an_assumption(run_cli) -> None:
    r = run_cli("show", MODEL_A)
    assert r.code == 0, r.err
    assert "Assumptions made in the model:" in r.out
    assert "the kommuner's block is divided per capita" in r.out


# ---------------------------------------------------------------------------------------------
# for_each, includes, variants


def test_for_each_fylke_expands_entries(model_a: Model) -> None:
    pop = load_population()
    fylker = [f.nr for f in pop.fylker]
    assert len(fylker) == 15
    # actors and organs from the fragment, one per fylke, with {nr} and {name} substituted
    for nr in fylker:
        assert f"fylkesstyreleder_{nr}" in model_a.actors
        assert f"fylkesmote_{nr}" in model_a.organs
        assert model_a.organs[f"fylkesmote_{nr}"].fylke == nr
    assert model_a.actors["fylkesstyreleder_46"].name == "Fylkesstyreleder Vestland"
    # seats per fylke in the eierråd: KS's leader plus one fylkesstyreleder each
    seats = [s.id for s in model_a.organs["eierraad"].seats]
    # KS's two nestledere joined the eierråd (002 §5.4.6: leder og nestledere for KS)
    assert seats == ["eierraad.ks_leder", "eierraad.ks_nestleder#1", "eierraad.ks_nestleder#2"] + [
        f"eierraad.fsl_{nr}" for nr in fylker
    ]
    holder = {s.id: s.holder for s in model_a.organs["eierraad"].seats}
    assert holder["eierraad.fsl_46"] == "fylkesstyreleder_46"
    # selected groups per fylke
    members = model_a.groups["medlemmer_46"].members
    assert "k4601" in members and "fk46" in members and "k0301" not in members
    # a {total, by: population} seat count is apportioned across the fylker exactly
    delegates = [s for s in model_a.organs["landsting"].seats]
    assert len(delegates) == 200
    by_fylke = {nr: sum(1 for s in delegates if s.group == f"delegates_{nr}") for nr in fylker}
    assert by_fylke["03"] > by_fylke["56"] > 0


def test_for_each_fylkeskommune_skips_oslo(tmp_path: Path) -> None:
    s = scenario(
        tmp_path,
        """
        - add:
            actors:
              - {id: "fk_rep_{nr}", for_each: fylkeskommune, name: "Rep {name}", kind: person, source: t}
        """,
    )
    m = load_model(MODEL_A, scenario=s)
    reps = [a for a in m.actors if a.startswith("fk_rep_")]
    assert len(reps) == 14 and "fk_rep_03" not in reps and m.actors["fk_rep_46"].fylke == "46"


def test_includes_put_fragment_entries_first(model_a: Model, tmp_path: Path) -> None:
    ks = model_a.actors["ks"]
    assert ks.provenance.loc.file.endswith("models/common/ks_organisation.yaml")
    frag = write(
        tmp_path / "parts" / "people.yaml",
        """
        govmodel_fragment: 1
        actors:
          - {id: fra_fragment, kind: person, source: t}
        """,
    )
    model = write(
        tmp_path / "m.yaml",
        """
        govmodel: 1
        id: inc
        source: t
        include: [parts/people.yaml]
        actors:
          - {id: ks, kind: association, source: t}
        company: {id: c, share_capital: 1, source: t, holdings: [{holder: ks, shares: 1, source: t}]}
        organs:
          - {id: styre, seats: [{id: leder, source: t}]}
        """,
    )
    m = load_model(model)
    assert list(m.actors) == ["fra_fragment", "ks"]
    assert m.actors["fra_fragment"].provenance.loc == Loc(str(frag), 3, 5)


def test_variant_base_and_changes(tmp_path: Path) -> None:
    v = write(
        tmp_path / "v.yaml",
        f"""
        govmodel: 1
        id: a_ks_half
        name: KS with half
        source: "test"
        base: {MODEL_A}
        changes:
          - set_holding: {{holder: ks, shares: 50000}}
          - set_holding: {{group: kommuner, shares: 33300}}
        """,
    )
    m = load_model(v)
    assert m.id == "a_ks_half" and m.name == "KS with half"
    assert m.variant_of == "ownership_a"
    assert m.company.shares_of("ks") == 50000
    assert sum(h.shares for h in m.company.holdings if h.block == "kommuner") == 33300
    assert m.provenance.source == "test"
    # the base's organs and includes are kept
    assert "eierraad" in m.organs and "fylkesmote_46" in m.organs


def test_variant_problems_point_at_the_variant(tmp_path: Path) -> None:
    v = write(
        tmp_path / "v.yaml",
        f"""
        govmodel: 1
        id: broken
        base: {MODEL_A}
        changes:
          - set_holding: {{holder: ks, shares: 50000}}
        """,
    )
    with pytest.raises(ModelError) as exc:
        load_model(v)
    (p,) = exc.value.problems
    assert "holdings sum to 116600 shares" in p.message
    # the sum is the base's company; the change that broke it is in the variant
    assert p.loc.file == str(MODEL_A)


# ---------------------------------------------------------------------------------------------
# Scenario operations


def test_scenario_set_holding_and_share_capital(small: Model, tmp_path: Path) -> None:
    s = scenario(
        tmp_path,
        """
        - share_capital: 1100
        - set_holding: {holder: regionraad, shares: 440}
        """,
    )
    m = load_model(SMALL, scenario=s)
    assert m.scenario == "test"
    assert m.company.share_capital == 1100
    assert shares(m)["regionraad"] == 440 and shares(small)["regionraad"] == 340


def test_scenario_owner_leaves_holder(tmp_path: Path) -> None:
    m = load_model(SMALL, scenario=scenario(tmp_path, "- owner_leaves: regionraad"))
    assert m.company.share_capital == 660
    assert "regionraad" not in m.company.holders()
    assert shares(m) == {a: 132 for a in ("alfa", "beta", "gamma", "delta", "epsilon")}


def test_scenario_owner_leaves_group_member(tmp_path: Path) -> None:
    m = load_model(SMALL, scenario=scenario(tmp_path, "- owner_leaves: alfa"))
    assert m.company.share_capital == 1000
    assert shares(m) == {"regionraad": 340, "beta": 165, "gamma": 165, "delta": 165, "epsilon": 165}


def test_scenario_owner_leaves_kommune_in_model_a(model_a: Model, tmp_path: Path) -> None:
    m = load_model(MODEL_A, scenario=scenario(tmp_path, "- owner_leaves: k0301"))
    assert "k0301" not in m.company.holders() and "k0301" in model_a.company.holders()
    assert len(m.company.holders()) == len(model_a.company.holders()) - 1 == 371
    assert sum(h.shares for h in m.company.holdings if h.block == "kommuner") == 49900
    assert sum(h.shares for h in m.company.holdings if h.block == "fylkeskommuner") == 16700


def test_scenario_revoke_proxies(small: Model, tmp_path: Path) -> None:
    assert [r.id for r in small.relations if r.type == "proxy"] == ["epsilon_proxy"]
    for spec in ("all", "[epsilon]", "[epsilon_proxy]"):
        m = load_model(SMALL, scenario=scenario(tmp_path, f"- revoke_proxies: {spec}"))
        assert not [r for r in m.relations if r.type == "proxy"], spec
    with pytest.raises(ModelError) as exc:
        load_model(SMALL, scenario=scenario(tmp_path, "- revoke_proxies: [alfa]"))
    assert "no proxy relation matches" in problems(exc)[0]


def test_scenario_turnout(small: Model, tmp_path: Path) -> None:
    assert small.attendance == {"generalforsamling": frozenset({"delta"})}
    m = load_model(
        SMALL,
        scenario=scenario(
            tmp_path,
            """
            - turnout: {organ: eierraad, absent: [eierraad.alfa, eierraad.beta]}
            - turnout: {organ: generalforsamling, group: eierkommuner, fraction: "3/5", order: smallest_first}
            """,
        ),
    )
    assert m.attendance["eierraad"] == {"eierraad.alfa", "eierraad.beta"}
    # equal holdings: ties by id, smallest first = alfa, beta, delta present (ceil(3/5 × 5) = 3);
    # gamma and epsilon stay away, and the model's own entry keeps delta away
    assert m.attendance["generalforsamling"] == {"delta", "gamma", "epsilon"}


def test_scenario_set_rule(tmp_path: Path) -> None:
    s = scenario(
        tmp_path,
        """
        - set_rule:
            organ: eierraad
            decision: recommend
            rule: {quota: {base: votes_cast, at_least: "2/3"}}
        """,
    )
    m = load_model(SMALL, scenario=s)
    d = m.organs["eierraad"].decision("recommend")
    assert d.rule == Quota("votes_cast", Fraction(2, 3), False)
    assert d.provenance.assumption == "changed by a scenario"
    assert d.provenance.loc.file == str(s)
    assert d.name == "Innstille eierstrategi" and d.strategic  # other fields kept


def test_scenario_remove(small: Model, tmp_path: Path) -> None:
    s = scenario(tmp_path, "- remove: {organs: [eierraad], relations: [epsilon_proxy]}")
    m = load_model(SMALL, scenario=s)
    assert "eierraad" not in m.organs
    # relations to and from a removed organ go with it
    ids = {r.id for r in m.relations}
    assert "eierraad_recommends" not in ids and "epsilon_proxy" not in ids
    assert "eierraad_recommends" in {r.id for r in small.relations}


def test_scenario_problems_are_located_in_the_scenario(tmp_path: Path, run_cli) -> None:
    s = scenario(tmp_path, "- set_holdings: {holder: regionraad, shares: 440}")
    r = run_cli("check", SMALL, "--scenario", s)
    assert r.code == 2
    assert f"{s}:4:5: unknown change 'set_holdings'; did you mean 'set_holding'?" in r.err


# ---------------------------------------------------------------------------------------------
# Exit codes


def test_exit_code_2_for_invalid_input(run_cli, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "govmodel: 1\nid: x\n")
    for cmd in ("check", "show"):
        r = run_cli(cmd, bad)
        assert r.code == 2, cmd
        assert f"{bad}:" in r.err and "Traceback" not in r.err


def test_exit_code_1_for_internal_errors(capsys: pytest.CaptureFixture[str]) -> None:
    # what the CLI does with an error it does not expect (a bug): one line and exit 1, the
    # traceback only with --debug; the command is the one main() would run for these words
    from govmodel.cli import build_parser, run_command

    def boom(args) -> int:
        raise RuntimeError(f"simulated failure in {args.command} of {len(args.models)} model")

    assert run_command(boom, build_parser().parse_args(["check", str(SMALL)])) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "govmodel: internal error: RuntimeError: simulated failure in check of 1 model "
        "(run with --debug for details)"
    ]
    assert run_command(boom, build_parser().parse_args(["--debug", "check", str(SMALL)])) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "RuntimeError: simulated failure in check of 1 model" in err
    # the same command without the fault: its own exit code, nothing on standard error
    assert run_command(lambda args: 0, build_parser().parse_args(["check", str(SMALL)])) == 0
    assert capsys.readouterr().err == ""


def test_exit_code_0_and_summary(run_cli) -> None:
    r = run_cli("check", SMALL)
    assert r.code == 0
    assert r.out.strip() == (
        f"{SMALL}: ok — Felles IT AS: fem kommuner og regionrådet: 4 organs, 7 actors, "
        "6 owners, 14 relations"
    )


# ---------------------------------------------------------------------------------------------
# Reference data


POPULATION_MODEL = """
    govmodel: 1
    id: own_population
    source: t
    population: {pop}
    groups:
      - {{id: kommuner, generate: kommuner, source: t}}
      - {{id: fylkeskommuner, generate: fylkeskommuner, source: t}}
    company:
      id: c
      share_capital: 1000
      source: t
      holdings:
        - {{group: kommuner, shares: 900, allocate: population, source: t}}
        - {{group: fylkeskommuner, shares: 100, allocate: population, source: t}}
    organs:
      - {{id: styre, seats: [{{id: leder, source: t}}]}}
    """


def test_another_population_file_is_accepted(tmp_path: Path) -> None:
    write(
        tmp_path / "pop.csv",
        """
        kommunenummer,kommune,fylkesnummer,fylke,folketall
        9901,Nordby,99,Testfylke,3000
        9902,Sørby,99,Testfylke,1000
        9801,Vestby,98,Annetfylke,4000
        """,
    )
    m = load_model(write(tmp_path / "m.yaml", POPULATION_MODEL.format(pop="pop.csv")))
    assert m.population_source == str(tmp_path / "pop.csv")
    assert set(m.groups["kommuner"].members) == {"k9901", "k9902", "k9801"}
    assert set(m.groups["fylkeskommuner"].members) == {"fk98", "fk99"}
    assert m.actors["k9902"].name == "Sørby" and m.actors["k9902"].population == 1000
    assert m.actors["fk99"].population == 4000 and m.actors["fk99"].fylke == "99"
    assert shares(m) == {"k9901": 338, "k9902": 112, "k9801": 450, "fk98": 50, "fk99": 50}


@pytest.mark.parametrize(
    ("csv", "line", "message"),
    [
        (
            "kommunenummer,kommune,fylke,folketall\n9901,A,X,1\n",
            1,
            "missing column(s) fylkesnummer",
        ),
        ("kommunenummer,kommune,fylkesnummer,fylke,folketall\n9901,A,99,X,many\n", 2, "folketall"),
        (
            "kommunenummer,kommune,fylkesnummer,fylke,folketall\n9901,A,99,X,1\n9901,B,99,X,2\n",
            3,
            "kommunenummer 9901 appears twice",
        ),
        ("kommunenummer,kommune,fylkesnummer,fylke,folketall\n9901,A,9,X,1\n", 2, "fylkesnummer"),
        ("kommunenummer,kommune,fylkesnummer,fylke,folketall\n", 1, "no kommuner in data file"),
        # blank lines do not shift the reported line
        (
            "kommunenummer,kommune,fylkesnummer,fylke,folketall\n9901,A,99,X,1\n\n9902,B,9,X,1\n",
            4,
            "fylkesnummer '9'",
        ),
        (
            'kommunenummer,kommune,fylkesnummer,fylke,folketall\n9901,A,99,X,1\n9902,"'
            + "x" * 200_000
            + '",99,X,1\n',
            3,
            "not a valid CSV file: field larger than field limit",
        ),
    ],
)
def test_bad_population_file_gives_a_located_error(
    tmp_path: Path, csv: str, line: int, message: str
) -> None:
    (tmp_path / "pop.csv").write_text(csv, encoding="utf-8")
    model = write(tmp_path / "m.yaml", POPULATION_MODEL.format(pop="pop.csv"))
    with pytest.raises(ModelError) as exc:
        load_model(model)
    (p,) = exc.value.problems
    assert p.loc == Loc(str(model), 4, 13)  # the 'population:' value
    assert f"{tmp_path / 'pop.csv'}:{line}: " in p.message
    assert message in p.message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_population_file_that_never_ends_is_refused(tmp_path: Path) -> None:
    model = write(tmp_path / "m.yaml", POPULATION_MODEL.format(pop="/dev/zero"))
    with pytest.raises(ModelError) as exc:
        load_model(model)
    assert "is a character device; expected a CSV data file" in problems(exc)[0]


def test_population_of_zero_is_a_located_error_not_a_crash(tmp_path: Path) -> None:
    write(
        tmp_path / "pop.csv",
        "kommunenummer,kommune,fylkesnummer,fylke,folketall\n9901,A,99,X,0\n9902,B,99,X,0\n",
    )
    model = write(tmp_path / "m.yaml", POPULATION_MODEL.format(pop="pop.csv"))
    with pytest.raises(ModelError) as exc:
        load_model(model)
    msgs = problems(exc)
    assert any(":13:" in m and "population is 0 in total; use 'equal'" in m for m in msgs), msgs


# ---------------------------------------------------------------------------------------------
# The worked example of docs/model-format.md


def test_doc_worked_example_is_the_tested_small_model() -> None:
    doc = (ROOT / "docs" / "model-format.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- small_model\.yaml -->\s*```yaml\n(.*?)```", doc, re.S)
    assert m, "docs/model-format.md has no worked example marked <!-- small_model.yaml -->"
    assert m.group(1) == SMALL.read_text(encoding="utf-8")


def doc_yaml_blocks() -> list[str]:
    doc = (ROOT / "docs" / "model-format.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", doc, re.S)


def doc_scenarios() -> list[str]:
    return [b for b in doc_yaml_blocks() if b.startswith("govmodel_scenario: 1")]


def test_the_doc_has_an_example_of_every_change_operation() -> None:
    text = "\n".join(doc_scenarios())
    variant = next(b for b in doc_yaml_blocks() if "\nbase: " in b)
    for op in OPS:
        assert f"- {op}:" in text + variant, op


@pytest.mark.parametrize("block", doc_scenarios(), ids=lambda b: b.split("\n")[1][6:40])
def test_doc_scenario_examples_apply_to_the_small_model(block: str, tmp_path: Path) -> None:
    f = tmp_path / "doc_scenario.yaml"
    f.write_text(block, encoding="utf-8")
    m = load_model(SMALL, scenario=f)
    assert m.scenario == block.split("\n")[1].removeprefix("name: ")


def test_doc_scenario_results(tmp_path: Path) -> None:
    """The numbers the guide states for its scenario examples."""
    (holdings,) = [b for b in doc_scenarios() if "Alfa leaves" in b]
    f = write(tmp_path / "s.yaml", holdings)
    assert shares(load_model(SMALL, scenario=f)) == {
        "regionraad": 340,
        "gamma": 220,
        "delta": 220,
        "epsilon": 220,
    }


def test_doc_variant_example_is_valid(tmp_path: Path) -> None:
    (variant,) = [b for b in doc_yaml_blocks() if "\nbase: ../ownership_a.yaml" in b]
    (tmp_path / "variants").mkdir()
    f = tmp_path / "variants" / "v.yaml"
    f.write_text(variant.replace("../ownership_a.yaml", str(MODEL_A)), encoding="utf-8")
    m = load_model(f)
    assert m.company.shares_of("ks") == 67000 and m.variant_of == "ownership_a"


def test_small_model_contents(small: Model) -> None:
    assert small.id == "felles_it"
    assert shares(small) == {
        "regionraad": 340,
        "alfa": 132,
        "beta": 132,
        "gamma": 132,
        "delta": 132,
        "epsilon": 132,
    }
    assert len(players(small, "eierraad")) == 6
    assert small.warnings == ()
    assert [a.year for a in small.activity] == [2022, 2023, 2024]
    links = {r.id: r.link for r in small.relations}
    assert links["epsilon_proxy"] == "revocable"
    assert links["gf_elects_board"] == "firm"
    assert links["secretariat_for_regionraad_eierraad"] == "advisory"


def test_nested_includes(tmp_path: Path) -> None:
    """A fragment may include other fragments (its entries come after theirs)."""
    write(
        tmp_path / "inner.yaml",
        "govmodel_fragment: 1\nactors: [{id: inner, kind: person, source: t}]\n",
    )
    write(
        tmp_path / "outer.yaml",
        "govmodel_fragment: 1\ninclude: [inner.yaml]\nactors: [{id: outer, kind: person, source: t}]\n",
    )
    model = write(
        tmp_path / "m.yaml",
        """
        govmodel: 1
        id: nested
        source: t
        include: [outer.yaml]
        actors: [{id: ks, kind: association, source: t}]
        company: {id: c, share_capital: 1, source: t, holdings: [{holder: ks, shares: 1, source: t}]}
        organs: [{id: styre, seats: [{id: leder, source: t}]}]
        """,
    )
    assert list(load_model(model).actors) == ["inner", "outer", "ks"]


def test_removing_a_template_organ_removes_its_template_relations(tmp_path: Path) -> None:
    m = load_model(SMALL, scenario=scenario(tmp_path, "- remove: {organs: [daglig_leder]}"))
    assert "daglig_leder" not in m.organs
    assert not [r for r in m.relations if "daglig_leder" in (r.source, r.target)]
    assert {r.id for r in m.relations} >= {"gf_elects_board", "gf_instructs_board"}


def test_an_element_without_a_name_is_a_located_warning(tmp_path: Path) -> None:
    """Without ``name:`` a group's (or actor's) id stands in for its name in every report, so
    the loader says so, at the entry; with a name, nothing."""
    text = SMALL.read_text(encoding="utf-8")
    named = "  - id: eierkommuner\n    name: Eierkommunene\n"
    assert named in text
    f = tmp_path / "unnamed.yaml"
    f.write_text(text.replace(named, "  - id: eierkommuner\n"), encoding="utf-8")
    m = load_model(f)
    [w] = m.warnings
    assert "group eierkommuner has no 'name:'" in w.message and "eierkommuner" in w.message
    assert w.loc.line == text[: text.index(named)].count("\n") + 1
    assert m.name_of("eierkommuner") == "eierkommuner"  # what a reader would have seen
    assert load_model(SMALL).warnings == ()
