"""Ranking models on the in-house question: which is safest for the kommuner to buy from
without tendering?

Models are ordered by a key compared left to right (docs/criteria.md, "Ranking"):

1. the **verdict** on utvidet egenregi (satisfied before conditional before not satisfied);
2. the **weakest route** by which the weakest participant takes part in control (it votes
   itself; elects through a constituency; through a contractual, periodic or revocable link;
   only diffusely; not at all);
3. the share of the strategic decisions in which the weakest participant takes part through a
   route of its own (more is safer: the compensating mechanisms of model B);
4. the number of **legal readings** the verdicts depend on (fewer is safer);
5. the number of **assumptions** of the model they rest on (fewer is safer).

Models with equal keys share a rank; rank 1 is the safest. Nothing here knows a model: change
a reading or an input and the ranking follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from govmodel.analysis.criteria.verdicts import RANK, Evaluation
from govmodel.i18n import N_
from govmodel.law.readings import load_readings
from govmodel.messages import Bilingual, Msg, Percent, Term, msg
from govmodel.regions import collapse_regional

ROUTES = ("direct", "chain", "contractual", "periodic", "revocable", "diffuse", "none")
_READING_KINDS = ("reading", "open_reading", "barred")


@dataclass(frozen=True)
class Profile:
    """What one model's in-house verdict rests on, as the ranking compares it."""

    model: str
    name: str
    verdict: str
    route: str
    own_share: Fraction  # strategic decisions the weakest participant reaches by its own route
    readings: tuple[str, ...]
    assumptions: int

    def key(self) -> tuple[int, int, Fraction, int, int]:
        return (
            RANK[self.verdict],
            ROUTES.index(self.route),
            -self.own_share,
            len(self.readings),
            self.assumptions,
        )


@dataclass(frozen=True)
class Ranked:
    """One model's place: ``rank`` 1 is the safest; equal profiles share a rank."""

    model: str
    rank: int
    profile: Profile
    reason: Msg


def profile(ev: Evaluation) -> Profile:
    """The ranking profile of one evaluation."""
    verdict = ev.criterion("in_house").verdict if ev.has("in_house") else "unknown"
    route = "direct"
    own_share = Fraction(1)
    if ev.has("joint_control_participation"):
        part = ev.criterion("joint_control_participation")
        routes = [e.route or "none" for e in part.elements if e.key != "power"]
        if routes:
            route = max(routes, key=ROUTES.index)
        for e in part.elements:
            if e.key != "decisions":
                continue
            own = [b for b in e.rests_on if b.ref.startswith("own_route_decisions:")]
            total = sum(1 for _ in _decision_count(e))
            if own and total:
                own_share = Fraction(int(own[0].link or own[0].text), total)
    readings: dict[str, None] = {}
    assumptions: dict[str, None] = {}
    for v in ev.criteria:
        for b in v.rests_on:
            if b.kind in _READING_KINDS:
                readings.setdefault(b.ref, None)
            elif b.kind == "assumption":
                assumptions.setdefault(collapse_regional(b.ref), None)
    return Profile(
        ev.model.id, ev.model.name, verdict, route, own_share, tuple(readings), len(assumptions)
    )


def _decision_count(element) -> list[str]:
    for b in element.rests_on:
        if b.ref.startswith("decisions_total:"):
            return ["x"] * int(b.text)
    return []


def rank(evaluations: Sequence[Evaluation]) -> tuple[Ranked, ...]:
    """The models ranked on the in-house question, safest first; ties share a rank.

    >>> from govmodel.load import load_model
    >>> from govmodel.analysis.criteria.evaluate import evaluate
    >>> evs = [evaluate(load_model(p), structure=False) for p in (
    ...     "models/variants/a_private.yaml", "models/ownership_a.yaml")]
    >>> [(r.model, r.rank) for r in rank(evs)]
    [('ownership_a', 1), ('a_private', 2)]
    """
    profiles = [profile(ev) for ev in evaluations]
    order = sorted(range(len(profiles)), key=lambda i: (profiles[i].key(), i))
    out: list[Ranked] = []
    rank_no = 0
    prev = None
    for pos, i in enumerate(order):
        p = profiles[i]
        if prev is None or p.key() != prev.key():
            rank_no = pos + 1
        nxt = profiles[order[pos + 1]] if pos + 1 < len(order) else None
        out.append(Ranked(p.model, rank_no, p, _reason(p, prev, nxt)))
        prev = p
    return tuple(out)


def _reason(p: Profile, prev: Profile | None, nxt: Profile | None) -> Msg:
    facts = msg(
        "utvidet egenregi {grade}; weakest route {route}; the weakest participant takes part "
        "by a route of its own in {share} of the strategic decisions; readings relied on: {n} "
        "({readings}); assumptions: {a}",
        grade=Term(p.verdict),
        route=Term(p.route),
        share=Percent(p.own_share),
        n=len(p.readings),
        readings=[_reading_name(r) for r in p.readings] or "-",
        a=p.assumptions,
    )
    parts = [facts]
    for other, word in ((prev, N_("after")), (nxt, N_("before"))):
        if other is None:
            continue
        why = _decider(p, other)
        if why is None:
            parts.append(msg("tied with {model}", model=other.name))
        else:
            parts.append(
                msg(
                    "ranked {word} {model}: {why}",
                    word=Term(word),
                    model=other.name,
                    why=why,
                )
            )
    return msg("{parts}", parts=parts)


def _reading_name(rid: str) -> str:
    r = load_readings().get(rid)
    return Bilingual(r.name) if r is not None else rid


def _decider(p: Profile, q: Profile) -> Msg | None:
    """What first separates two profiles."""
    if p.verdict != q.verdict:
        return msg("the verdict ({a} against {b})", a=Term(p.verdict), b=Term(q.verdict))
    if p.route != q.route:
        return msg("the weakest route ({a} against {b})", a=Term(p.route), b=Term(q.route))
    if p.own_share != q.own_share:
        return msg(
            "own routes into the strategic decisions ({a} against {b})",
            a=Percent(p.own_share),
            b=Percent(q.own_share),
        )
    if len(p.readings) != len(q.readings):
        return msg("the readings relied on ({a} against {b})", a=len(p.readings), b=len(q.readings))
    if p.assumptions != q.assumptions:
        return msg("the assumptions relied on ({a} against {b})", a=p.assumptions, b=q.assumptions)
    return None
