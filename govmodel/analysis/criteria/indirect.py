"""Indirect control: control exercised through another legal person that the authorities
control in the same way (anskaffelsesforskriften § 3-1 (2) second sentence).

Reported only when another criterion relies on it (a basis ``indirect_control:<who>``).
"""

from __future__ import annotations

from collections.abc import Sequence

from govmodel.analysis.criteria.bases import (
    grade,
    intermediary_bases,
    make_verdict,
    steps_bases,
)
from govmodel.analysis.criteria.context import Context
from govmodel.analysis.criteria.verdicts import Element, Verdict, dedupe, worst
from govmodel.analysis.outcomes import LEVELS, hops_text
from govmodel.messages import msg

CID = "indirect_control"


def indirect(ctx: Context, verdicts: Sequence[Verdict]) -> Verdict:
    """The verdict on every legal person that ``verdicts`` rely on for control: do the
    participating authorities control it, and through which links."""
    used: dict[str, None] = {}
    for v in verdicts:
        for b in v.rests_on:
            if b.kind == "intermediary" and b.ref.startswith("indirect_control:"):
                used.setdefault(b.ref.split(":", 1)[1], None)
    if not used:
        return make_verdict(
            ctx,
            CID,
            "satisfied",
            [
                msg(
                    "not relied on: the authorities' control does not run through another legal person"
                )
            ],
            [],
            [],
        )
    elements = []
    an = ctx.analysis(ctx.auth)
    for x in used:
        chain = None
        for lv in range(len(LEVELS)):
            chain = an.actor(x, lv)
            if chain is not None:
                break
        if chain is None:
            elements.append(
                Element(
                    x,
                    "not_satisfied",
                    (msg("the authorities do not control {who}", who=x),),
                    (),
                    "none",
                )
            )
            continue
        rids = [s.relation for s in chain.steps]
        bases = steps_bases(ctx, rids) + intermediary_bases(ctx, (x,))
        reasons = [
            msg(
                "the authorities control {who} through: {hops}",
                who=x,
                hops=hops_text(chain.steps) or "-",
            )
        ]
        if ctx.joint:
            reasons.append(
                msg(
                    "the regulation states indirect control for one authority ({section}); "
                    "for joint control it rests on the reading {reading} = {value}",
                    section=ctx.section(CID),
                    reading="indirect_control_joint",
                    value=ctx.reading("indirect_control_joint"),
                )
            )
        elements.append(Element(x, grade("chain", bases), tuple(reasons), dedupe(bases), "chain"))
    verdict = worst(e.verdict for e in elements)
    rests = [b for e in elements for b in e.rests_on]
    return make_verdict(
        ctx, CID, verdict, [msg("control runs through {who}", who=list(used))], rests, elements
    )
