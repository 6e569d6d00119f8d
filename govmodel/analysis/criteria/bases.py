"""What a verdict rests on, and the grading rule shared by every criterion.

A route is graded by :func:`grade`: ``direct`` is satisfied, a chain of firm links is satisfied
indirectly, and any conditional basis (a contractual or revocable link, a recommendation, an
assumption, the turnout, an open reading) makes it conditional.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from govmodel.analysis.criteria.context import Context
from govmodel.analysis.criteria.verdicts import Basis, Element, Verdict, dedupe
from govmodel.i18n import N_
from govmodel.messages import Msg
from govmodel.model import Actor

READING_INDIRECT = "indirect_control_joint"
#: Actor kinds that are legal persons through which control can run (indirect control).
LEGAL_PERSONS = ("association", "company", "state_body", "private")


def grade(route: str, bases: Iterable[Basis]) -> str:
    """The grade of a route given what it rests on.

    >>> grade("direct", [])
    'satisfied'
    >>> grade("chain", [Basis("relation", "r", "firm")])
    'satisfied_indirect'
    >>> grade("direct", [Basis("assumption", "x")])
    'conditional'
    >>> grade("none", [])
    'not_satisfied'
    >>> grade("chain", [Basis("barred", "indirect_control_joint")])
    'not_satisfied'
    """
    bases = list(bases)
    if route == "none" or any(b.kind == "barred" for b in bases):
        return "not_satisfied"
    g = "satisfied" if route == "direct" else "satisfied_indirect"
    if any(b.conditional for b in bases):
        g = "conditional"
    return g


def relation_bases(ctx: Context, rid: str) -> tuple[Basis, ...]:
    """The relation as a link, and every assumption behind using it: the relation's own,
    the deciding decision's rule and the seats it fills."""
    return ctx._cached(("rel_bases", rid), lambda: _relation_bases(ctx, rid))


def _relation_bases(ctx: Context, rid: str) -> tuple[Basis, ...]:
    model = ctx.model
    r = ctx.rel.get(rid)
    if r is None:
        return ()
    src = r.provenance.source or ""
    out = [Basis("relation", r.id, r.link, f"{r.source} —{r.type}→ {r.target}", src)]
    if r.type == "recommends" and r.strength == "adopt_or_return":
        out.append(Basis("recommendation", r.id, r.link, r.strength, src))
    if r.provenance.assumption:
        out.append(Basis("assumption", r.id, "", r.provenance.assumption, src))
    if r.decision and r.source in model.organs:
        o = model.organs[r.source]
        if o.has_decision(r.decision):
            d = o.decision(r.decision)
            if d.provenance.assumption:
                out.append(
                    Basis(
                        "assumption",
                        f"{o.id}.{d.id}",
                        "",
                        d.provenance.assumption,
                        d.provenance.source or "",
                    )
                )
    if r.type in ("elects", "appoints") and r.target in model.organs:
        seen: set[str] = set()
        for s in model.organs[r.target].seats:
            if s.holder or s.group in seen or (r.seats and s.group not in r.seats):
                continue
            seen.add(s.group)
            if s.provenance.assumption:
                out.append(
                    Basis(
                        "assumption",
                        f"{r.target}.{s.group}",
                        "",
                        s.provenance.assumption,
                        s.provenance.source or "",
                    )
                )
    return tuple(out)


def steps_bases(ctx: Context, relation_ids: Iterable[str]) -> list[Basis]:
    """The bases of every relation of a route."""
    out: list[Basis] = []
    for rid in relation_ids:
        out.extend(relation_bases(ctx, rid))
    return out


def legal_persons_on(
    ctx: Context, relation_ids: Iterable[str], keep: Callable[[str, Actor], bool]
) -> tuple[str, ...]:
    """The legal persons (actors of a kind in ``LEGAL_PERSONS``) at either end of the relations
    of a route, in route order, each once, that ``keep(id, actor)`` accepts."""
    found: dict[str, None] = {}
    for rid in relation_ids:
        r = ctx.rel.get(rid)
        if r is None:
            continue
        for node in (r.source, r.target):
            a = ctx.model.actors.get(node)
            if a is not None and a.kind in LEGAL_PERSONS and keep(node, a):
                found.setdefault(node, None)
    return tuple(found)


def intermediaries(ctx: Context, relation_ids: Iterable[str]) -> tuple[str, ...]:
    """Legal persons other than the authorities that a route passes through."""
    return legal_persons_on(ctx, relation_ids, lambda _, a: a.contracting_authority is not True)


def intermediary_bases(ctx: Context, who: Iterable[str]) -> list[Basis]:
    """Control through another legal person (anskaffelsesforskriften § 3-1 (2) second
    sentence), and the intermediary's own status assumption. Under joint control the regulation
    has no such sentence: the route rests on the reading ``indirect_control_joint`` (open:
    conditional; yes: a chain like any other; no: the route does not count)."""
    out: list[Basis] = []
    for x in who:
        a = ctx.model.actors[x]
        out.append(
            Basis(
                "intermediary",
                f"indirect_control:{x}",
                "",
                N_("control runs through another legal person"),
                ctx.section("indirect_control"),
            )
        )
        if ctx.joint:
            value = ctx.reading(READING_INDIRECT)
            out.append(ctx.reading_basis(READING_INDIRECT, conditional=value == "open"))
            if value == "no":
                out.append(
                    Basis(
                        "barred",
                        f"indirect_control:{x}",
                        value,
                        N_(
                            "under the chosen reading, joint control cannot be exercised "
                            "through another legal person"
                        ),
                        ctx.section("indirect_control"),
                    )
                )
        if a.provenance.assumption:
            out.append(
                Basis("assumption", x, "", a.provenance.assumption, a.provenance.source or "")
            )
    return out


def route_bases(ctx: Context, rids: Iterable[str]) -> list[Basis]:
    """The bases of a route and of the legal persons it passes through."""
    rids = list(rids)
    return steps_bases(ctx, rids) + intermediary_bases(ctx, intermediaries(ctx, rids))


def decision_assumption(ctx: Context, organ: str, did: str) -> list[Basis]:
    """The ``assumption:`` on a decision's rule, as a basis."""
    o = ctx.model.organs.get(organ)
    if o is None or not o.has_decision(did):
        return []
    d = o.decision(did)
    if not d.provenance.assumption:
        return []
    return [
        Basis(
            "assumption",
            f"{organ}.{did}",
            "",
            d.provenance.assumption,
            d.provenance.source or "",
        )
    ]


def make_verdict(
    ctx: Context,
    cid: str,
    verdict: str,
    reasoning: Sequence[Msg],
    rests_on: Iterable[Basis],
    elements: Sequence[Element],
    extra_sources: Sequence[str] = (),
) -> Verdict:
    """A :class:`Verdict` on criterion ``cid`` with its name and section from the law data and
    its sources (the section first, then every basis's source)."""
    rests = dedupe(list(rests_on))
    crit = ctx.crit.get(cid)
    section = crit.section if crit else cid
    name = dict(crit.name) if crit else {"nb": cid, "en": cid}
    sources = [section]
    for b in rests:
        if b.source:
            sources.append(b.source)
    sources += [s for s in extra_sources if s]
    return Verdict(
        cid,
        section,
        name,
        verdict,
        tuple(reasoning),
        tuple(dict.fromkeys(sources)),
        rests,
        tuple(elements),
    )
