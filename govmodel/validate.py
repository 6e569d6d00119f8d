"""Cross-reference and structural checks on a built model.

Run by the loader after the model is assembled; every problem is added to the builder's list
with the location of the offending element, so all problems of a file appear in one run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from govmodel import model as M
from govmodel.errors import Loc, did_you_mean
from govmodel.rules import Approvers, ClassConsent, Quota, walk
from govmodel.yamlsafe import YList, YMap

CAPITAL_BASES = ("capital_represented", "total_capital")


class Problems(Protocol):
    """Where the checks report: the loader's builder, with the located YAML node of each
    relation, decision, document and the company (by ``(kind, id)``) and its problem list."""

    @property
    def nodes(self) -> Mapping[tuple[str, str], YMap]: ...

    def err(self, loc: Loc, msg: str) -> None: ...

    def warn(self, loc: Loc, msg: str) -> None: ...


def _loc(p: M.Provenance, fallback: Loc) -> Loc:
    return p.loc or fallback


def _at(
    b: Problems, kind: str, ident: str, key: str, fallback: Loc, index: int | None = None
) -> Loc:
    """Location of field ``key`` (item ``index`` of a list field) of a relation, decision,
    document or the company, as recorded by the builder; ``fallback`` if unknown."""
    node = b.nodes.get((kind, ident))
    if node is None or key not in node:
        return fallback
    val = node[key]
    if index is not None and isinstance(val, YList) and 0 <= index < len(val.item_loc):
        return val.item_loc[index]
    return node.at(key)


def validate_model(model: M.Model, b: Problems) -> None:
    """Add every structural problem of ``model`` to builder ``b`` (errors and warnings)."""
    here = Loc(model.path, 1, 1)
    _check_documents(model, b, here)
    _check_company(model, b, here)
    _check_rules(model, b, here)
    _check_relations(model, b, here)
    _check_seats_filled(model, b, here)
    _check_cycles(model, b, here)
    _check_voters(model, b, here)


def _check_documents(model: M.Model, b: Problems, here: Loc) -> None:
    for doc, loc in getattr(b, "doc_refs", []):
        if doc not in model.documents:
            b.err(
                loc,
                f"unknown document {doc!r}{did_you_mean(doc, model.documents)}; declare it under 'documents:'",
            )
    for d in model.documents.values():
        if d.adopted_by is None:
            continue
        organ, _, dec = d.adopted_by.partition(".")
        if organ not in model.organs or not model.organs[organ].has_decision(dec):
            b.err(
                _at(b, "document", d.id, "adopted_by", _loc(d.provenance, here)),
                f"document {d.id} adopted_by {d.adopted_by!r} does not name an organ.decision of this model",
            )


def _check_company(model: M.Model, b: Problems, here: Loc) -> None:
    c = model.company
    loc = _loc(c.provenance, here)
    if model.form.has_shares and getattr(b, "holdings_complete", True):
        total = sum(h.shares for h in c.holdings)
        if total != c.share_capital:
            parts = " + ".join(f"{blk.holder} {blk.shares}" for blk in c.blocks)
            b.err(
                _at(b, "company", "", "share_capital", loc),
                f"holdings sum to {total} shares ({parts}) but share_capital is {c.share_capital}; they must be equal",
            )
    elif not model.form.has_shares and c.holdings:
        b.err(
            loc,
            f"company form {model.form.form} has no owners or shares (see {model.form.provenance.source}); remove the holdings",
        )
    if model.form.owner_kinds is not None:
        for holder in c.holders():
            kind = model.actors[holder].kind
            if kind not in model.form.owner_kinds:
                allowed = ", ".join(model.form.owner_kinds) or "none"
                b.warn(
                    loc,
                    f"{holder} ({kind}) may not own a {model.form.form} ({model.form.provenance.source}: allowed owner kinds: {allowed})",
                )


def _players(model: M.Model, organ: M.Organ) -> set[str]:
    return (
        set(model.company.holders())
        if organ.shareholders
        else {s.id for s in organ.seats} | {s.holder for s in organ.seats if s.holder}
    )


def _check_rules(model: M.Model, b: Problems, here: Loc) -> None:
    classes = {sc.id for sc in model.company.share_classes}
    for organ in model.organs.values():
        players = _players(model, organ)
        for d in organ.decisions:
            loc = _at(b, "decision", d.key, "rule", _loc(d.provenance, here))
            for r in walk(d.rule):
                if (
                    isinstance(r, (Quota, ClassConsent))
                    and r.base in CAPITAL_BASES
                    and not organ.shareholders
                ):
                    b.err(
                        loc,
                        f"decision {d.key} counts {r.base}, but {organ.id} is not a meeting of shareholders; use votes_cast, seats or seats_present",
                    )
                if isinstance(r, ClassConsent) and r.share_class not in classes:
                    b.err(
                        loc,
                        f"decision {d.key}: unknown share class {r.share_class!r}{did_you_mean(r.share_class, classes)}",
                    )
                if isinstance(r, Approvers):
                    for pid in r.ids:
                        if pid == "chair":
                            if not any(s.chair for s in organ.seats) and not organ.shareholders:
                                b.warn(
                                    loc,
                                    f"decision {d.key} gives the chair a casting vote, but no seat of {organ.id} is marked 'chair: true'",
                                )
                            continue
                        if pid not in players:
                            b.err(
                                loc,
                                f"decision {d.key}: approver {pid!r} is not a player of {organ.id}{did_you_mean(pid, players)}",
                            )


def _endpoint_kinds(model: M.Model, x: str) -> set[str]:
    kinds = set()
    if x in model.actors:
        kinds.add("actor")
    if x in model.groups:
        kinds.add("group")
    if x in model.organs:
        kinds.add("organ")
    if x in model.documents:
        kinds.add("document")
    if x == model.company.id:
        kinds.add("company")
    return kinds


def _check_relations(model: M.Model, b: Problems, here: Loc) -> None:
    everything = (
        list(model.actors)
        + list(model.groups)
        + list(model.organs)
        + list(model.documents)
        + [model.company.id]
    )
    for r in model.relations:
        loc = _loc(r.provenance, here)
        for end, key in ((r.source, "from"), (r.target, "to")):
            if not _endpoint_kinds(model, end):
                b.err(
                    _at(b, "relation", r.id, key, loc),
                    f"relation {r.id}: unknown id {end!r}{did_you_mean(end, everything)}",
                )
        if not _endpoint_kinds(model, r.source) or not _endpoint_kinds(model, r.target):
            continue
        src_organ = model.organs.get(r.source)
        dst_organ = model.organs.get(r.target)
        if r.type in ("elects", "appoints", "instructs", "recommends"):
            if src_organ is None:
                b.err(
                    _at(b, "relation", r.id, "from", loc),
                    f"relation {r.id}: a {r.type} relation comes from an organ (its decision does it); {r.source!r} is not an organ",
                )
                continue
            _check_decision(
                b,
                r,
                loc,
                "decision",
                src_organ,
                f"{r.type} needs 'decision:' naming the decision of {r.source} that does it",
            )
        if r.type in ("elects", "appoints"):
            if dst_organ is None:
                target = model.actors.get(r.target)
                if target is None or target.kind not in ("role", "person"):
                    b.err(
                        _at(b, "relation", r.id, "to", loc),
                        f"relation {r.id}: {r.type} fills seats of an organ or a role; {r.target!r} is neither",
                    )
                elif r.seats:
                    b.err(
                        _at(b, "relation", r.id, "seats", loc),
                        f"relation {r.id}: 'seats:' applies to organs; {r.target} is a role",
                    )
                continue
            groups = dst_organ.seat_groups()
            for i, s in enumerate(r.seats):
                if s not in groups:
                    b.err(
                        _at(b, "relation", r.id, "seats", loc, i),
                        f"relation {r.id}: organ {r.target} has no seat {s!r}{did_you_mean(s, groups)}",
                    )
                elif any(seat.holder for seat in dst_organ.seats if seat.group == s):
                    b.err(
                        _at(b, "relation", r.id, "seats", loc, i),
                        f"relation {r.id}: seat {r.target}.{s} has a fixed holder and cannot also be elected",
                    )
        if r.type == "recommends":
            if dst_organ is None:
                b.err(
                    _at(b, "relation", r.id, "to", loc),
                    f"relation {r.id}: recommends goes to an organ; {r.target!r} is not an organ",
                )
            else:
                _check_decision(
                    b,
                    r,
                    loc,
                    "to_decision",
                    dst_organ,
                    f"recommends needs 'to_decision:' naming the decision of {r.target} it is for",
                )
        if r.type == "instructs" and r.target not in model.organs and r.target not in model.actors:
            b.err(
                _at(b, "relation", r.id, "to", loc),
                f"relation {r.id}: instructs goes to an organ or an actor whose votes it directs",
            )
        if r.type == "proxy":
            if r.source not in model.actors:
                b.err(
                    _at(b, "relation", r.id, "from", loc),
                    f"relation {r.id}: a proxy is given by an actor; {r.source!r} is not one",
                )
            elif model.company.shares_of(r.source) == 0 and not any(
                s.holder == r.source for o in model.organs.values() for s in o.seats
            ):
                b.err(
                    _at(b, "relation", r.id, "from", loc),
                    f"relation {r.id}: proxy from {r.source}, which holds no shares and no seat; a proxy passes on votes the giver has",
                )
            if r.target not in model.actors and r.target not in model.organs:
                b.err(
                    _at(b, "relation", r.id, "to", loc),
                    f"relation {r.id}: a proxy goes to an actor (a person) or an organ; {r.target!r} is neither",
                )
            elif r.target in model.organs:
                b.warn(
                    loc,
                    f"relation {r.id}: proxy to the organ {r.target} as such; a proxy to an organ rather than a person is legally uncertain (002 §5.4.3)",
                )


def _check_decision(
    b: Problems, r: M.Relation, loc: Loc, key: str, organ: M.Organ, missing: str
) -> None:
    """The decision a relation names in field ``key`` (``decision`` of its source organ or
    ``to_decision`` of its target) is given and is one of ``organ``'s decisions."""
    did = r.decision if key == "decision" else r.to_decision
    if did is None:
        b.err(loc, f"relation {r.id}: {missing}")
    elif not organ.has_decision(did):
        known = [d.id for d in organ.decisions]
        b.err(
            _at(b, "relation", r.id, key, loc),
            f"relation {r.id}: organ {organ.id} has no decision {did!r}{did_you_mean(did, known)}",
        )


