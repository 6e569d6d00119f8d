"""The control engine's reasons: one language-neutral kind per way an answer comes about.

Each test derives a kind of reason (:mod:`govmodel.analysis.reasons`) on the small worked example
(tests/data/small_model.yaml: five kommuner with 13.2 % each, Regionrådet with 34 %, Delta
absent from the general meeting, an eierråd whose recommendation of the eierstrategi the general
meeting must adopt or send back) and shows that a change of the input gives another kind. Then:
the reasons render as sentences of the reader's language with names, never ids, and the JSON
gives the kind with the ids.
"""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

from govmodel.analysis.control import ControlAnalysis
from govmodel.analysis.outcomes import DecisionControl, Outcome
from govmodel.analysis.reasons import KINDS, TEMPLATES, reason, reason_kind
from govmodel.load import load_model
from govmodel.model import Model
from govmodel.report.coalition import coalition_json, outcome_reason
from govmodel.report.l10n import L10n

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "small_model.yaml"
GM = "generalforsamling"
# the eierråd's recommendation of the eierstrategi, as the model file writes it
REC = '    strength: adopt_or_return\n    source: "example"\n    document: aksjonaeravtale\n'


def small(tmp_path: Path, *edits: tuple[str, str]) -> Model:
    """The worked example with each ``(old, new)`` text replaced (each must occur)."""
    text = SMALL.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"m{len(list(tmp_path.iterdir()))}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_model(path)


def strength(value: str, document: str = "aksjonaeravtale") -> tuple[str, str]:
    """An edit giving the eierråd's recommendation another strength (and document: in the
    articles it is a firm link)."""
    return REC, REC.replace("adopt_or_return", value).replace("aksjonaeravtale", document)


def force(model: Model, members: list[str], decision: str, organ: str = GM) -> Outcome:
    return ControlAnalysis(model, members).force(organ, decision)


def block(model: Model, members: list[str], decision: str, organ: str = GM) -> Outcome:
    return ControlAnalysis(model, members).block(organ, decision)


def kind_of(out: Outcome) -> str:
    assert out.reason is not None
    return reason_kind(out.reason)


@pytest.fixture(scope="module")
def base() -> Model:
    return load_model(SMALL)


# --- forcing -----------------------------------------------------------------------------------


def test_vote_meets_and_vote_short(base):
    """The kommuner (528 of the 868 votes cast) pass the eierstrategi and hold the eierråd;
    Regionrådet (340) falls short: the voters are named in the reason."""
    out = force(base, ["eierkommuner"], "eierstrategi")
    assert out.possible and kind_of(out) == "vote_meets"
    assert dict(out.reason.args)["who"] == ("alfa", "beta", "gamma", "epsilon")  # Delta absent
    short = force(base, ["regionraad"], "eierstrategi")
    assert not short.possible and kind_of(short) == "vote_short"
    assert dict(short.reason.args)["who"] == ("regionraad",)


def test_no_voters_when_its_only_voter_stays_away(tmp_path, base):
    """Delta commands its own shares, but is absent: it has no voter at the meeting. Present,
    it has one, and falls short."""
    out = force(base, ["delta"], "eierstrategi")
    assert not out.possible and kind_of(out) == "no_voters"
    present = small(tmp_path, ("    absent: [delta]", "    absent: [alfa]"))
    assert kind_of(force(present, ["delta"], "eierstrategi")) == "vote_short"


def test_out_of_reach_when_even_every_player_it_reaches_falls_short(base):
    """Regionrådet, Alfa and Beta hold 604 of 868 votes on the articles (≥ 2/3) but are three
    voters, and the articles need four: nothing within their reach can pass it. With Gamma
    they pass it."""
    out = force(base, ["regionraad", "alfa", "beta"], "articles")
    assert not out.possible and kind_of(out) == "out_of_reach"
    more = force(base, ["regionraad", "alfa", "beta", "gamma"], "articles")
    assert more.possible and kind_of(more) == "vote_meets"


def test_veto_withheld_while_the_recommender_is_not_its_own(tmp_path, base):
    """Regionrådet and Alfa pass the eierstrategi at the meeting (472 of 868) but hold one of the
    eierråd's seven votes: the adopt-or-return recommendation is not in their hands. Advisory,
    it does not stop them."""
    out = force(base, ["regionraad", "alfa"], "eierstrategi")
    assert not out.possible and kind_of(out) == "veto_withheld"
    assert dict(out.reason.args)["recommendation"] == ("eierraad_recommends",)
    advisory = small(tmp_path, strength("advisory"))
    assert kind_of(force(advisory, ["regionraad", "alfa"], "eierstrategi")) == "vote_meets"


