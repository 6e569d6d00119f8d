"""The built-in models and their variants (models/, models/variants/).

Every file must pass ``govmodel check``; every variant must differ from its base in the way its
description claims (002 §5.2–§5.6), with concrete numbers so that a changed file fails here.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.load import load_model
from govmodel.model import Model

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
MODEL_FILES = sorted(MODELS.glob("*.yaml")) + sorted((MODELS / "variants").glob("*.yaml"))

VARIANTS = {
    "a_ks67",
    "a_ks_majority",
    "a_proxies",
    "a_private",
    "kommuner_only",
    "b_landsting",
    "b_fylkesstyreledere",
    "iks",
    "samvirke",
    "stiftelse",
    "statsforetak",
    "inera_like",
}
N_KOMMUNER = 357
N_FYLKESKOMMUNER = 14  # 15 fylker; Oslo kommune carries the fylkeskommune duties
FYLKER = ("03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56")


@cache
def model(name: str) -> Model:
    path = MODELS / f"{name}.yaml"
    if not path.is_file():
        path = MODELS / "variants" / f"{name}.yaml"
    return load_model(path)


def shares(m: Model, holder: str) -> int:
    return m.company.shares_of(holder)


def block(m: Model, group: str) -> int:
    return sum(b.shares for b in m.company.blocks if b.holder == group)


def holder_kinds(m: Model) -> Counter[str]:
    return Counter(m.actors[h].kind for h in m.company.holders())


# -- every file passes the checker ------------------------------------------------------------


def test_all_variants_present() -> None:
    found = {p.stem for p in (MODELS / "variants").glob("*.yaml")}
    assert found >= VARIANTS


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: str(p.relative_to(MODELS)))
def test_govmodel_check_passes(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(path)]) == 0, capsys.readouterr().err
    assert ": ok — " in capsys.readouterr().out


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_no_warnings_and_lowercase_ids(path: Path) -> None:
    m = load_model(path)
    assert m.warnings == ()
    for ident in [*m.actors, *m.organs, *(r.id for r in m.relations), *m.documents]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", ident), ident


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_readme_lists_every_model(path: Path) -> None:
    readme = (MODELS / "README.md").read_text(encoding="utf-8")
    assert f"| `{path.relative_to(MODELS).as_posix()}` |" in readme


@pytest.mark.parametrize(
    "name, base",
    [
        ("a_ks67", "ownership_a"),
        ("a_ks_majority", "ownership_a"),
        ("a_proxies", "ownership_a"),
        ("a_private", "ownership_a"),
        ("kommuner_only", "ownership_a"),
        ("inera_like", "ownership_a"),
        ("b_landsting", "ownership_b"),
        ("b_fylkesstyreledere", "ownership_b"),
    ],
)
def test_overlays_name_their_base(name: str, base: str) -> None:
    m = model(name)
    assert m.variant_of == base
    assert m.id == name
    assert m.provenance.source and m.provenance.source.startswith("002 §5.")


# -- stable ids ------------------------------------------------------------------------------

AS_VARIANTS = sorted(
    {"a_ks67", "a_ks_majority", "a_proxies", "a_private", "kommuner_only", "inera_like"}
    | {"b_landsting", "b_fylkesstyreledere"}
)


@pytest.mark.parametrize("name", AS_VARIANTS)
def test_as_variants_keep_the_stable_ids(name: str) -> None:
    m = model(name)
    assert m.company.form == "AS"
    for oid in ("generalforsamling", "styre", "daglig_leder", "kommit_raadet", "valgkomite"):
        assert oid in m.organs, oid
    gf = m.organs["generalforsamling"]
    assert gf.shareholders
    for did in ("ordinary", "articles", "extraordinary_meeting", "investigation"):
        assert gf.has_decision(did), did
    if name.startswith("b_"):
        assert "representasjonsraad" in m.organs and "eierraad" not in m.organs
    elif name != "inera_like":
        assert "eierraad" in m.organs and "representasjonsraad" not in m.organs


@pytest.mark.parametrize(
    "name, form, supreme",
    [
        ("iks", "IKS", "representantskap"),
        ("samvirke", "SA", "aarsmote"),
        ("statsforetak", "SF", "foretaksmote"),
    ],
)
def test_form_variants_have_the_forms_supreme_organ(name: str, form: str, supreme: str) -> None:
    m = model(name)
    assert m.company.form == form
    assert m.organs[supreme].shareholders
    assert "generalforsamling" not in m.organs
    assert {"styre", "daglig_leder"} <= set(m.organs)


# -- model A variants --------------------------------------------------------------------------


def test_base_a_split() -> None:
    a = model("ownership_a")
    assert (shares(a, "ks"), block(a, "kommuner"), block(a, "fylkeskommuner")) == (
        33400,
        49900,
        16700,
    )


def test_a_ks67() -> None:
    m = model("a_ks67")
    assert m.company.share_capital == 100000
    assert shares(m, "ks") == 67000
    assert block(m, "kommuner") == 23000
    assert block(m, "fylkeskommuner") == 10000
    assert sum(h.shares for h in m.company.holdings) == 100000
    # 67 % is at least 2/3: KS alone meets both tests of aksjeloven § 5-18 at full turnout
    assert 3 * shares(m, "ks") >= 2 * m.company.share_capital
    assert len(m.company.holders()) == 1 + N_KOMMUNER + N_FYLKESKOMMUNER
    assert set(m.organs) == set(model("ownership_a").organs)


def test_a_ks_majority() -> None:
    m = model("a_ks_majority")
    assert shares(m, "ks") == 50100
    assert block(m, "kommuner") == 39900
    assert block(m, "fylkeskommuner") == 10000
    assert 2 * shares(m, "ks") > m.company.share_capital
    assert 3 * shares(m, "ks") < 2 * m.company.share_capital  # no 2/3 alone


def test_a_proxies() -> None:
    m = model("a_proxies")
    proxies = m.relations_of("proxy")
    assert len(proxies) == N_KOMMUNER + N_FYLKESKOMMUNER == 371
    assert model("ownership_a").relations_of("proxy") == ()
    givers = Counter(r.source for r in proxies)
    assert set(givers.values()) == {1}
    owners = {h for h in m.company.holders() if m.actors[h].kind in ("kommune", "fylkeskommune")}
    assert set(givers) == owners
    assert "ks" not in givers
    for r in proxies:
        giver = m.actors[r.source]
        assert r.target == f"fylkesstyreleder_{giver.fylke}"
        assert r.revocable is True
        assert r.link == "revocable"
        assert r.provenance.document == "aksjonaeravtale"
        assert r.basis and "aksjeloven § 5-2" in r.basis
        assert r.provenance.source and "§5.4.3" in r.provenance.source
    by_target = Counter(r.target for r in proxies)
    assert set(by_target) == {f"fylkesstyreleder_{nr}" for nr in FYLKER}
    assert by_target["fylkesstyreleder_03"] == 1  # Oslo: one kommune, no fylkeskommune
    assert by_target["fylkesstyreleder_46"] == 43 + 1  # Vestland: 43 kommuner + fylkeskommunen
    assert m.documents["aksjonaeravtale"].clauses["standing_proxies"]
    # shares unchanged from A
    assert shares(m, "ks") == 33400 and block(m, "kommuner") == 49900


def test_a_private() -> None:
    m = model("a_private")
    private = [h for h in m.company.holders() if m.actors[h].kind == "private"]
    assert private == ["privat_as"]
    assert shares(m, "privat_as") == 1000
    assert m.actors["privat_as"].contracting_authority is False
    assert shares(m, "ks") == 33400  # KS keeps its blocking third
    assert block(m, "kommuner") == 48900  # the 1 % comes out of the kommuner's block
    assert block(m, "fylkeskommuner") == 16700
    assert sum(h.shares for h in m.company.holdings) == 100000
    assert "private" in m.documents["vedtekter"].clauses["owners_restricted_to"]
    assert holder_kinds(model("ownership_a"))["private"] == 0


def test_kommuner_only() -> None:
    m = model("kommuner_only")
    assert shares(m, "ks") == 0
    assert "ks" not in m.company.holders()
    assert holder_kinds(m) == Counter(kommune=N_KOMMUNER, fylkeskommune=N_FYLKESKOMMUNER)
    assert block(m, "kommuner") == 80000 and block(m, "fylkeskommuner") == 20000
    assert sum(h.shares for h in m.company.holdings) == 100000
    # no KS secretariat for the company's organs; a new owners' secretariat instead
    secretariats = {(r.source, r.target) for r in m.relations_of("secretariat_for")}
    for organ in ("generalforsamling", "eierraad", "valgkomite"):
        assert ("ks", organ) not in secretariats
        assert ("eiersekretariat", organ) in secretariats
    assert ("ks", "kommit_raadet") in secretariats  # KommIT-rådet stays a KS body
    # KS's leader leaves the eierråd and the valgkomité
    holders = [s.holder for s in m.organs["eierraad"].seats]
    assert holders == [f"fylkesstyreleder_{nr}" for nr in FYLKER]
    assert "valgkomite.ks_rep" not in {s.id for s in m.organs["valgkomite"].seats}
    assert m.documents["vedtekter"].clauses["owners_restricted_to"] == ("kommune", "fylkeskommune")
    assert m.documents["vedtekter"].clauses["ks_secretariat"] is False


def test_inera_like() -> None:
    m = model("inera_like")
    assert [c.id for c in m.company.share_classes] == ["a", "b"]
    assert all(c.votes_per_share == 1 for c in m.company.share_classes)
    ks = [h for h in m.company.holdings if h.holder == "ks"]
    assert [(h.share_class, h.shares) for h in ks] == [("a", 51000)]
    others = [h for h in m.company.holdings if h.holder != "ks"]
    assert {h.share_class for h in others} == {"b"}
    assert sum(h.shares for h in others) == 49000
    assert "eierraad" not in m.organs
    rel = {r.id: r for r in m.relations}["b_holders_instruct_ks"]
    assert (rel.type, rel.source, rel.target, rel.link) == (
        "instructs",
        "b_aksjonaermote",
        "ks",
        "contractual",
    )
    bmeet = m.organs["b_aksjonaermote"]
    assert {s.holder for s in bmeet.seats} == set(m.groups["medlemmer"].members)
    assert len(bmeet.seats) == N_KOMMUNER + N_FYLKESKOMMUNER
    board = m.organs["styre"].seats
    assert len(board) == 15
    assert sum(s.chair for s in board) == 1
    assert Counter(s.group for s in board)["ks_member"] == 1


# -- model B variants --------------------------------------------------------------------------


def test_base_b_representasjonsraad() -> None:
    b = model("ownership_b")
    assert [s.group for s in b.organs["representasjonsraad"].seats] == [f"rep_{n}" for n in FYLKER]


def test_b_landsting() -> None:
    m = model("b_landsting")
    assert shares(m, "ks") == 100000
    rr = Counter(s.group for s in m.organs["representasjonsraad"].seats)
    lt = Counter(s.group for s in m.organs["landsting"].seats)
    assert rr == lt  # the same delegates, fylke by fylke
    assert sum(rr.values()) == 200
    assert set(rr) == {f"delegates_{nr}" for nr in FYLKER}
    assert rr["delegates_03"] == 26 and rr["delegates_46"] == 23 and rr["delegates_56"] == 3
    assert all(s.holder is None for s in m.organs["representasjonsraad"].seats)
    # each fylke's delegates are elected by the same decision in both organs
    elects = {
        (r.target, s): (r.source, r.decision)
        for r in m.relations_of("elects")
        if r.target in ("representasjonsraad", "landsting")
        for s in r.seats
    }
    for nr in FYLKER:
        expected = (f"fylkesmote_{nr}", "elect")
        assert elects[("representasjonsraad", f"delegates_{nr}")] == expected
        assert elects[("landsting", f"delegates_{nr}")] == expected
    recs = {
        r.to_decision: r.strength
        for r in m.relations_of("recommends")
        if r.source == "representasjonsraad"
    }
    assert recs == {"eierstrategi": "adopt_or_return", "oppdragsdokument": "adopt_or_return"}


def test_b_fylkesstyreledere() -> None:
    m = model("b_fylkesstyreledere")
    seats = m.organs["representasjonsraad"].seats
    assert [s.holder for s in seats] == [f"fylkesstyreleder_{nr}" for nr in FYLKER]
    assert all(s.votes == 1 for s in seats)
    # the seats are held, not elected: no election into the råd remains
    assert not [r for r in m.relations_of("elects") if r.target == "representasjonsraad"]
    # the råd is Landsstyret without hovedstyret
    landsstyre = {s.holder for s in m.organs["landsstyre"].seats if s.holder}
    assert {s.holder for s in seats} == landsstyre
    recs = {
        r.to_decision for r in m.relations_of("recommends") if r.source == "representasjonsraad"
    }
    assert recs == {"eierstrategi", "oppdragsdokument"}


# -- company forms -----------------------------------------------------------------------------


def test_iks() -> None:
    m = model("iks")
    assert m.form.owner_kinds == ("kommune", "fylkeskommune")
    assert "ks" not in m.company.holders()
    assert holder_kinds(m) == Counter(kommune=N_KOMMUNER, fylkeskommune=N_FYLKESKOMMUNER)
    assert m.company.share_capital == 100000
    assert block(m, "kommuner") == 80000 and block(m, "fylkeskommuner") == 20000
    # the agreement's mandatory terms need every participant
    assert m.decision("representantskap", "agreement_core").law == "iks-loven/4-2"
    assert m.documents["selskapsavtale"].adopted_by == "representantskap.agreement_core"
    elects = {(r.source, r.target) for r in m.relations_of("elects")}
    assert ("representantskap", "styre") in elects


def test_samvirke() -> None:
    m = model("samvirke")
    assert m.form.one_member_one_vote
    assert holder_kinds(m) == Counter(kommune=N_KOMMUNER, fylkeskommune=N_FYLKESKOMMUNER)
    assert m.company.share_capital == 371
    assert {shares(m, h) for h in m.company.holders()} == {1}  # one member, one vote
    assert "ks" not in m.company.holders()
    clauses = m.documents["vedtekter"].clauses
    assert clauses["open_membership"] is True and clauses["free_exit"] is True


def test_stiftelse() -> None:
    m = model("stiftelse")
    assert m.company.form == "STI"
    assert m.company.holdings == () and m.company.blocks == ()
    assert m.company.share_capital == 0
    assert not any(o.shareholders for o in m.organs.values())
    renew = {r.id: r for r in m.relations}["board_renews_itself"]
    assert (renew.type, renew.source, renew.target) == ("appoints", "styre", "styre")
    # nothing outside the board fills its seats
    assert not [
        r
        for r in m.relations
        if r.type in ("elects", "appoints") and r.target == "styre" and r.source != "styre"
    ]


def test_statsforetak() -> None:
    m = model("statsforetak")
    assert m.company.holders() == ("dfd",)
    assert m.actors["dfd"].kind == "state_body"
    assert shares(m, "dfd") == m.company.share_capital == 100000
    assert holder_kinds(m) == Counter(state_body=1)
    assert m.organs["foretaksmote"].shareholders
    # the kommuner remain contracting authorities, with no ownership
    assert all(shares(m, f"k{k}") == 0 for k in ("0301", "4601"))
    assert m.actors["k0301"].contracting_authority is True
    assert all(y.with_controlling * 25 == y.total for y in m.activity)  # 4 % to the state


def test_a_proxies_do_not_reach_ks_organs() -> None:
    """Proxies apply at the general meeting (aksjeloven § 5-2) unless a relation says `scope:`."""
    from govmodel.analysis.control import ControlAnalysis

    m = model("a_proxies")
    ca = ControlAnalysis(m, ["fylkesstyreledere"])
    # the proxy holders cast the kommuner's and fylkeskommuner's 66.6 % at DIF's general meeting ...
    out = ca.force("generalforsamling", "ordinary")
    assert out.possible and out.level == "revocable"
    # ... but not the kommuner's votes in KS's own fylkesmøter, so they do not command KS
    assert ca.actor("ks", 2) is None
