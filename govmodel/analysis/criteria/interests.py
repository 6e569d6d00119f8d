"""No interests contrary to the controlling authorities' (anskaffelsesforskriften § 3-2 (2) c).

Read from the articles (purpose, non-commercial, pricing at cost), whether the authorities can
stop a change of the articles, and whether anyone else with a stake may steer the company.
"""

from __future__ import annotations

from fractions import Fraction

from govmodel.analysis.criteria.bases import (
    grade,
    intermediaries,
    intermediary_bases,
    make_verdict,
    steps_bases,
)
from govmodel.analysis.criteria.context import Context
from govmodel.analysis.criteria.facts import ARTICLES
from govmodel.analysis.criteria.influence import stop_side
from govmodel.analysis.criteria.verdicts import Basis, Element, Verdict, dedupe, worst
from govmodel.analysis.outcomes import LEVELS, hops_text
from govmodel.messages import Msg, Term, msg, pct
from govmodel.model import Document

CID = "no_contrary_interests"


def contrary_interests(ctx: Context, coalition: tuple[str, ...]) -> Verdict:
    """The verdict on § 3-2 (2) c: every clause of the articles that keeps the company to the
    authorities' purpose, their power to stop a change of it, and every other owner's stake."""
    model = ctx.model
    docs = [d for d in model.documents.values() if d.kind in ARTICLES]
    elements: list[Element] = []
    if not docs:
        elements.append(
            Element(
                "articles",
                "unknown",
                (msg("the model has no articles (vedtekter) to read purpose and pricing from"),),
            )
        )
    for doc in docs:
        elements.extend(_article_elements(ctx, doc))
        if doc.adopted_by and "." in doc.adopted_by:
            elements.append(_amendment_element(ctx, doc.id, doc.adopted_by, coalition))
    for h in model.company.holders():
        if h in ctx.auth_set:
            continue
        elements.append(_stake_element(ctx, h, coalition))
    verdict = worst(e.verdict for e in elements)
    reasons = [
        msg(
            "rule applied: the articles must keep the company to the authorities' purpose, "
            "non-commercial and at cost, and nobody else with a stake may steer it"
        )
    ]
    bad = [e.key for e in elements if e.verdict == verdict and verdict != "satisfied"]
    if bad:
        reasons.append(msg("weakest: {items}", items=bad[:5]))
    rests = [b for e in elements for b in e.rests_on]
    return make_verdict(ctx, CID, verdict, reasons, rests, elements)


def _article_elements(ctx: Context, doc: Document) -> list[Element]:
    clauses = doc.clauses
    dbases: list[Basis] = []
    if doc.provenance.assumption:
        dbases.append(
            Basis("assumption", doc.id, "", doc.provenance.assumption, doc.provenance.source or "")
        )
    src = doc.provenance.source or ""
    out: list[Element] = []
    purpose = clauses.get("purpose")
    if purpose:
        out.append(
            Element(
                f"{doc.id}.purpose",
                grade("direct", dbases),
                (msg("purpose in {doc}: {text}", doc=doc.name, text=str(purpose)),),
                (Basis("clause", f"{doc.id}.purpose", "", str(purpose), src), *dbases),
                "direct",
            )
        )
    else:
        out.append(
            Element(f"{doc.id}.purpose", "unknown", (msg("{doc} states no purpose", doc=doc.name),))
        )
    out.append(
        _clause_element(
            doc,
            "non_commercial",
            clauses.get("non_commercial") is True,
            "true",
            dbases,
            msg("{doc}: the company is non-commercial", doc=doc.name),
            msg("{doc} does not say whether the company is non-commercial", doc=doc.name),
            msg(
                "{doc} lets the company seek profit: whether that runs against the "
                "authorities' interests is not settled by the articles",
                doc=doc.name,
            ),
        )
    )
    pricing = clauses.get("pricing")
    out.append(
        _clause_element(
            doc,
            "pricing",
            pricing == "cost",
            "cost",
            dbases,
            msg("{doc}: services are priced at cost", doc=doc.name),
            msg("{doc} says nothing about pricing", doc=doc.name),
            msg("{doc}: pricing {pricing}, not at cost", doc=doc.name, pricing=str(pricing)),
        )
    )
    return out