def test_binding_recommendation_decides_the_matter(tmp_path):
    """Alfa to Delta hold four of the eierråd's seven votes but only 396 of the 868 cast at the
    meeting: a binding recommendation lets them force the eierstrategi; adopt or return does
    not."""
    members = ["alfa", "beta", "gamma", "delta"]
    binding = small(tmp_path, strength("binding"))
    out = force(binding, members, "eierstrategi")
    assert out.possible and kind_of(out) == "binding_recommendation"
    assert dict(out.reason.args)["recommendation"] == ("eierraad_recommends",)
    assert kind_of(force(load_model(SMALL), members, "eierstrategi")) == "vote_short"


def test_passes_unvoted_when_the_class_that_consents_stays_away(tmp_path):
    """A consent counted over share class B only is met when no holder of B attends (nobody is
    there to consent or refuse): Delta, away, passes it without a yes-vote (the eierråd only
    advises), and the engine says so. With Regionrådet (the B holder) present, Delta has no
    voter."""
    classes = (
        "  share_capital: 1000\n",
        "  share_capital: 1000\n  share_classes:\n"
        "    - {id: a, votes_per_share: 1}\n    - {id: b, votes_per_share: 1}\n",
    )
    holdings = (
        ("      shares: 340\n", "      shares: 340\n      class: b\n"),
        ("      allocate: equal\n", "      allocate: equal\n      class: a\n"),
    )
    consent = (
        "        name: Vedta eierstrategi\n        rule: {law: aksjeloven/5-17}\n",
        "        name: Vedta eierstrategi\n"
        "        rule: {class_consent: {class: b, base: capital_represented, at_least: '1/2'}}\n",
    )
    edits = (classes, *holdings, consent, strength("advisory"))
    away = small(tmp_path, *edits, ("    absent: [delta]", "    absent: [delta, regionraad]"))
    out = force(away, ["delta"], "eierstrategi")
    assert out.possible and kind_of(out) == "passes_unvoted"
    there = small(tmp_path, *edits)
    assert kind_of(force(there, ["delta"], "eierstrategi")) == "no_voters"


# --- blocking ----------------------------------------------------------------------------------


def test_blocks_vote_and_others_pass(base):
    """Regionrådet's 340 of 868 votes keep the others under 2/3 on the articles; Alfa alone
    leaves them 736 of 868 and four voters."""
    out = block(base, ["regionraad"], "articles")
    assert out.possible and kind_of(out) == "blocks_vote"
    assert dict(out.reason.args)["who"] == ("regionraad",)
    alone = block(base, ["alfa"], "articles")
    assert not alone.possible and kind_of(alone) == "others_pass"


def test_others_short_when_too_few_come(tmp_path):
    """With Beta, Gamma and Delta away, the three who come are too few for the articles' four
    yes-votes: Delta (away) blocks without a vote. With only Delta away, they pass it."""
    away = small(tmp_path, ("    absent: [delta]", "    absent: [beta, gamma, delta]"))
    out = block(away, ["delta"], "articles")
    assert out.possible and kind_of(out) == "others_short"
    assert kind_of(block(load_model(SMALL), ["delta"], "articles")) == "others_pass"


def test_blocks_recommendation_the_decision_depends_on(tmp_path, base):
    """Daglig leder i regionrådet (two eierråd votes, and Epsilon's proxy at the meeting), Alfa
    and Beta hold four of the eierråd's seven votes but cannot stop the meeting (the others cast
    472 of 868): they block the recommendation the eierstrategi needs. Advisory, they cannot."""
    members = ["daglig_leder_regionraad", "alfa", "beta"]
    out = block(base, members, "eierstrategi")
    assert out.possible and kind_of(out) == "blocks_recommendation"
    assert dict(out.reason.args)["recommendation"] == ("eierraad_recommends",)
    advisory = small(tmp_path, strength("advisory"))
    assert kind_of(block(advisory, members, "eierstrategi")) == "others_pass"


def test_binding_overrides_a_blocked_vote(tmp_path):
    """Regionrådet, Alfa and Beta stop the eierstrategi at the meeting, but the others hold the
    eierråd: a binding recommendation in the articles (a firm link) decides it whatever their
    votes. Adopt or return, their no-votes block it."""
    members = ["regionraad", "alfa", "beta"]
    binding = small(tmp_path, strength("binding", "vedtekter"))
    out = block(binding, members, "eierstrategi")
    assert not out.possible and kind_of(out) == "binding_overrides"
    assert dict(out.reason.args)["recommendation"] == ("eierraad_recommends",)
    assert kind_of(block(load_model(SMALL), members, "eierstrategi")) == "blocks_vote"


def test_minority_right_has_no_blocking_side(base):
    out = block(base, ["regionraad"], "investigation")
    assert not out.applicable and kind_of(out) == "minority_right"
    assert kind_of(block(base, ["regionraad"], "ordinary")) != "minority_right"


