"""Decisive influence over the supplier's strategic decisions (anskaffelsesforskriften
§ 3-2 (2) b for several authorities, § 3-1 (1) a and (2) for one).

Decisive influence over one decision has two sides: the authorities can *pass* it (with their
own votes, or through links), and they can *stop* it, so that nobody else decides it against
them. The element is as weak as the weaker side; the criterion is the worst decision.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TypeVar

from govmodel.analysis.control import ControlAnalysis
from govmodel.analysis.criteria.bases import (
    decision_assumption,
    grade,
    make_verdict,
    route_bases,
)
from govmodel.analysis.criteria.context import Context
from govmodel.analysis.criteria.facts import strategic_decisions
from govmodel.analysis.criteria.verdicts import RANK, Basis, Element, Verdict, dedupe, worst
from govmodel.analysis.outcomes import LEVEL as LEVEL_OF
from govmodel.analysis.outcomes import LEVELS, hops_text
from govmodel.analysis.routes import own_votes_pass, pass_route
from govmodel.messages import Msg, RuleText, few, msg
from govmodel.power.voting import passes

_Side = TypeVar("_Side", "PassSide", "StopSide")


def influence(ctx: Context, coalition: tuple[str, ...], cid: str) -> Verdict:
    """Decisive influence of ``coalition`` over every strategic decision of the supplier
    (:func:`~govmodel.analysis.criteria.facts.strategic_decisions`), graded as criterion ``cid``
    (``joint_control_influence`` or ``control_single``)."""
    form = ctx.model.form
    if form.owner_kinds == () and not form.has_shares:
        reason = msg(
            "a {form} has no owners ({statute}): nobody holds ownership control, and "
            "appointment rights in its charter are not control over its own departments",
            form=form.name,
            statute=form.provenance.source or form.statute,
        )
        el = Element(
            "form",
            "not_satisfied",
            (reason,),
            (Basis("form", form.form, "", form.notes, form.provenance.source or ""),),
            "none",
        )
        return make_verdict(ctx, cid, "not_satisfied", [reason], list(el.rests_on), [el])
    strategic = strategic_decisions(ctx.model)
    if not strategic:
        return make_verdict(
            ctx,
            cid,
            "unknown",
            [msg("the model marks no strategic decision of the supplier")],
            [],
            [],
        )
    own = ctx.analysis(coalition, chains=False)
    chained = ctx.analysis(coalition, chains=True)
    outsiders = ctx.outsiders()
    elements = [
        decision_element(ctx, o, d, coalition, own, chained, outsiders) for o, d in strategic
    ]
    verdict = worst(e.verdict for e in elements)
    by_route: dict[str, int] = {}
    for e in elements:
        by_route[e.route or "none"] = by_route.get(e.route or "none", 0) + 1
    reasons = [
        msg(
            "rule applied: together the authorities must be able to pass every strategic "
            "decision of the supplier ({n}), so that nobody else can block it",
            n=len(elements),
        ),
        msg(
            "{direct} with their own votes, {chain} only through links, {none} not at all",
            direct=by_route.get("direct", 0),
            chain=by_route.get("chain", 0),
            none=by_route.get("none", 0),
        ),
    ]
    worst_el = [e for e in elements if e.verdict == verdict]
    if worst_el and verdict != "satisfied":
        reasons.append(
            msg(
                "weakest: {decisions}",
                decisions=[e.key for e in worst_el[:4]]
                + ([f"+{len(worst_el) - 4}"] if len(worst_el) > 4 else []),
            )
        )
    rests = [b for e in elements for b in e.rests_on] + participant_bases(ctx, reasons)
    return make_verdict(ctx, cid, verdict, reasons, rests, elements)


def participant_bases(ctx: Context, reasons: list[Msg]) -> list[Basis]:
    """The readings the choice of participants rests on: ``participating_authorities`` when it
    leaves out a contracting authority of the model (the owning ministry of a statsføretak),
    and the reading that gives a participant or an owner its status (KS:
    ``ks_contracting_authority``)."""
    out: list[Basis] = []
    model = ctx.model
    left_out = [a for a in model.contracting_authorities() if a not in ctx.auth_set]
    if left_out:
        out.append(ctx.reading_basis("participating_authorities"))
        reasons.append(
            msg(
                "tested for the participating authorities ({reading}); left out: {who}",
                reading=ctx.reading("participating_authorities"),
                who=few([model.name_of(a) for a in left_out]),
            )
        )
    stake = set(model.company.holders()) | set(ctx.auth)
    for a in sorted(stake, key=list(model.actors).index):
        rid = getattr(model.actors.get(a), "reading", None)
        if rid:
            status = model.actors[a].contracting_authority
            out.append(ctx.reading_basis(rid, conditional=status == "uncertain"))
    return out


def decision_element(
    ctx: Context,
    organ: str,
    did: str,
    coalition: tuple[str, ...],
    own: ControlAnalysis,
    chained: ControlAnalysis,
    outsiders: tuple[str, ...],
) -> Element:
    """The element of one decision: the weaker of the pass side and the stop side."""
    model = ctx.model
    d = model.decision(organ, did)
    key = f"{organ}.{did}"
    rule = RuleText(d.rule)
    base: list[Basis] = []
    if d.provenance.assumption:
        base.append(
            Basis("assumption", key, "", d.provenance.assumption, d.provenance.source or "")
        )
    reasons: list[Msg] = []
    # only the absent authorities' own absence may stand in the way (e.g. every
    # shareholder's consent): at full attendance they pass it
    passed, absent_only = _side_or_at_full_attendance(
        ctx, pass_side, organ, did, coalition, chained
    )
    if absent_only:
        reasons.append(msg("only if the absent authorities attend or consent"))
    pass_bases: list[Basis] = []
    if passed is None:
        route = "none"
        reasons.append(msg("the authorities cannot pass it ({rule})", rule=rule))
        out = chained.force(organ, did)
        for rid, strength, sub in out.recommendations:
            if strength == "adopt_or_return" and sub is not None and not sub.possible:
                reasons.append(
                    msg(
                        "they cannot pass the recommendation {relation} it needs (adopt or return)",
                        relation=rid,
                    )
                )
    else:
        route, pass_bases, hop_text, recs = passed
        pass_bases = (
            pass_bases + absent_only + turnout_bases(ctx, organ, did, coalition, True, pass_bases)
        )
        if route == "direct":
            reasons.append(msg("the authorities pass it with their own votes"))
            voters = _authority_players(ctx, organ)
            if 0 < len(voters) < len(ctx.auth):
                reasons.append(
                    msg(
                        "only {n} of the {total} authorities hold votes there: {who}",
                        n=len(voters),
                        total=len(ctx.auth),
                        who=few(voters),
                    )
                )
        elif hop_text:
            reasons.append(msg("the authorities pass it through: {hops}", hops=hop_text))
        else:
            reasons.append(msg("the authorities pass it"))
        for rid in recs:
            reasons.append(
                msg(
                    "it needs the recommendation {relation} (adopt or return), which they pass",
                    relation=rid,
                )
            )
    stop, stop_absent = _side_or_at_full_attendance(ctx, stop_side, organ, did, coalition, chained)
    if stop_absent:
        reasons.append(msg("they can stop it only if the absent authorities attend"))
    stop_bases: list[Basis] = []
    if stop is None:
        stop_route = "none"
        reasons.append(msg("the authorities cannot stop it: others can pass it without them"))
    else:
        stop_route, stop_bases, how = stop
        stop_bases = (
            stop_bases + stop_absent + turnout_bases(ctx, organ, did, coalition, True, stop_bases)
        )
        reasons.append(how)
    # who else decides it alone
    can_force = []
    can_block = []
    for u in outsiders if ctx.facts else ():
        an = ctx.analysis((u,), chains=True)
        if an.force(organ, did).possible:
            can_force.append(u)
        if an.block(organ, did).possible:
            can_block.append(u)
    if can_force:
        reasons.append(msg("{who} can pass it alone", who=can_force))
    only_block = [u for u in can_block if u not in can_force]
    if only_block:
        reasons.append(msg("{who} can block it alone", who=only_block))
    g = worst([grade(route, base + pass_bases), grade(stop_route, base + stop_bases)])
    facts = [Basis("data", f"passes_alone:{u}", "", key) for u in can_force] + [
        Basis("data", f"blocks_alone:{u}", "", key) for u in can_block
    ]
    return Element(key, g, tuple(reasons), dedupe(base + pass_bases + stop_bases + facts), route)


def _side_or_at_full_attendance(
    ctx: Context,
    side: Callable[[Context, str, str, ControlAnalysis], _Side | None],
    organ: str,
    did: str,
    coalition: tuple[str, ...],
    chained: ControlAnalysis,
) -> tuple[_Side | None, list[Basis]]:
    """One side of a decision (``pass_side`` or ``stop_side``) as the coalition stands; where
    that fails and the model records attendance, the side at full attendance, resting on the
    absence basis (returned as the second value, empty when attendance was not needed)."""
    found = side(ctx, organ, did, chained)
    if found is None and ctx.model.attendance:
        found = side(ctx, organ, did, ctx.analysis(coalition, full=True))
        if found is not None:
            return found, [absence_basis(ctx, organ)]
    return found, []


def _authority_players(ctx: Context, organ: str) -> list[str]:
    o = ctx.model.organs[organ]
    if o.shareholders:
        return [h for h in ctx.model.company.holders() if h in ctx.auth_set]
    return [s.holder for s in o.seats if s.holder in ctx.auth_set]


class PassSide(NamedTuple):
    """How a coalition passes a decision: its route, what that rests on, the hops as text and
    the adopt-or-return recommendations it passes on the way."""

    route: str
    bases: list[Basis]
    hops: str
    recommendations: list[str]


class StopSide(NamedTuple):
    """How a coalition stops a decision: its route, what that rests on, and why, as a message."""

    route: str
    bases: list[Basis]
    reason: Msg


def pass_side(ctx: Context, organ: str, did: str, an: ControlAnalysis) -> PassSide | None:
    """How the coalition passes the decision: (route, bases, hops, recommendations passed)
    or None. The route is :func:`govmodel.analysis.routes.pass_route`, the one the structure
    of every decision shows too. The vote counts the coalition's own votes first; the links to
    other players' votes are needed only when its own do not suffice. An adopt-or-return
    recommendation is a hurdle: the route by which the coalition passes the recommender counts,
    not the recommendation's own footing (without it, passing would be easier)."""
    route = pass_route(an, organ, did)
    if route is None:
        return None
    out = an.force(organ, did)
    level = LEVELS.index(out.level or "firm")
    d = ctx.model.decision(organ, did)
    cmd = an.commanded(organ, level)
    pres = an.present(organ)
    all_ids = frozenset(pid for pid, _ in cmd)
    steps: list = []
    own_vote = own_votes_pass(an, organ, did, out)
    if not own_vote:
        if passes(d.rule, an.organ_players(organ), all_ids & pres, pres):
            steps += [s for _, ch in cmd for s in ch.steps]
        else:  # passed by a binding recommendation
            steps += list(out.rests_on)
    recs = []
    bases: list[Basis] = []
    for rid, strength, sub in out.recommendations:
        if strength in ("adopt_or_return", "binding") and sub is not None and sub.possible:
            r = ctx.rel.get(rid)
            if strength == "adopt_or_return":
                recs.append(rid)
            if (strength == "adopt_or_return" and own_vote) or rid in getattr(
                out, "safeguards", ()
            ):
                # a safeguard: the authorities pass the decision with their own votes, or hold
                # the recommender themselves (control.py); its adopt-or-return duty adds to
                # their influence and never counts against them
                bases.append(safeguard_basis(ctx, rid))
                continue
            if sub.rests_on:  # the route (routes.pass_route) already says "chain"
                steps += list(sub.rests_on)
            if r is not None and r.decision:
                bases += decision_assumption(ctx, r.source, r.decision)
    rids = list(dict.fromkeys(s.relation for s in steps))
    bases = route_bases(ctx, rids) + bases
    return PassSide(route, bases, hops_text(dict.fromkeys(steps)), recs)


