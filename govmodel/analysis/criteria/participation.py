"""Each participating authority takes part in control: the weakest participant
(anskaffelsesforskriften § 3-2 (2) a and b, as the Court of Justice reads joint control).

Under joint control the authorities need not control the supplier each on its own, but each
must take part both in its capital and in its decision-making bodies; a purely formal
affiliation is not control (judgment of 29 November 2012, Econord, C-182/11 and C-183/11,
ECLI:EU:C:2012:758, paragraphs 28-33). The group passing every decision says nothing about its
smallest member, so this criterion tests the **weakest participant**: the participating
authority with the fewest votes at the supreme body, then the smallest population (Utsira, with
2 of 100 000 shares, in model A). For it the criterion reports:

- **capital**: whether it holds shares that carry votes (non-voting shares do not count:
  representation rests on voting rights; the study warns of share classes, 002 §5.4.2);
- **bodies**: how it reaches each decision-making body tested (reading
  ``representation_bodies``): it sits there, elects through a constituency of its own, only
  through a body all authorities elect together, or not at all;
- **strategic decisions**: for each, whether it takes part through its own vote, through a
  recommending body where its constituency has a seat (a safeguard such as the
  representasjonsråd), or only diffusely;
- **power**: what it can pass or block alone, with which groups, its share of the votes, and
  whether its votes can ever change a strategic decision (a player who is never a swing has a
  vote that is purely formal).

The grade is the worst element; a participant that takes part only through another legal person
rests on the reading ``indirect_control_joint``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from govmodel.analysis.coverage import Cell, coverage
from govmodel.analysis.criteria.bases import (
    grade,
    intermediaries,
    intermediary_bases,
    legal_persons_on,
    make_verdict,
    steps_bases,
)
from govmodel.analysis.criteria.context import Context
from govmodel.analysis.criteria.facts import strategic_decisions, supreme_bodies
from govmodel.analysis.criteria.verdicts import Basis, Element, Verdict, dedupe, worst
from govmodel.messages import Msg, Term, msg, pct
from govmodel.power.voting import players, weighted_form

CID = "joint_control_participation"

#: Coverage link kind -> grade of taking part that way.
_ROUTE_GRADE = {
    "direct": "satisfied",
    "chain": "satisfied_indirect",
    "contractual": "conditional",
    "periodic": "conditional",
    "revocable": "conditional",
    "diffuse": "conditional",
    "none": "not_satisfied",
}
_ROUTE_ORDER = ("direct", "chain", "contractual", "periodic", "revocable", "diffuse", "none")


def weakest_participant(ctx: Context) -> str | None:
    """The participating authority with the fewest votes at the supreme body, then the smallest
    population, then the first in model order; None when there are no participants.

    >>> from govmodel.load import load_model
    >>> from govmodel.analysis.criteria.evaluate import evaluate
    >>> ev = evaluate(load_model("models/ownership_a.yaml"), structure=False)
    >>> ev.model.name_of(weakest_participant_of(ev))
    'Utsira'
    """
    if not ctx.auth:
        return None
    votes = _votes_at_supreme(ctx)
    order = {a: i for i, a in enumerate(ctx.auth)}

    def key(a: str) -> tuple[Fraction, int, int]:
        pop = ctx.model.actors[a].population
        return (votes.get(a, Fraction(0)), pop if pop is not None else 10**12, order[a])

    return min(ctx.auth, key=key)


def weakest_participant_of(ev) -> str | None:
    """The weakest participant an :class:`~govmodel.analysis.criteria.verdicts.Evaluation`
    found (the key of its participation verdict), or None."""
    if not ev.has(CID):
        return None
    for b in ev.criterion(CID).rests_on:
        if b.kind == "data" and b.ref.startswith("weakest:"):
            return b.ref.split(":", 1)[1]
    return None


def _supreme(ctx: Context) -> str | None:
    gm = ctx.gm()
    if gm is not None:
        return gm
    sup = supreme_bodies(ctx.model, ctx.bodies)
    return sup[0] if sup else None


def _votes_at_supreme(ctx: Context) -> dict[str, Fraction]:
    def compute() -> dict[str, Fraction]:
        organ = _supreme(ctx)
        out: dict[str, Fraction] = {}
        if organ is None:
            return out
        for p in players(ctx.model, organ):
            if p.holder:
                out[p.holder] = out.get(p.holder, Fraction(0)) + p.votes
        return out

    return ctx._cached("votes_at_supreme", compute)


def participation(ctx: Context) -> Verdict:
    """The participation verdict on the weakest participant (see the module docstring)."""
    who = weakest_participant(ctx)
    if who is None:
        return make_verdict(ctx, CID, "unknown", [msg("no participating authorities")], [], [])
    model = ctx.model
    name = model.name_of(who)
    elements = [
        _capital(ctx, who, name),
        _bodies(ctx, who, name),
        _decisions(ctx, who, name),
    ]
    power = _power(ctx, who, name)
    if power is not None:
        elements.append(power)
    verdict = worst(e.verdict for e in elements)
    reasons: list[Msg] = [
        msg(
            "rule applied: every participating authority must take part in the capital and in "
            "the decision-making bodies; a purely formal affiliation is not control ({case})",
            case="C-182/11, C-183/11 Econord",
        ),
        msg(
            "weakest participant: {who}, of {n} participating authorities",
            who=name,
            n=len(ctx.auth),
        ),
    ]
    reasons.append(_risk(verdict, name))
    rests = [b for e in elements for b in e.rests_on]
    rests.append(Basis("data", f"weakest:{who}", "", name))
    return make_verdict(ctx, CID, verdict, reasons, rests, elements)


def _risk(verdict: str, name: str) -> Msg:
    if verdict == "satisfied":
        return msg("risk: low; {who} votes itself in every body tested", who=name)
    if verdict == "satisfied_indirect":
        return msg(
            "risk: moderate; {who} takes part through representatives its own constituency "
            "elects and can remove",
            who=name,
        )
    if verdict == "conditional":
        return msg(
            "risk: {who} takes part only through links that are contractual, periodic, "
            "revocable, shared with every other authority or resting on an open reading; a court "
            "may find its affiliation purely formal",
            who=name,
        )
    if verdict == "unknown":
        return msg("risk: the model lacks the data to say how {who} takes part", who=name)
    return msg(
        "risk: high; {who} takes no part of its own in the capital or the bodies: its "
        "affiliation is purely formal",
        who=name,
    )


# -- the elements ----------------------------------------------------------------------------


def _capital(ctx: Context, who: str, name: str) -> Element:
    """Capital: shares that carry votes, or none of its own."""
    model = ctx.model
    shares = model.company.shares_of(who)
    votes = _votes_at_supreme(ctx).get(who, Fraction(0))
    total = model.company.share_capital or 0
    if shares and votes > 0:
        all_votes = sum(_votes_at_supreme(ctx).values(), Fraction(0))
        return Element(
            "capital",
            "satisfied",
            (
                msg(
                    "{who} holds {shares} of {total} shares with {share} of the votes",
                    who=name,
                    shares=shares,
                    total=total,
                    share=pct(votes / all_votes) if all_votes else "0 %",
                ),
            ),
            (Basis("data", f"capital:{who}", "", str(shares)),),
            "direct",
        )
    if shares:
        return Element(
            "capital",
            "not_satisfied",
            (
                msg(
                    "{who} holds {shares} shares without votes: it is not represented by them "
                    "({source})",
                    who=name,
                    shares=shares,
                    source="002 §5.4.2",
                ),
            ),
            (Basis("data", f"capital:{who}", "", "0 votes"),),
            "none",
        )
    if not model.form.has_shares and model.company.holders() == ():
        return Element(
            "capital",
            "not_satisfied",
            (msg("the company has no owners: {who} holds no stake", who=name),),
            (),
            "none",
        )
    if model.form.has_shares or model.company.holders():
        # no stake of its own: it takes part in the capital only through an owner it belongs to
        supreme = _supreme(ctx)
        cell = _cell(ctx, who, supreme) if supreme else None
        if cell is not None and cell.link != "none" and cell.path:
            via = _legal_persons(ctx, cell.path, who)
            bases = steps_bases(ctx, cell.path) + intermediary_bases(ctx, via)
            route = "chain" if via else "none"
            g = grade(route, bases) if via else "not_satisfied"
            return Element(
                "capital",
                g,
                (
                    msg(
                        "{who} holds no shares; its stake is held through {via}",
                        who=name,
                        via=[model.name_of(x) for x in via] or "-",
                    ),
                ),
                dedupe(bases),
                route,
            )
    return Element(
        "capital",
        "not_satisfied",
        (msg("{who} holds no stake in the company, directly or through an owner", who=name),),
        (),
        "none",
    )


def _legal_persons(ctx: Context, path: Sequence[str], who: str) -> tuple[str, ...]:
    """Other legal persons a participant's route passes through (KS, even where KS is itself an
    authority: for the participant it is another legal person)."""
    others = legal_persons_on(ctx, path, lambda node, _: node != who)
    return tuple(dict.fromkeys(intermediaries(ctx, path) + others))


def _cell(ctx: Context, who: str, organ: str) -> Cell | None:
    cov = _organ_coverage(ctx)
    try:
        return cov.cell(who, organ)
    except KeyError:
        return None


def _organ_coverage(ctx: Context):
    """Coverage of the participants over the tested bodies, the supreme body and every organ
    that decides or recommends a strategic decision (computed once)."""

    def compute():
        organs: dict[str, None] = dict.fromkeys(ctx.bodies)
        sup = _supreme(ctx)
        if sup:
            organs.setdefault(sup, None)
        for organ, did in strategic_decisions(ctx.model):
            organs.setdefault(organ, None)
            for rid in _recommenders(ctx, organ, did):
                organs.setdefault(ctx.rel[rid].source, None)
        organs = {o: None for o in organs if o in ctx.model.organs}
        return coverage(ctx.model, tuple(organs), ctx.auth)

    return ctx._cached("participation_coverage", compute)


def _recommenders(ctx: Context, organ: str, did: str) -> list[str]:
    """Relations that recommend ``organ.did`` and bind it (adopt-or-return or binding)."""
    return [
        r.id
        for r in ctx.model.relations
        if r.type == "recommends"
        and r.target == organ
        and r.to_decision == did
        and r.strength in ("adopt_or_return", "binding")
        and r.link != "advisory"
        and r.source in ctx.model.organs
    ]


def _route_element(ctx: Context, key: str, cells: Sequence[Cell], reasons: list[Msg]) -> Element:
    bases: list[Basis] = []
    kinds = []
    for c in cells:
        kinds.append(c.link)
        if c.path:
            bases += steps_bases(ctx, c.path)
            bases += intermediary_bases(ctx, _legal_persons(ctx, c.path, c.authority))
    route = max(kinds, key=_ROUTE_ORDER.index) if kinds else "none"
    g = _ROUTE_GRADE[route]
    if g in ("satisfied", "satisfied_indirect"):
        g = worst([g, grade("chain" if route != "direct" else "direct", bases)])
    elif any(b.kind == "barred" for b in bases):
        g = "not_satisfied"
    return Element(key, g, tuple(reasons), dedupe(bases), route)


def _bodies(ctx: Context, who: str, name: str) -> Element:
    """How the participant reaches each decision-making body tested."""
    strict = ctx.reading("representation_bodies") == "all_bodies"
    sup = supreme_bodies(ctx.model, ctx.bodies)
    tested = ctx.bodies if strict or not sup else sup
    cells = []
    reasons: list[Msg] = []
    for body in ctx.bodies:
        c = _cell(ctx, who, body)
        if c is None:
            continue
        reasons.append(
            msg(
                "{body}: {how}",
                body=ctx.model.organs[body].name,
                how=_how(c.link),
            )
        )
        if body in tested:
            cells.append(c)
    el = _route_element(ctx, "bodies", cells, reasons)
    return el


def _how(link: str) -> Msg:
    return {
        "direct": msg("it votes there itself"),
        "chain": msg("it elects a representative there through a constituency of its own"),
        "contractual": msg("it is represented there through an agreement"),
        "periodic": msg("it is represented there through elections for a term"),
        "revocable": msg("it is represented there through a proxy"),
        "diffuse": msg("only through a body that all authorities elect together"),
        "none": msg("it has no route there"),
    }[link]


def _decisions(ctx: Context, who: str, name: str) -> Element:
    """For each strategic decision, the participant's best route into it: the deciding organ
    or a recommender the decision must follow or send back."""
    counts: dict[str, int] = {}
    chosen: list[Cell] = []
    for organ, did in strategic_decisions(ctx.model):
        options = [_cell(ctx, who, organ)]
        options += [_cell(ctx, who, ctx.rel[rid].source) for rid in _recommenders(ctx, organ, did)]
        cells = [c for c in options if c is not None]
        if not cells:
            continue
        best = min(cells, key=lambda c: (_ROUTE_ORDER.index(c.link), len(c.path)))
        chosen.append(best)
        counts[best.link] = counts.get(best.link, 0) + 1
    # built apart: pybabel does not extract a message nested in another call's arguments
    per_route = [msg("{k}: {n}", k=Term(k), n=counts[k]) for k in _ROUTE_ORDER if counts.get(k)]
    reasons = [
        msg(
            "{who} takes part in the {n} strategic decisions: {counts}",
            who=name,
            n=sum(counts.values()),
            counts=per_route,
        )
    ]
    el = _route_element(ctx, "decisions", chosen, reasons)
    own = sum(n for k, n in counts.items() if k in ("direct", "chain", "contractual", "periodic"))
    return Element(
        el.key,
        el.verdict,
        el.reasoning,
        el.rests_on
        + (
            Basis("data", f"own_route_decisions:{own}", str(own), str(own)),
            Basis("data", f"decisions_total:{sum(counts.values())}", "", str(sum(counts.values()))),
        ),
        el.route,
    )


def _power(ctx: Context, who: str, name: str) -> Element | None:
    """What the participant can do alone and with its groups, and whether its votes can ever
    change a strategic decision at the supreme body."""
    organ = _supreme(ctx)
    votes = _votes_at_supreme(ctx)
    if organ is None or votes.get(who, Fraction(0)) <= 0:
        return None
    model = ctx.model
    strategic = [d for o, d in strategic_decisions(model) if o == organ]
    alone = ctx.analysis((who,))
    passes_alone = [d for d in strategic if alone.force(organ, d).possible]
    blocks_alone = [d for d in strategic if alone.block(organ, d).possible]
    swing = _swings(ctx, organ, who, strategic)
    computed = [d for d in strategic if swing.get(d) is not None]
    decisive = [d for d in computed if swing[d]]
    reasons: list[Msg] = [
        msg(
            "alone {who} passes {p} and blocks {b} of the {n} strategic decisions of {organ}",
            who=name,
            p=len(passes_alone),
            b=len(blocks_alone),
            n=len(strategic),
            organ=model.organs[organ].name,
        )
    ]
    for gid in _groups_of(ctx, who):
        an = ctx.analysis(tuple(model.groups[gid].members))
        reasons.append(
            msg(
                "with the rest of {group} it passes {p} and blocks {b} of them",
                group=model.groups[gid].name,
                p=sum(1 for d in strategic if an.force(organ, d).possible),
                b=sum(1 for d in strategic if an.block(organ, d).possible),
            )
        )
    if computed:
        reasons.append(
            msg(
                "its vote can decide {k} of the {n} decisions whose rule is one weighted vote "
                "(it is a swing in some coalition)",
                k=len(decisive),
                n=len(computed),
            )
        )
    if computed and not decisive:
        g = "conditional"
        reasons.append(msg("its votes can never change a strategic decision: a purely formal vote"))
    else:
        g = "satisfied"
    return Element(
        "power",
        g,
        tuple(reasons),
        (Basis("data", f"swing:{who}", "", f"{len(decisive)}/{len(computed)}"),),
        "direct",
    )


def _groups_of(ctx: Context, who: str) -> list[str]:
    """The smallest model group holding ``who`` whose members all participate (e.g. the
    kommuner), at most one, to say what it can do with its peers."""
    cands = [
        g.id
        for g in ctx.model.groups.values()
        if who in g.members and len(g.members) > 1 and all(m in ctx.auth_set for m in g.members)
    ]
    cands.sort(key=lambda g: (len(ctx.model.groups[g].members), g))
    return cands[:1]


def _swings(ctx: Context, organ: str, who: str, decisions: Sequence[str]) -> dict[str, bool | None]:
    """For each decision: whether ``who`` is a swing in some coalition (exact, by subset sums
    of the other players' integer weights), or None when the rule is not one weighted vote."""
    ps = players(ctx.model, organ)
    idx = next((i for i, p in enumerate(ps) if p.holder == who), None)
    out: dict[str, bool | None] = {}
    sums: dict[tuple[int, ...], int] = {}
    for did in decisions:
        rule = ctx.model.decision(organ, did).rule
        wf = weighted_form(rule, ps, complete=True) if idx is not None else None
        if wf is None or idx is None:
            out[did] = None
            continue
        w = wf.weights
        if idx in wf.vetoers:
            out[did] = sum(w) >= wf.quota
            continue
        vet = tuple(wf.vetoers)
        if vet not in sums:
            bits = 1
            for i, wi in enumerate(w):
                if i != idx and i not in wf.vetoers and wi > 0:
                    bits |= bits << wi
            sums[vet] = bits
        base = sum(w[i] for i in vet)
        lo = max(wf.quota - w[idx] - base, 0)
        hi = wf.quota - base  # exclusive
        if hi <= lo:
            out[did] = False
            continue
        window = (sums[vet] >> lo) & ((1 << (hi - lo)) - 1)
        out[did] = window != 0 and w[idx] > 0
    return out
