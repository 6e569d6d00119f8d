"""The model as a typed networkx MultiDiGraph, and the control index the engine walks.

Nodes carry ``type`` (``actor``, ``group``, ``organ``, ``company``, ``document``) and the
element's attributes; edges carry ``type`` (every relation type of the model format, plus
``sits_in`` for fixed seat holders and ``in_group`` for group membership), ``link`` (firm,
contractual, periodic, revocable, advisory), the relation id as key, and its provenance.

The control engine (:mod:`govmodel.analysis.control`) does not keep its own copy of the
relations: it walks :func:`control_index`, which is read off this graph — the control edges into
each node (``elects``, ``appoints``, ``instructs``), the proxies each holder gave, the
recommendations each decision depends on — and the strongly connected components of the control
edges, which are where a chain can run in a circle (cross-ownership, organs electing each other).

>>> from govmodel.loader import load_model
>>> g = to_graph(load_model("tests/data/small_model.yaml"))
>>> g.graph["model"]
'felles_it'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from govmodel.model import Model, Relation

if TYPE_CHECKING:
    import networkx as nx

# edges along which control runs (the deciding organ fills, directs or binds the target)
CONTROL_TYPES = ("elects", "appoints", "instructs", "proxy", "recommends")


def to_graph(model: Model) -> nx.MultiDiGraph:
    """Build the graph of ``model``. Node and edge order follow the model file (deterministic)."""
    import networkx as nx  # imported here: it is slow to import and most commands never need it

    g = nx.MultiDiGraph(model=model.id, name=model.name)
    g.add_node(model.company.id, type="company", name=model.company.name, form=model.company.form)
    for a in model.actors.values():
        g.add_node(
            a.id,
            type="actor",
            kind=a.kind,
            name=a.name,
            contracting_authority=a.contracting_authority,
            fylke=a.fylke,
            shares=model.company.shares_of(a.id),
            provenance=a.provenance,
        )
    for grp in model.groups.values():
        g.add_node(
            grp.id, type="group", name=grp.name, size=len(grp.members), provenance=grp.provenance
        )
        for m in grp.members:
            g.add_edge(m, grp.id, key=f"in_{grp.id}", type="in_group", link="advisory")
    for o in model.organs.values():
        g.add_node(
            o.id,
            type="organ",
            kind=o.kind,
            name=o.name,
            part_of=o.part_of,
            seats=len(o.seats),
            decisions=tuple(d.id for d in o.decisions),
            provenance=o.provenance,
        )
        for s in o.seats:
            if s.holder:
                g.add_edge(
                    s.holder,
                    o.id,
                    key=f"seat_{s.id}",
                    type="sits_in",
                    link="firm",
                    seat=s.id,
                    votes=s.votes,
                    provenance=s.provenance,
                )
    for d in model.documents.values():
        g.add_node(d.id, type="document", kind=d.kind, name=d.name, provenance=d.provenance)
    for r in model.relations:
        g.add_edge(
            r.source,
            r.target,
            key=r.id,
            type=r.type,
            link=r.link,
            decision=r.decision,
            to_decision=r.to_decision,
            seats=r.seats,
            strength=r.strength,
            revocable=r.revocable,
            basis=r.basis,
            provenance=r.provenance,
            relation=r,
        )
    return g


@dataclass(frozen=True)
class ControlIndex:
    """The control edges of a model graph, indexed the way the control engine asks for them.

    ``into``: the ``elects``/``appoints``/``instructs`` edges into each node; ``proxies``: the
    proxies each holder gave; ``recommendations``: the ``recommends`` edges on each
    ``(organ, decision)``; ``cycles``: the strongly connected components (more than one node, or
    a node controlling itself) of the control edges, in graph order.
    """

    into: Mapping[str, tuple[Relation, ...]]
    proxies: Mapping[str, tuple[Relation, ...]]
    recommendations: Mapping[tuple[str, str], tuple[Relation, ...]]
    cycles: tuple[frozenset[str], ...]

    def on_cycle(self, node: str) -> frozenset[str] | None:
        """The strongly connected component ``node`` lies on, or None."""
        for c in self.cycles:
            if node in c:
                return c
        return None


def control_index(model: Model, chains: bool = True) -> ControlIndex:
    """The :class:`ControlIndex` of ``model``'s graph. With ``chains=False`` only
    recommendations are kept (the direct reading: a coalition's own votes and seats).

    >>> from govmodel.loader import load_model
    >>> idx = control_index(load_model("tests/data/small_model.yaml"))
    >>> sorted(r.type for r in idx.into.get("styre", ()))
    ['elects']
    """
    import networkx as nx

    g = to_graph(model)
    into: dict[str, list[Relation]] = {}
    proxies: dict[str, list[Relation]] = {}
    recs: dict[tuple[str, str], list[Relation]] = {}
    flow = nx.DiGraph()
    for _src, dst, data in g.edges(data=True):
        rel: Relation | None = data.get("relation")
        if rel is None or rel.type not in CONTROL_TYPES:
            continue
        if rel.type == "recommends":
            if rel.to_decision:
                recs.setdefault((dst, rel.to_decision), []).append(rel)
            if rel.strength in ("adopt_or_return", "binding"):
                flow.add_edge(rel.source, rel.target)  # advice carries no control
            continue
        if not chains:
            continue
        if rel.type == "proxy":
            proxies.setdefault(rel.source, []).append(rel)
        else:
            into.setdefault(dst, []).append(rel)
        flow.add_edge(rel.source, rel.target)
    # seats held by fixed actors make the actor's controller a controller of the organ too
    for holder, organ, data in g.edges(data=True):
        if data.get("type") == "sits_in":
            flow.add_edge(holder, organ)
    for o in model.organs.values():
        if o.shareholders:  # a holder's votes at the general meeting
            for holder in model.company.holders():
                flow.add_edge(holder, o.id)
    order = {n: i for i, n in enumerate(g.nodes)}
    cycles = [
        frozenset(c)
        for c in nx.strongly_connected_components(flow)
        if len(c) > 1 or any(flow.has_edge(n, n) for n in c)
    ]
    cycles.sort(key=lambda c: min(order.get(n, len(order)) for n in c))
    return ControlIndex(
        MappingProxyType({k: tuple(v) for k, v in into.items()}),
        MappingProxyType({k: tuple(v) for k, v in proxies.items()}),
        MappingProxyType({k: tuple(v) for k, v in recs.items()}),
        tuple(cycles),
    )
