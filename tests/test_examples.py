"""The example models (models/examples/): each checked against an independent reference.

- UN Security Council: enumeration of all 2^15 coalitions here, and the closed forms of the
  textbook values (an elected member is pivotal only as the ninth yes after all five permanent
  members and three of the other nine elected: Shapley–Shubik C(9,3)·8!·6!/15! = 4/2145 ≈ 0.001865,
  a permanent member (1 − 10·4/2145)/5 = 421/2145 ≈ 0.1963; Banzhaf swing counts C(9,3) = 84 and
  Σ_{k≥4} C(10,k) = 848, normalised 0.0165 and 0.1669). The method is that of L. S. Shapley and
  M. Shubik, "A Method for Evaluating the Distribution of Power in a Committee System", American
  Political Science Review 48 (3), 1954, pp. 787–792, who analysed the council of eleven members
  of the time; the fifteen-member values are the standard example of D. S. Felsenthal and
  M. Machover, The Measurement of Voting Power, Edward Elgar, Cheltenham 1998.
- Council of the EU (double majority): a dynamic programme over (members, population) written
  here, independent of the engine's exact algorithms.
- Vigo IKS (fylkeskommuner, one vote each): enumeration of all 2^15 coalitions.
- The Swedish shared-service AB (SKR → SKR Företag AB → the company, 21 regions and 290
  municipalities from the CSV tables, an owners' council): the tables read with the csv module,
  the control chains, and the closed form of an equal council's Banzhaf count.
- The Danish company wholly owned by KL: a sole owner is a dictator.

Each test also changes an input and shows the result change, so it can fail.
"""

from __future__ import annotations

import csv
from fractions import Fraction
from math import comb, factorial
from pathlib import Path

import pytest

from govmodel.analysis.control import ControlAnalysis
from govmodel.analysis.criteria import evaluate_criteria
from govmodel.load import load_model
from govmodel.power.decision import decision_power

EXAMPLES = Path(__file__).resolve().parent.parent / "models" / "examples"
CHECKED = {"unsc", "eu_council", "vigo_iks", "se_shared_service", "dk_kombit"}


