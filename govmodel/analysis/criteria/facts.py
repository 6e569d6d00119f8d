"""What the model says that the criteria read: the supplier's decision-making bodies, its
strategic decisions, and the rules the model cites from other sources."""

from __future__ import annotations

from collections.abc import Sequence

from govmodel.analysis.criteria.verdicts import StatuteCheck
from govmodel.law import LawData, builtin_law
from govmodel.model import Model

#: Organ kinds that are decision-making bodies of the supplier by default.
BODY_KINDS = ("general_meeting", "board")
#: Document kinds whose adoption is a strategic decision, and those whose clauses state purpose.
STRATEGIC_DOCUMENTS = ("vedtekter", "eierstrategi", "selskapsavtale")
ARTICLES = ("vedtekter", "selskapsavtale")


def decision_making_bodies(model: Model, kinds: Sequence[str] = BODY_KINDS) -> tuple[str, ...]:
    """The supplier's decision-making bodies ("styrende organer", anskaffelsesforskriften
    § 3-2 (2) a): its organs (``part_of: company``) of the given kinds (default: general
    meeting and board), in model order.

    >>> from govmodel.load import load_model
    >>> decision_making_bodies(load_model("models/ownership_a.yaml"))
    ('generalforsamling', 'styre')
    """
    return tuple(o.id for o in model.organs.values() if o.part_of == "company" and o.kind in kinds)


def supreme_bodies(model: Model, bodies: Sequence[str]) -> tuple[str, ...]:
    """Of ``bodies``, those no other company organ elects, appoints or instructs (the general
    meeting; for a stiftelse the board)."""
    company = {o.id for o in model.organs.values() if o.part_of == "company"}
    governed = {
        r.target
        for r in model.relations
        if r.type in ("elects", "appoints", "instructs")
        and r.link != "advisory"
        and r.source in company
        and r.source != r.target
    }
    return tuple(b for b in bodies if b not in governed)


def strategic_decisions(model: Model) -> tuple[tuple[str, str], ...]:
    """(organ, decision) of the supplier's strategic decisions: those the model marks
    ``strategic: true``, the adoption of the articles and the eierstrategi (documents'
    ``adopted_by``), and the election of the board.

    >>> from govmodel.load import load_model
    >>> ("generalforsamling", "articles") in strategic_decisions(
    ...     load_model("models/ownership_a.yaml"))
    True
    """
    chosen: dict[tuple[str, str], None] = {}
    company = {o.id for o in model.organs.values() if o.part_of == "company"}
    extra: set[tuple[str, str]] = set()
    for doc in model.documents.values():
        if doc.kind in STRATEGIC_DOCUMENTS and doc.adopted_by and "." in doc.adopted_by:
            organ, decision = doc.adopted_by.split(".", 1)
            extra.add((organ, decision))
    for r in model.relations:
        if (
            r.type in ("elects", "appoints")
            and r.decision
            and r.target in model.organs
            and model.organs[r.target].kind == "board"
        ):
            extra.add((r.source, r.decision))
    for o in model.organs.values():
        if o.id not in company:
            continue
        for d in o.decisions:
            if d.strategic or (o.id, d.id) in extra:
                chosen[(o.id, d.id)] = None
    return tuple(chosen)


def statute_checks(model: Model, law: LawData | None = None) -> tuple[StatuteCheck, ...]:
    """Every rule the model cites from another source, compared with the decision's rule from
    the law data (e.g. the study's 9/10 for an extraordinary general meeting, aksjeloven § 5-6:
    1/10)."""
    law = law or builtin_law()
    out = []
    for o in model.organs.values():
        for d in o.decisions:
            for c in d.cited:
                section = (
                    law.rules[d.law].section
                    if d.law and d.law in law.rules
                    else (d.provenance.source or "")
                )
                out.append(
                    StatuteCheck(
                        o.id,
                        d.id,
                        c.source,
                        c.text,
                        c.rule,
                        d.rule,
                        d.law,
                        section,
                        c.rule == d.rule,
                    )
                )
    return tuple(out)
