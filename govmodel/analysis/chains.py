"""Ownership chains: who owns the owners, up to the ultimate owners, cycles included.

The supplier's holders may themselves be companies owned by other actors (an association's
holding company: KS → KS Holding AS → DIF AS, the concept study's §5.5). This module follows
the ``owns`` edges of the model graph (:func:`govmodel.graph.to_graph`: every holding in the
supplier and every ``owners:`` entry of an actor) upwards from a holder and answers what the
private-capital criterion needs: is there a private owner anywhere above it, and by which path
(anskaffelsesforskriften § 3-1 (1) c with (2): control exercised through another legal person
must be the same control, so a private owner of an intermediate company counts like a private
owner of the supplier). Cross-ownership cycles (A owns B, B owns A) are found as strongly
connected components (networkx) of the ownership graph; a cycle with no owner outside it has no
ultimate owner, which the answer says rather than looping.

>>> from govmodel.load import load_model
>>> m = load_model("tests/data/ownership_chain.yaml")
>>> up = upstream(m, "holding")
>>> [(p.owner, p.path) for p in up.private]
[('investor', ('holding', 'mellom', 'investor'))]
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govmodel.model import Model

if TYPE_CHECKING:
    import networkx as nx  # lazy: slow to import, and only ownership questions need it

PRIVATE_KINDS = ("private", "person")


@dataclass(frozen=True)
class OwnerPath:
    """An ultimate (or private) owner reached from a holder: ``path`` runs from the holder up
    to ``owner`` along ownership (each element owns the one before it)."""

    owner: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class Upstream:
    """What lies above a holder along ownership.

    ``private``: private owners (kind ``private`` or ``person``) anywhere above, with the
    shortest path to each; ``public``: ultimate owners that are contracting authorities, state
    bodies or associations whose described members (``member_of``) all are; ``other``: ultimate owners whose capital the model does not class (an association
    without described members, a company without owners ...); ``cycles``: cross-ownership
    cycles met on the way (strongly connected components), each a set of actor ids;
    ``closed_cycles``: those with no owner outside them (no ultimate owner at all)."""

    holder: str
    private: tuple[OwnerPath, ...]
    public: tuple[OwnerPath, ...]
    other: tuple[OwnerPath, ...]
    cycles: tuple[frozenset[str], ...]
    closed_cycles: tuple[frozenset[str], ...]

    @property
    def owned(self) -> bool:
        """Whether the holder has owners of its own (is a company owned by actors)."""
        return bool(self.private or self.public or self.other or self.closed_cycles)


def owners_of(model: Model, actor: str) -> tuple[str, ...]:
    """The direct owners of ``actor`` (its ``owners:``), in file order."""
    a = model.actors.get(actor)
    return tuple(h.holder for h in a.owners) if a is not None else ()


def ownership_graph(model: Model) -> nx.DiGraph:
    """The ``owns`` edges of the model graph as a DiGraph (owner → owned, attribute ``shares``):
    every holding in the supplier and every ``owners:`` entry of an actor."""
    import networkx as nx

    g: nx.DiGraph[str] = nx.DiGraph()
    for h in model.company.holdings:
        if h.shares > 0:
            prev = g.get_edge_data(h.holder, model.company.id, {}).get("shares", 0)
            g.add_edge(h.holder, model.company.id, shares=prev + h.shares)
    for a in model.actors.values():
        for h in a.owners:
            g.add_edge(h.holder, a.id, shares=h.shares)
    return g


def ownership_cycles(model: Model) -> tuple[frozenset[str], ...]:
    """Cross-ownership cycles: strongly connected components of the ownership graph with more
    than one actor, in file order of their first member."""
    import networkx as nx  # lazy, as above

    g = ownership_graph(model)
    order = {a: i for i, a in enumerate(model.actors)}
    found = [frozenset(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    found.sort(key=lambda c: min(order.get(n, len(order)) for n in c))
    return tuple(found)


def _public_members(model: Model, aid: str) -> bool:
    """An association whose members (``member_of`` relations) are all contracting authorities:
    its capital is theirs, so it is public capital."""
    if model.actors[aid].kind != "association":
        return False
    members: list[str] = []
    for r in model.relations:
        if r.type == "member_of" and r.target == aid:
            members += model.groups[r.source].members if r.source in model.groups else [r.source]
    return bool(members) and all(
        m in model.actors and model.actors[m].contracting_authority is True for m in members
    )


def upstream(model: Model, holder: str) -> Upstream:
    """Every owner above ``holder`` along ownership, classed (see :class:`Upstream`).

    A breadth-first walk up the owners (each actor visited once, so cycles end), keeping the
    shortest path to each; the cycles are the strongly connected components of the ownership
    graph that the walk meets."""
    paths: dict[str, tuple[str, ...]] = {holder: (holder,)}
    queue = deque([holder])
    while queue:
        x = queue.popleft()
        for o in owners_of(model, x):
            if o not in paths:
                paths[o] = paths[x] + (o,)
                queue.append(o)
    met = set(paths)
    cycles = tuple(c for c in ownership_cycles(model) if c & met) if len(paths) > 1 else ()
    private: list[OwnerPath] = []
    public: list[OwnerPath] = []
    other: list[OwnerPath] = []
    for aid, path in paths.items():
        if aid == holder:
            continue
        a = model.actors[aid]
        if a.kind in PRIVATE_KINDS:
            private.append(OwnerPath(aid, path))
            continue
        if a.owners:
            continue  # not an ultimate owner: its own owners are classed
        if a.contracting_authority is True or a.kind == "state_body" or _public_members(model, aid):
            public.append(OwnerPath(aid, path))
        else:
            other.append(OwnerPath(aid, path))
    closed = tuple(
        c for c in cycles if all(set(owners_of(model, n)) <= c for n in c)
    )  # nobody outside the cycle owns any of it
    return Upstream(holder, tuple(private), tuple(public), tuple(other), cycles, closed)