def safeguard_basis(ctx: Context, rid: str) -> Basis:
    """An adopt-or-return recommendation from a body the authorities control, as a safeguard
    (not conditional)."""
    r = ctx.rel[rid]
    return Basis(
        "safeguard",
        rid,
        r.link,
        f"{r.source} —{r.type}[{r.strength}]→ {r.target}",
        r.provenance.source or "",
    )


def stop_side(ctx: Context, organ: str, did: str, an: ControlAnalysis) -> StopSide | None:
    """How the coalition stops the decision, so that nobody decides it against them:
    (route, bases, reason) for the best alternative (its own votes; links to other votes; an
    adopt-or-return recommendation it can block), or None when it cannot."""
    d = ctx.model.decision(organ, did)
    ps = an.organ_players(organ)
    for level in range(len(LEVELS)):
        out = an.block(organ, did, level)
        if not out.possible:
            continue
        cmd = an.commanded(organ, level)
        pres = an.present(organ)
        own_ids = frozenset(pid for pid, ch in cmd if not ch.steps)
        all_ids = frozenset(pid for pid, _ in cmd)
        alternatives: list[tuple[str, list[Basis], Msg]] = []
        if not passes(d.rule, ps, pres - own_ids, pres):
            alternatives.append(("direct", [], msg("they can stop it with their own votes")))
        elif not passes(d.rule, ps, pres - all_ids, pres):
            steps = [s for _, ch in cmd for s in ch.steps]
            alternatives.append(
                (
                    "chain",
                    route_bases(ctx, dict.fromkeys(s.relation for s in steps)),
                    msg("they can stop it through: {hops}", hops=hops_text(dict.fromkeys(steps))),
                )
            )
        for rid, strength, sub in out.recommendations:
            if strength != "adopt_or_return" or sub is None or not sub.possible:
                continue
            r = ctx.rel.get(rid)
            if r is None or LEVEL_OF.get(r.link, 0) > level:
                continue
            rids = [rid] + [s.relation for s in sub.rests_on]
            alternatives.append(
                (
                    "chain",
                    route_bases(ctx, dict.fromkeys(rids)),
                    msg(
                        "they can stop it by blocking the recommendation {relation} (adopt or return)",
                        relation=rid,
                    ),
                )
            )
        if alternatives:
            ranked = sorted(
                range(len(alternatives)),
                key=lambda i: (
                    RANK[grade(alternatives[i][0], alternatives[i][1])],
                    alternatives[i][0] != "direct",
                    i,
                ),
            )
            route, bases, _how = alternatives[ranked[0]]
            how = (
                alternatives[ranked[0]][2]
                if len(ranked) == 1
                else msg(
                    "{first}; or {others}",
                    first=alternatives[ranked[0]][2],
                    others=[alternatives[i][2] for i in ranked[1:]],
                )
            )
            return StopSide(route, bases, how)
    return None