def _check_seats_filled(model: M.Model, b: Problems, here: Loc) -> None:
    fillers: dict[tuple[str, str], list[str]] = {}
    for r in model.relations:
        if r.type not in ("elects", "appoints") or r.target not in model.organs:
            continue
        organ = model.organs[r.target]
        groups = r.seats or tuple(
            g for g in organ.seat_groups() if not any(s.holder for s in organ.seats if s.group == g)
        )
        for g in groups:
            fillers.setdefault((organ.id, g), []).append(r.id)
    for organ in model.organs.values():
        for g in organ.seat_groups():
            seats = [s for s in organ.seats if s.group == g]
            if any(s.holder for s in seats):
                continue
            who = fillers.get((organ.id, g), [])
            loc = _loc(seats[0].provenance, here)
            if not who:
                b.err(
                    loc,
                    f"seat {organ.id}.{g} has no holder and no elects/appoints relation fills it; add 'holder:' or a relation",
                )
            elif len(who) > 1:
                b.err(
                    loc,
                    f"seat {organ.id}.{g} is filled by more than one relation ({', '.join(who)}); name the seats each fills with 'seats:'",
                )


def _acyclic(edges: dict[tuple[str, str], Loc]) -> bool:
    """Kahn's algorithm: True when the appointment edges have no cycle (the usual case)."""
    indeg: dict[str, int] = {}
    out: dict[str, list[str]] = {}
    for a, c in edges:
        out.setdefault(a, []).append(c)
        indeg[c] = indeg.get(c, 0) + 1
        indeg.setdefault(a, 0)
    ready = [n for n, d in indeg.items() if d == 0]
    seen = 0
    while ready:
        n = ready.pop()
        seen += 1
        for m in out.get(n, ()):
            indeg[m] -= 1
            if indeg[m] == 0:
                ready.append(m)
    return seen == len(indeg)