def edited(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    """A copy of an example (with its data files) with text replaced; each edit must apply."""
    for f in EXAMPLES.glob("*.csv"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def enumerate_indices(n: int, wins) -> tuple[list[int], list[Fraction]]:
    """Banzhaf swing counts and Shapley–Shubik values by visiting every coalition (bitmasks)."""
    swings = [0] * n
    ss = [Fraction(0)] * n
    weight = [Fraction(factorial(k) * factorial(n - k - 1), factorial(n)) for k in range(n)]
    win = [wins(mask) for mask in range(1 << n)]
    for mask in range(1 << n):
        if win[mask]:
            continue
        k = bin(mask).count("1")
        for i in range(n):
            bit = 1 << i
            if not mask & bit and win[mask | bit]:
                swings[i] += 1
                ss[i] += weight[k]
    return swings, ss


def test_every_example_loads_and_has_a_reference_test() -> None:
    ids = set()
    for p in sorted(EXAMPLES.glob("*.yaml")):
        ids.add(load_model(p).id)
    assert ids == CHECKED


# -- UN Security Council ------------------------------------------------------------------------


def test_unsc_matches_enumeration_and_the_published_values() -> None:
    m = load_model(EXAMPLES / "unsc.yaml")
    assert not m.has_company and m.organs["council"].function == "supreme"
    dp = decision_power(m, "council", "substantive")
    r = dp.result
    assert r.exact
    ids = [p.holder for p in dp.players]
    permanent = {i for i, a in enumerate(ids) if a in m.groups["permanent"].members}
    assert len(permanent) == 5 and len(ids) == 15
    pmask = sum(1 << i for i in permanent)

    swings, ss = enumerate_indices(15, lambda s: bin(s).count("1") >= 9 and s & pmask == pmask)
    assert list(r.swings) == swings
    assert list(r.shapley_shubik) == ss
    # the closed forms (module docstring), computed here rather than copied
    ss_elected = Fraction(comb(9, 3) * factorial(8) * factorial(6), factorial(15))
    assert ss_elected == Fraction(4, 2145)
    assert (1 - 10 * ss_elected) / 5 == Fraction(421, 2145)
    assert comb(9, 3) == 84 and sum(comb(10, k) for k in range(4, 11)) == 848
    for i in range(15):
        if i in permanent:
            assert r.shapley_shubik[i] == Fraction(421, 2145)
            assert round(float(r.shapley_shubik[i]), 4) == 0.1963
            assert r.swings[i] == 848 and round(float(r.banzhaf[i]), 4) == 0.1669
        else:
            assert r.shapley_shubik[i] == Fraction(4, 2145)
            assert round(float(r.shapley_shubik[i]), 6) == 0.001865
            assert r.swings[i] == 84 and round(float(r.banzhaf[i]), 4) == 0.0165


def test_unsc_without_the_veto_every_member_is_equal() -> None:
    m = load_model(EXAMPLES / "unsc.yaml")
    r = decision_power(m, "council", "procedural").result
    swings, ss = enumerate_indices(15, lambda s: bin(s).count("1") >= 9)
    assert list(r.swings) == swings and set(r.shapley_shubik) == {Fraction(1, 15)}


def test_a_model_without_a_company_has_no_company_noise(tmp_path: Path) -> None:
    m = load_model(EXAMPLES / "unsc.yaml")
    assert m.warnings == ()  # no AS template: no "casting vote but no chair"
    assert m.company.holdings == () and m.organs.keys() == {"council"}
    # a China-only coalition blocks a substantive decision (its veto) but cannot pass one
    an = ControlAnalysis(m, ["china"])
    assert an.block("council", "substantive").possible
    assert not an.block("council", "procedural").possible


# -- Council of the EU: double majority ----------------------------------------------------------


def dp_reference(pops: list[int], i: int, members: int, share: Fraction, all_but: int):
    """Banzhaf swings and Shapley–Shubik value of player ``i`` by a dynamic programme over
    (number of members, population) of the coalitions of the others: a coalition wins with at
    least ``members`` members holding at least ``share`` of the population, or with at least
    ``all_but`` members."""
    import numpy as np

    n = len(pops)
    total = sum(pops)
    q = -(-share.numerator * total // share.denominator)  # at least share × total: ceil
    cap = q  # populations at or above the quota behave alike
    table = np.zeros((n, cap + 1), dtype=np.int64)
    table[0, 0] = 1
    for j, p in enumerate(pops):
        if j == i:
            continue
        for k in range(n - 1, 0, -1):  # larger coalitions first: each player joins once
            row, prev = table[k], table[k - 1]
            row[cap] += prev[max(cap - p, 0) :].sum()  # at or above the quota: saturate
            if p <= cap:
                row[p:cap] += prev[: cap - p]

    swings = 0
    ss = Fraction(0)
    w = np.arange(cap + 1)
    after = np.minimum(w + pops[i], cap)
    for k in range(n):
        lose = ~((k >= members) & (w >= q)) & (k < all_but)
        win = ((k + 1 >= members) & (after >= q)) | (k + 1 >= all_but)
        count = int(table[k][lose & win].sum())
        swings += count
        ss += Fraction(count * factorial(k) * factorial(n - k - 1), factorial(n))
    return swings, ss


def test_eu_council_matches_a_dynamic_programme_over_members_and_population(
    tmp_path: Path,
) -> None:
    m = load_model(EXAMPLES / "eu_council.yaml")
    dp = decision_power(m, "council", "qualified_majority")
    r = dp.result
    assert r.exact and sum(r.shapley_shubik) == 1
    pops = [int(p.votes) for p in dp.players]
    ids = [p.holder for p in dp.players]
    assert len(pops) == 27
    for who in ("de", "se", "mt"):  # the largest, a middle and the smallest member
        i = ids.index(who)
        swings, ss = dp_reference(pops, i, 15, Fraction(65, 100), 24)
        assert r.swings[i] == swings and r.shapley_shubik[i] == ss, who
    # the blocking-minority clause matters: without it the indices change, and the reference
    # follows the change
    p = edited(tmp_path, "eu_council.yaml", ("            - {count: {at_least: 24}}\n", ""))
    r2 = decision_power(load_model(p), "council", "qualified_majority").result
    i = ids.index("mt")
    swings, ss = dp_reference(pops, i, 15, Fraction(65, 100), 28)  # 28: never
    assert r2.swings[i] == swings and r2.shapley_shubik[i] == ss
    assert r2.swings[i] != r.swings[i]


# -- Vigo IKS: the fylkeskommuner, one vote each --------------------------------------------------


def test_vigo_iks_one_vote_each_matches_enumeration(tmp_path: Path) -> None:
    m = load_model(EXAMPLES / "vigo_iks.yaml")
    assert len(m.company.holders()) == 15
    dp = decision_power(m, "representantskap", "ordinary")
    swings, ss = enumerate_indices(15, lambda s: 2 * bin(s).count("1") > 15)
    assert list(dp.result.swings) == swings == [comb(14, 7)] * 15
    assert list(dp.result.shapley_shubik) == ss
    # the eierandeler follow the population (SSB 2024), independently of the engine
    fylker = {
        r["fylkesnummer"]: int(r["folketall"])
        for r in csv.DictReader(
            (EXAMPLES.parent.parent / "govmodel" / "data" / "fylker-2024.csv").open(
                encoding="utf-8"
            )
        )
    }
    assert (
        m.company.shares_of("fk46") == fylker["46"] and m.company.shares_of("oslo") == fylker["03"]
    )
    # votes that follow the eierandel instead (no 'votes: 1'): the weighted game, enumerated
    p = edited(tmp_path, "vigo_iks.yaml", (", votes: 1", ""))
    dp2 = decision_power(load_model(p), "representantskap", "ordinary")
    w = [p.capital for p in dp2.players]
    total = sum(w)
    swings2, ss2 = enumerate_indices(
        15, lambda s: 2 * sum(w[i] for i in range(15) if s >> i & 1) > total
    )
    assert list(dp2.result.swings) == swings2 and list(dp2.result.shapley_shubik) == ss2
    assert swings2 != swings


def test_vigo_iks_agreement_core_needs_every_participant() -> None:
    m = load_model(EXAMPLES / "vigo_iks.yaml")
    assert ControlAnalysis(m, ["fk56"]).block("representantskap", "agreement_core").possible
    assert not ControlAnalysis(m, ["fk56"]).block("representantskap", "ordinary").possible


# -- the Swedish shared-service AB ---------------------------------------------------------------


def test_swedish_members_come_from_the_csv_tables() -> None:
    m = load_model(EXAMPLES / "se_shared_service.yaml")
    rows = list(csv.DictReader((EXAMPLES / "se_municipalities.csv").open(encoding="utf-8")))
    regions = list(csv.DictReader((EXAMPLES / "se_regions.csv").open(encoding="utf-8")))
    assert len(rows) == 290 and len(regions) == 21
    assert [m.actors[r["id"]].name for r in rows] == [r["name"] for r in rows]
    assert m.groups["kommuner"].members == tuple(r["id"] for r in rows)
    assert m.groups["regioner"].members == tuple(r["id"] for r in regions)
    # every municipality's county is one of the 21 regions
    assert {r["region"] for r in rows} == {r["region"] for r in regions}
    assert len(m.company.holders()) == 1 + 21 + 290


@pytest.fixture(scope="module")
def sweden():
    return load_model(EXAMPLES / "se_shared_service.yaml")


def test_swedish_association_controls_through_its_holding_company(sweden) -> None:
    out = ControlAnalysis(sweden, ["skr"]).force("generalforsamling", "ordinary")
    assert out.possible and out.level == "firm"
    assert any(s.target == "skr_foretag" and s.type == "instructs" for s in out.rests_on)


def test_swedish_b_holders_dominate_by_the_owners_council_only(sweden, tmp_path: Path) -> None:
    b = ControlAnalysis(sweden, ["b_aksjonaerer"]).force("generalforsamling", "ordinary")
    assert b.possible and b.level == "contractual"
    # the municipalities alone hold 290 of the 311 seats of the owners' council; the regions 21
    assert ControlAnalysis(sweden, ["kommuner"]).force("agarrad", "decide").possible
    assert not ControlAnalysis(sweden, ["regioner"]).force("agarrad", "decide").possible
    # without the agreement's binding recommendations the B holders' 49 % cannot pass it
    p = edited(tmp_path, "se_shared_service.yaml", ("strength: binding", "strength: advisory"))
    m2 = load_model(p)
    assert (
        not ControlAnalysis(m2, ["b_aksjonaerer"]).force("generalforsamling", "ordinary").possible
    )


def test_swedish_owners_council_is_equal_by_the_closed_form(sweden) -> None:
    r = decision_power(sweden, "agarrad", "decide").result
    assert r.exact and len(r.swings) == 311
    # more than half of 311 is 156: a member swings when exactly 155 of the other 310 vote yes
    assert set(r.swings) == {comb(310, 155)}
    assert set(r.shapley_shubik) == {Fraction(1, 311)}


def test_swedish_capital_is_public_through_the_association(sweden, tmp_path: Path) -> None:
    crit, *_ = evaluate_criteria(sweden, facts=False)
    assert next(v for v in crit if v.id == "no_private_capital").verdict == "satisfied_indirect"
    # a private co-owner of the holding company is private capital in the chain
    p = edited(
        tmp_path,
        "se_shared_service.yaml",
        (
            "  - id: skr_foretag\n",
            "  - {id: investor, name: Investor AB, kind: private, assumption: what-if}\n"
            "  - id: skr_foretag\n",
        ),
        (
            "    owners:\n      - holder: skr\n        shares: 1000\n",
            "    owners:\n      - {holder: investor, shares: 10, assumption: what-if}\n"
            "      - holder: skr\n        shares: 1000\n",
        ),
    )
    crit2, *_ = evaluate_criteria(load_model(p), facts=False)
    assert next(v for v in crit2 if v.id == "no_private_capital").verdict == "not_satisfied"


# -- the Danish company wholly owned by KL -----------------------------------------------------


def test_danish_sole_owner_decides_everything(tmp_path: Path) -> None:
    m = load_model(EXAMPLES / "dk_kombit.yaml")
    an = ControlAnalysis(m, ["kl"])
    decisions = [d.id for d in m.organs["generalforsamling"].decisions]
    # with one player every rule is passed by it alone: a dictator (enumeration of 2^1)
    assert all(an.force("generalforsamling", d).possible for d in decisions)
    crit, *_ = evaluate_criteria(m, facts=False)
    assert {v.id for v in crit} >= {"control_single", "no_private_capital"}
    assert next(v for v in crit if v.id == "no_private_capital").verdict == "satisfied"
    # a private minority owner: private capital, and KL no longer passes what needs everyone
    p = edited(
        tmp_path,
        "dk_kombit.yaml",
        (
            "    - {holder: kl, shares: 1000,",
            "    - {holder: investor, shares: 100, assumption: what-if}\n    - {holder: kl, shares: 900,",
        ),
        (
            "actors:\n",
            "actors:\n  - {id: investor, name: Investor A/S, kind: private, assumption: what-if}\n",
        ),
    )
    m2 = load_model(p)
    crit2, *_ = evaluate_criteria(m2, facts=False)
    assert next(v for v in crit2 if v.id == "no_private_capital").verdict == "not_satisfied"
    assert not ControlAnalysis(m2, ["kl"]).force("generalforsamling", "articles_unanimous").possible


def test_without_a_company_the_criteria_say_not_applicable_in_both_languages() -> None:
    from govmodel.analysis.criteria.evaluate import NO_COMPANY, evaluate
    from govmodel.report.evaluation import evaluation_doc
    from govmodel.report.writers import render_text as render

    m = load_model(EXAMPLES / "unsc.yaml")
    crit, summary, na, _ = evaluate_criteria(m, facts=False)
    assert crit == () and summary == ()
    assert na and all(reason.text == NO_COMPANY for _, reason in na)
    ev = evaluate(m)
    en = " ".join(render(evaluation_doc(ev, "en"), "text").split())
    nb = " ".join(render(evaluation_doc(ev, "nb"), "text").split())
    assert "has no company" in en and "har ikke noe selskap" in nb
    # the council's members by name, never by seat id, in the rule and in who can block
    assert "approval of China (Security Council)" in en and "council.china" not in en
    assert "samtykke fra Kina (Sikkerhetsrådet)" in nb and "council.china" not in nb
    # the same council inside a company: the criteria apply again
    assert evaluate_criteria(load_model(EXAMPLES / "dk_kombit.yaml"), facts=False)[0]


def test_eu_council_blocking_minority_needs_four_members() -> None:
    # TEU art. 16 (4): a blocking minority must include at least four Council members
    m = load_model(EXAMPLES / "eu_council.yaml")

    def blocks(*who: str) -> bool:
        return ControlAnalysis(m, who).block("council", "qualified_majority").possible

    assert not blocks("de", "fr", "it")  # 47 % of the population, but three members
    assert blocks("de", "fr", "it", "mt")  # a fourth member, however small
    assert blocks("mt", "lu", "cy", "ee", "lv", "si", "lt", "hr", "ie", "sk", "fi", "dk", "bg")
    assert not blocks("mt", "lu", "cy", "ee", "lv", "si", "lt", "hr", "ie", "sk", "fi", "dk")


def test_report_titles_sources_and_apportioning_of_the_examples() -> None:
    """A body without a company is titled by what the report answers (the in-house criteria do
    not apply); a treaty is cited by its name in the report's language with its article; an
    equal split of a group's block (no population in the tables) is stated with its assumption,
    and Norwegian population data are cited only where an authority's population comes from
    them."""
    from govmodel.analysis.criteria.evaluate import evaluate
    from govmodel.report.citations import cite, resolve
    from govmodel.report.evaluation import evaluation_doc
    from govmodel.report.writers import render_text as render

    def report(path: Path, lang: str) -> str:
        return " ".join(render(evaluation_doc(evaluate(load_model(path)), lang), "md").split())

    (un,) = resolve("UN Charter art. 27 (3)")
    assert cite(un, "en") == "UN Charter art. 27 (3)" and cite(un, "nb") == "FN-pakten art. 27 (3)"
    (asl,) = resolve("aksjeloven § 5-17")  # a Norwegian statute keeps its Norwegian name
    assert cite(asl, "en") == "aksjeloven § 5-17" == cite(asl, "nb")

    en = report(EXAMPLES / "unsc.yaml", "en")
    assert en.startswith("# Who can pass and who can block: UN Security Council")
    assert "Utvidet egenregi" not in en and "FN-pakten" not in en
    nb = report(EXAMPLES / "unsc.yaml", "nb")
    assert nb.startswith("# Hvem kan vedta og hvem kan blokkere: FNs sikkerhetsråd")
    # with a company the title names the criterion
    assert report(EXAMPLES / "dk_kombit.yaml", "en").startswith("# Utvidet egenregi: ")

    # a body's own figures: the report says where they come from (the model's source and
    # assumption), in the report's language
    eu = report(EXAMPLES / "eu_council.yaml", "en")
    assert "The model rests on: TEU art. 16 (4); assumption: populations in thousands" in eu
    assert "approximately Eurostat on 1 January 2023" in eu
    assert "Modellen bygger på: TEU art. 16 (4)" in report(EXAMPLES / "eu_council.yaml", "nb")

    se = report(EXAMPLES / "se_shared_service.yaml", "en")
    assert "The municipalities: 24,500 shares divided equally among the members" in se
    assert "the member tables have no population" in se
    assert "Statistics Norway" not in se
    # the built-in population data, where the shares follow it: stated and cited
    a = report(EXAMPLES.parent / "ownership_a.yaml", "en")
    assert "49,900 shares divided in proportion to population" in a
    assert "Statistics Norway" in a