def absence_basis(ctx: Context, organ: str) -> Basis:
    """The modelled absence from ``organ`` as a turnout basis."""
    n = len(ctx.model.attendance.get(organ, ()))
    return Basis("turnout", f"turnout:{organ}", "", f"{organ}: {n} absent")


def turnout_bases(
    ctx: Context,
    organ: str,
    did: str,
    coalition: tuple[str, ...],
    chains: bool,
    bases: list[Basis],
) -> list[Basis]:
    """A turnout basis when the modelled attendance is what lets the coalition pass or stop
    it (it could not at full attendance)."""
    model = ctx.model
    if not model.attendance:
        return []
    touched = {organ} | {
        ctx.rel[b.ref].source for b in bases if b.kind == "relation" and b.ref in ctx.rel
    }
    absent = {o: len(model.attendance[o]) for o in touched if model.attendance.get(o)}
    if not absent:
        return []
    full = ctx.analysis(coalition, chains=chains, full=True)
    text = ", ".join(f"{o}: {n} absent" for o, n in sorted(absent.items()))
    here = ctx.analysis(coalition, chains=chains)
    same = (
        full.force(organ, did).possible == here.force(organ, did).possible
        and full.block(organ, did).possible == here.block(organ, did).possible
    )
    kind = "data" if same else "turnout"
    return [Basis(kind, f"turnout:{organ}", "", text)]