def _check_cycles(model: M.Model, b: Problems, here: Loc) -> None:
    locs: dict[tuple[str, str], Loc] = {}
    for r in model.relations:
        if (
            r.type in ("elects", "appoints")
            and r.source in model.organs
            and r.target in model.organs
            and r.source != r.target
        ):
            locs[(r.source, r.target)] = _loc(r.provenance, here)
    if _acyclic(locs):
        return
    import networkx as nx  # only needed to name the cycles; slow to import

    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_edges_from(locs)
    for found in nx.simple_cycles(g):
        # simple_cycles starts a cycle at an arbitrary organ (it depends on string hashing);
        # start at the smallest id so the message and its location are stable between runs
        first = found.index(min(found))
        cycle = found[first:] + found[:first]
        path = " -> ".join(cycle + [cycle[0]])
        b.err(
            locs[(cycle[0], cycle[1 % len(cycle)])],
            f"appointment cycle: {path}; an organ cannot (indirectly) appoint the organ that appoints it",
        )


def _check_voters(model: M.Model, b: Problems, here: Loc) -> None:
    """Every organ that takes decisions has someone to take them: seats, or (a meeting of
    shareholders) at least one holder with shares. The analysis has no game without players."""
    holders = model.company.holders()
    for organ in model.organs.values():
        if not organ.decisions:
            continue
        loc = _loc(organ.provenance, here)
        if organ.shareholders:
            if not holders and model.form.has_shares and getattr(b, "holdings_complete", True):
                b.err(
                    loc,
                    f"organ {organ.id} is the meeting of shareholders and has decisions, but no "
                    "one holds shares; add holdings",
                )
        elif not organ.seats:
            b.err(
                loc,
                f"organ {organ.id} has decisions but no seats, so nobody can vote on them; "
                "add 'seats:' or remove the decisions",
            )
        elif not any(s.votes > 0 for s in organ.seats):
            b.err(
                loc,
                f"organ {organ.id} has decisions but every seat has 0 votes; give a seat votes",
            )
