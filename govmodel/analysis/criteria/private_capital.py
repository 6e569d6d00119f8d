"""No direct private capital in the supplier (anskaffelsesforskriften § 3-1 (1) c and
§ 3-2 (1) c).

Every owner that is not a participating authority is classed: a private person or company
(direct private capital: not satisfied unless the law data allows it), a public owner, or an
association whose members are described (only direct private capital counts).
"""

from __future__ import annotations

from fractions import Fraction

from govmodel.analysis.chains import upstream
from govmodel.analysis.criteria.bases import grade, make_verdict
from govmodel.analysis.criteria.context import Context
from govmodel.analysis.criteria.verdicts import Basis, Element, Verdict, worst
from govmodel.messages import Term, few, msg, pct
from govmodel.model import Model

CID = "no_private_capital"


def private_capital(ctx: Context) -> Verdict:
    """The verdict on direct private capital: one element per owner that is not a
    participating authority."""
    model = ctx.model
    allowed = bool(ctx.param(CID, "direct_private_capital_allowed", default=False))
    elements: list[Element] = []
    holders = model.company.holders()
    members_of: dict[str, list[str]] = {}
    for r in model.relations:
        if r.type == "member_of":
            src = model.groups[r.source].members if r.source in model.groups else (r.source,)
            members_of.setdefault(r.target, []).extend(src)
    for h in holders:
        if h in ctx.auth_set:
            continue
        a = model.actors.get(h)
        kind = a.kind if a else "unknown"
        key = f"holder:{h}"
        share = pct(Fraction(model.company.shares_of(h), model.company.share_capital or 1))
        if kind in ("private", "person"):
            elements.append(
                Element(
                    key,
                    "satisfied" if allowed else "not_satisfied",
                    (msg("{who} is a {kind} owner with {pct}", who=h, kind=Term(kind), pct=share),),
                    (Basis("data", key, "", kind, a.provenance.source or "" if a else ""),),
                    "direct",
                )
            )
        elif kind == "state_body" or (a is not None and a.contracting_authority is True):
            elements.append(
                Element(
                    key,
                    "satisfied",
                    (msg("{who} is a public owner ({kind})", who=h, kind=Term(kind)),),
                    (),
                    "direct",
                )
            )
        elif kind == "association" and h in members_of:
            members = members_of[h]
            private = [
                m
                for m in members
                if m in model.actors and model.actors[m].kind in ("private", "person")
            ]
            bases = [
                Basis(
                    "relation",
                    r.id,
                    r.link,
                    f"{r.source} —{r.type}→ {r.target}",
                    r.provenance.source or "",
                )
                for r in model.relations
                if r.type == "member_of" and r.target == h
            ]
            if a is not None and a.provenance.assumption:
                bases.append(
                    Basis("assumption", h, "", a.provenance.assumption, a.provenance.source or "")
                )
            if private:
                reason = msg(
                    "{who} is an association with private members ({members}); only direct "
                    "private capital counts",
                    who=h,
                    members=few(private),
                )
            else:
                reason = msg(
                    "{who} is an association whose {n} members are all contracting authorities",
                    who=h,
                    n=len(members),
                )
            elements.append(Element(key, grade("chain", bases), (reason,), tuple(bases), "chain"))
        elif a is not None and a.owners:
            elements.append(_owned_holder(h, key, share, allowed, model))
        else:
            elements.append(
                Element(
                    key,
                    "unknown",
                    (
                        msg(
                            "the model does not say whether the capital of {who} ({kind}) is private",
                            who=h,
                            kind=Term(kind),
                        ),
                    ),
                    (),
                )
            )
    if not elements:
        reason = (
            msg("every owner is a contracting authority")
            if holders
            else msg("the company has no owners, so no private capital")
        )
        return make_verdict(ctx, CID, "satisfied", [reason], [], [])
    verdict = worst(e.verdict for e in elements)
    reasons = [msg("rule applied: no direct private capital in the supplier")]
    rests = [b for e in elements for b in e.rests_on]
    return make_verdict(ctx, CID, verdict, reasons, rests, elements)


def _owned_holder(h: str, key: str, share: str, allowed: bool, model: Model) -> Element:
    """A holder that is a company owned by other actors: its capital is classed by the owners
    above it, up the whole chain (:func:`govmodel.analysis.chains.upstream`). A private owner
    anywhere above counts as private capital in the supplier: control exercised through another
    legal person must be control in the same way (anskaffelsesforskriften § 3-1 (2), § 3-2 (2)),
    so the holding must be free of private capital as the supplier is (§ 3-1 (1) c)."""
    up = upstream(model, h)
    bases = [
        Basis("data", f"owns:{p.owner}", "", " —owns→ ".join(reversed(p.path)), "")
        for p in up.private + up.public + up.other
    ]
    if up.private:
        reason = msg(
            "{who} ({pct}) has a private owner above it: {path}",
            who=h,
            pct=share,
            path=[" —owns→ ".join(reversed(p.path)) for p in up.private],
        )
        return Element(
            key, "satisfied" if allowed else "not_satisfied", (reason,), tuple(bases), "chain"
        )
    if up.other or up.closed_cycles:
        unclassed = [p.owner for p in up.other] + [" ↔ ".join(sorted(c)) for c in up.closed_cycles]
        reason = msg(
            "the model does not say whether the capital of {owners} above {who} is private",
            who=h,
            owners=unclassed,
        )
        return Element(key, "unknown", (reason,), tuple(bases), "chain")
    reason = msg(
        "{who} is owned through a chain whose ultimate owners are all public ({owners})",
        who=h,
        owners=few([p.owner for p in up.public]),
    )
    return Element(key, grade("chain", bases), (reason,), tuple(bases), "chain")