def test_cycle_gives_no_control(tmp_path, base):
    """A recommendation back from the general meeting to the eierråd's decision makes each
    depend on the other: the inner question meets itself and gives no control."""
    back = (
        "relations:\n",
        "relations:\n  - {id: back, type: recommends, from: generalforsamling, decision: "
        "eierstrategi, to: eierraad, to_decision: recommend, strength: adopt_or_return, "
        "source: x}\n",
    )
    out = force(small(tmp_path, back), ["regionraad"], "eierstrategi")
    sub = dict((rid, s) for rid, _, s in out.recommendations)["eierraad_recommends"]
    inner = dict((rid, s) for rid, _, s in sub.recommendations)["back"]
    assert kind_of(inner) == "cycle"
    assert dict(inner.reason.args)["decision"] == ("generalforsamling.eierstrategi",)
    plain = force(base, ["regionraad"], "eierstrategi")
    sub = dict((rid, s) for rid, _, s in plain.recommendations)["eierraad_recommends"]
    assert sub.recommendations == () and kind_of(sub) != "cycle"


def test_every_kind_has_one_template():
    assert set(TEMPLATES) == set(KINDS) and len(set(TEMPLATES.values())) == len(KINDS)


# --- rendering ---------------------------------------------------------------------------------


def test_reasons_read_in_the_readers_language_with_names(base):
    """The same reason is a different full sentence in nb and en, each naming the voters and
    the rule in its language; no id is left."""
    out = force(base, ["eierkommuner"], "eierstrategi")
    en = outcome_reason(L10n("en", base), out)
    nb = outcome_reason(L10n("nb", base), out)
    assert en == (
        "the voters it commands (Alfa kommune, Beta kommune, Gamma kommune, Epsilon kommune) "
        "meet the rule: more than 1/2 of the votes cast"
    )
    assert nb == (
        "stemmene den rår over (Alfa kommune, Beta kommune, Gamma kommune, Epsilon kommune), "
        "når regelen: mer enn 1/2 av avgitte stemmer"
    )
    withheld = force(base, ["regionraad", "alfa"], "eierstrategi")
    for lang in ("en", "nb"):
        text = outcome_reason(L10n(lang, base), withheld)
        assert "eierraad_recommends" not in text and "Eierråd" in text, text


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_reads_differently_in_nb_and_en_with_names(base, kind):
    """Each kind, with ids for its values, is one sentence in English and another in
    Norwegian, and neither shows an id."""
    values = {
        "who": ("alfa", "regionraad"),
        "recommendation": ("eierraad_recommends",),
        "decision": "generalforsamling.eierstrategi",
        "rule": base.decision(GM, "eierstrategi").rule,
    }
    fields = {f for _, f, _, _ in string.Formatter().parse(TEMPLATES[kind]) if f}
    why = reason(kind, **{k: v for k, v in values.items() if k in fields})
    en, nb = L10n("en", base).msg(why), L10n("nb", base).msg(why)
    assert en != nb
    for text in (en, nb):
        assert not re.search(r"\b(alfa|regionraad|eierraad_recommends|generalforsamling)\b", text)
    if "who" in fields:
        assert "Alfa kommune, Regionrådet" in en and "Alfa kommune, Regionrådet" in nb


def test_many_voters_are_shown_as_five_and_a_count(base):
    t = L10n("nb", base)
    assert t.shown(["alfa", "beta", "gamma", "delta", "epsilon", "regionraad"]) == (
        "Alfa kommune, Beta kommune, Gamma kommune, Delta kommune, Epsilon kommune … (+1)"
    )


def test_json_gives_the_kind_the_ids_and_the_sentence(base):
    """JSON carries the kind and the ids for machines, and the sentence in ``--lang``."""
    dc = DecisionControl(
        GM,
        "eierstrategi",
        force(base, ["regionraad"], "eierstrategi"),
        block(base, ["regionraad"], "eierstrategi"),
    )
    for lang, words in (("en", "fall short"), ("nb", "når ikke")):
        doc = coalition_json(base, ["regionraad"], [dc], False, lang)
        why = doc["decisions"][0]["force"]["reason"]
        assert why["kind"] == "vote_short"
        assert why["args"] == {"rule": "more than 1/2 of the votes cast", "who": ["regionraad"]}
        assert words in why["text"] and "Regionrådet" in why["text"]
        # deterministic: the same answer, the same bytes
        again = coalition_json(base, ["regionraad"], [dc], False, lang)
        assert json.dumps(doc, ensure_ascii=False) == json.dumps(again, ensure_ascii=False)


def test_no_presentation_matches_the_engines_english():
    """The presentation renders a reason from its kind and values: no module compares text
    with ``startswith`` on a reason, and the old prefix table is gone."""
    for path in (
        ROOT / "govmodel" / "report" / "coalition.py",
        ROOT / "tui" / "views" / "coalition.py",
    ):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "startswith":
                inner = node.value
                assert not (isinstance(inner, ast.Attribute) and inner.attr == "reason"), path
            if isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                assert "REASONS" not in names, path
