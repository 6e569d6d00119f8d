"""Representation on the supplier's decision-making bodies (anskaffelsesforskriften § 3-2 (2) a).

The supplier's decision-making bodies must be composed of representatives of all participating
authorities; one person may represent several or all of them. Each body's element is the worst
authority's route in the coverage matrix (:mod:`govmodel.analysis.coverage`), made conditional by
any assumption on the paths used.
"""

from __future__ import annotations

from govmodel.analysis.criteria.bases import (
    intermediaries,
    intermediary_bases,
    make_verdict,
    steps_bases,
)
from govmodel.analysis.criteria.context import Context
from govmodel.analysis.criteria.facts import supreme_bodies
from govmodel.analysis.criteria.verdicts import RANK, Basis, Element, Verdict, dedupe, worst
from govmodel.i18n import N_
from govmodel.messages import Msg, Term, few, msg

CID = "joint_control_representation"
READING = "representation_bodies"

#: Coverage link kind -> grade of that representation.
LINK_GRADE = {
    "direct": "satisfied",
    "chain": "satisfied_indirect",
    "contractual": "conditional",
    "revocable": "conditional",
    "diffuse": "conditional",
    "none": "not_satisfied",
}


def representation(ctx: Context) -> Verdict:
    """The representation verdict: per body, how every participating authority is represented;
    the criterion's grade is the supreme body's (every body's with ``ctx.all_bodies``)."""
    cov = ctx.coverage()
    elements: list[Element] = []
    for bc in cov.bodies:
        organ = ctx.model.organs[bc.body]
        counts = {k: v for k, v in bc.counts().items() if v}
        bases: list[Basis] = []
        grades = []
        seen_paths: set[tuple[str, ...]] = set()
        for cell in bc.cells:
            g = LINK_GRADE[cell.link]
            if cell.path and cell.path not in seen_paths:
                seen_paths.add(cell.path)
                bases.extend(steps_bases(ctx, cell.path))
                bases.extend(intermediary_bases(ctx, intermediaries(ctx, cell.path)))
            grades.append(g)
        if any(c.link == "diffuse" for c in bc.cells):
            bases.append(
                Basis(
                    "interpretation",
                    f"diffuse:{bc.body}",
                    "",
                    N_(
                        "one representative may represent several or all of the "
                        "authorities; a body elected by all of them together is read as "
                        "representing each"
                    ),
                    ctx.section(CID),
                )
            )
        cell_grade = worst(grades) if grades else "unknown"
        if any(b.conditional for b in bases) and cell_grade in ("satisfied", "satisfied_indirect"):
            cell_grade = "conditional"
        if bc.unfilled and cell_grade == "not_satisfied":
            cell_grade = "unknown"
        reasons: list[Msg] = [
            msg(
                "{body}: {counts}",
                body=organ.name,
                counts=[msg("{n} {kind}", n=n, kind=Term(k)) for k, n in counts.items()],
            )
        ]
        example = _example_cell(bc)
        if example is not None:
            reasons.append(msg("path, e.g.: {hops}", hops=example.hops))
        if bc.unfilled:
            reasons.append(
                msg("seats nobody fills in the model: {groups}", groups=list(bc.unfilled))
            )
        missing = [c.authority for c in bc.cells if c.link == "none"]
        if missing:
            reasons.append(msg("not represented: {who}", who=few(missing)))
        elements.append(Element(bc.body, cell_grade, tuple(reasons), dedupe(bases), bc.weakest()))
    if not elements:
        return make_verdict(
            ctx,
            CID,
            "unknown",
            [msg("the model has no decision-making body of the supplier")],
            [],
            [],
        )
    supreme = supreme_bodies(ctx.model, ctx.bodies)
    strict = ctx.reading(READING) == "all_bodies"
    at_supreme = [e for e in elements if e.key in supreme] or elements
    if strict or not supreme:
        decisive = elements
        rule = msg("rule applied: every decision-making body must include every authority")
    else:
        decisive = at_supreme
        rule = msg(
            "rule applied: every authority must be represented in the supreme body ({bodies}); "
            "the other bodies are reported",
            bodies=[ctx.model.organs[b].name for b in supreme],
        )
    verdict = worst(e.verdict for e in decisive)
    reasons = [rule]
    for e in elements:
        if e not in decisive and RANK[e.verdict] > RANK[verdict]:
            reasons.append(
                msg(
                    "{body} is weaker ({grade}) but is not the supreme body",
                    body=ctx.model.organs[e.key].name,
                    grade=Term(e.verdict),
                )
            )
        if ctx.model.organs[e.key].kind == "board" and e.route == "diffuse":
            reasons.append(
                msg(
                    "the study keeps owners off the board ({source}: avoid direct owner "
                    "representation): the authorities are represented on {body} only as the "
                    "general meeting elects it, all of them together",
                    source="002 §5.4.6",
                    body=ctx.model.organs[e.key].name,
                )
            )
    rests = [b for e in decisive for b in e.rests_on]
    # the verdict rests on the reading when the other alternative would grade it otherwise
    other = worst(e.verdict for e in (at_supreme if strict else elements))
    if supreme and other != verdict:
        rests.append(ctx.reading_basis(READING))
        reasons.append(
            msg(
                "under the other reading of which bodies count, the verdict would be {grade}",
                grade=Term(other),
            )
        )
    return make_verdict(ctx, CID, verdict, reasons, rests, elements)


def _example_cell(bc):
    worst_kind = bc.weakest()
    for c in bc.cells:
        if c.link == worst_kind and c.link != "none":
            return c
    return None