def _clause_element(
    doc: Document,
    clause: str,
    held: bool,
    held_text: str,
    dbases: list[Basis],
    says: Msg,
    silent: Msg,
    otherwise: Msg,
) -> Element:
    """One clause of the articles: ``held`` (it keeps the company to the authorities' interest)
    is direct, a clause the articles leave out is unknown, any other value conditional."""
    key = f"{doc.id}.{clause}"
    value = doc.clauses.get(clause)
    src = doc.provenance.source or ""
    if held:
        return Element(
            key,
            grade("direct", dbases),
            (says,),
            (Basis("clause", key, "", held_text, src), *dbases),
            "direct",
        )
    if value is None:
        return Element(key, "unknown", (silent,))
    return Element(
        key, "conditional", (otherwise,), (Basis("clause", key, "", str(value), src), *dbases)
    )


def _amendment_element(ctx: Context, doc_id: str, adopted_by: str, coalition) -> Element:
    """The clauses hold only as long as the authorities can stop a change of them."""
    organ, did = adopted_by.split(".", 1)
    key = f"{doc_id}.amendment"
    if organ not in ctx.model.organs or not ctx.model.organs[organ].has_decision(did):
        return Element(
            key, "unknown", (msg("{decision} is not in the model", decision=adopted_by),)
        )
    others = [
        u
        for u in (ctx.outsiders() if ctx.facts else ())
        if ctx.analysis((u,)).force(organ, did).possible
    ]
    reasons = []
    if others:
        reasons.append(msg("{who} can change {decision} alone", who=others, decision=adopted_by))
    stop = stop_side(ctx, organ, did, ctx.analysis(coalition))
    if stop is None:
        reasons.append(
            msg("the authorities cannot stop a change of {decision}", decision=adopted_by)
        )
        return Element(key, "not_satisfied", tuple(reasons), (), "none")
    route, bases, how = stop
    reasons.append(msg("a change of {decision}: {how}", decision=adopted_by, how=how))
    return Element(key, grade(route, bases), tuple(reasons), dedupe(bases), route)


def _stake_element(ctx: Context, holder: str, coalition) -> Element:
    model = ctx.model
    a = model.actors.get(holder)
    kind = a.kind if a else "unknown"
    key = f"stake:{holder}"
    share = Fraction(model.company.shares_of(holder), model.company.share_capital or 1)
    if kind in ("private", "person"):
        return Element(
            key,
            "not_satisfied",
            (
                msg(
                    "{who} ({kind}) holds {pct} of the shares",
                    who=holder,
                    kind=Term(kind),
                    pct=pct(share),
                ),
            ),
            (Basis("data", key, "", kind),),
            "none",
        )
    an = ctx.analysis(coalition)
    chain = None
    for lv in range(len(LEVELS)):
        chain = an.vote(holder, lv, ctx.gm())
        if chain is not None:
            break
    if chain is None:
        return Element(
            key,
            "conditional",
            (
                msg(
                    "{who} holds {pct} of the shares and the authorities do not direct its votes: "
                    "its interests may differ",
                    who=holder,
                    pct=pct(share),
                ),
            ),
            (Basis("data", key, "", kind),),
            "none",
        )
    rids = [s.relation for s in chain.steps]
    bases = steps_bases(ctx, rids) + intermediary_bases(ctx, intermediaries(ctx, rids) or (holder,))
    return Element(
        key,
        grade("chain", bases),
        (
            msg(
                "{who} holds {pct} of the shares; the authorities direct its votes through: {hops}",
                who=holder,
                pct=pct(share),
                hops=hops_text(chain.steps) or "-",
            ),
        ),
        dedupe(bases),
        "chain",
    )
