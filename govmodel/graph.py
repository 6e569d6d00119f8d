"""The model as a typed networkx MultiDiGraph, and the control index the engine walks.

Nodes carry ``type`` (``actor``, ``group``, ``organ``, ``company``, ``document``) and the
element's attributes; edges carry ``type`` (every relation type of the model format, plus
``sits_in`` for fixed seat holders and ``in_group`` for group membership), ``link`` (firm,
contractual, periodic, revocable, advisory), the relation id as key, and its provenance.

The control engine (:mod:`govmodel.analysis.control`) walks :func:`control_index`: the subgraph
of this graph along which control runs (the ``elects``/``appoints``/``instructs`` edges into
each node, the proxies each holder gave, the recommendations each decision depends on, a
holder's vote at the general meeting, a fixed holder's seat), read off the model's relations in
the same order as :func:`to_graph` adds them, once per model, and its strongly connected
components (networkx, on first use), which are where a chain can run in a circle
(cross-ownership, organs electing each other). The index is built without networkx because
importing networkx costs more than answering most questions.

>>> from govmodel.load import load_model
>>> g = to_graph(load_model("tests/data/small_model.yaml"))
>>> g.graph["model"]
'felles_it'
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from govmodel.model import Actor, Document, Group, Model, Organ, Relation, Seat

if TYPE_CHECKING:
    import networkx as nx

# edges along which control runs (the deciding organ fills, directs or binds the target)
CONTROL_TYPES = ("elects", "appoints", "instructs", "proxy", "recommends")
# a link graded advisory (a what-if's explicit `link: advisory`) transfers no control
ADVISORY = "advisory"


def _add_element(
    g: nx.MultiDiGraph, x: Actor | Group | Organ | Document, type_: str, **attrs: object
) -> None:
    """The node of a model element: its id, ``type``, name and provenance, and ``attrs``."""
    g.add_node(x.id, type=type_, name=x.name, provenance=x.provenance, **attrs)


def to_graph(model: Model) -> nx.MultiDiGraph:
    """Build the graph of ``model``. Node and edge order follow the model file (deterministic)."""
    import networkx as nx  # imported here: it is slow to import and most commands never need it

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(model=model.id, name=model.name)
    if model.has_company:  # a model of organs only (a council) has no company node
        g.add_node(
            model.company.id, type="company", name=model.company.name, form=model.company.form
        )
    for a in model.actors.values():
        _add_element(
            g,
            a,
            "actor",
            kind=a.kind,
            contracting_authority=a.contracting_authority,
            fylke=a.fylke,
            shares=model.company.shares_of(a.id),
        )
    for grp in model.groups.values():
        _add_element(g, grp, "group", size=len(grp.members))
        for m in grp.members:
            g.add_edge(m, grp.id, key=f"in_{grp.id}", type="in_group", link="advisory")
    for o in model.organs.values():
        decisions = tuple(d.id for d in o.decisions)
        _add_element(
            g, o, "organ", kind=o.kind, part_of=o.part_of, seats=len(o.seats), decisions=decisions
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
        _add_element(g, d, "document", kind=d.kind)
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
    """The control edges of the model graph, indexed the way the control engine asks for them.

    ``into``: the ``elects``/``appoints``/``instructs`` edges into each node; ``proxies``: the
    proxies each holder gave; ``recommendations``: the ``recommends`` edges on each
    ``(organ, decision)``; ``edges``: every control edge (source, target), including a holder's
    vote at the general meeting and a fixed seat holder's seat — the subgraph of
    :func:`to_graph` along which control runs. :attr:`cycles` are its strongly connected
    components (networkx, computed on first use: importing networkx is slow, and the engine
    needs no more than the index to answer).
    """

    into: Mapping[str, tuple[Relation, ...]]
    proxies: Mapping[str, tuple[Relation, ...]]
    recommendations: Mapping[tuple[str, str], tuple[Relation, ...]]
    edges: tuple[tuple[str, str], ...]

    @cached_property
    def cycles(self) -> tuple[frozenset[str], ...]:
        """Strongly connected components with more than one node (or a node controlling
        itself), in edge order: where a chain of control can run in a circle."""
        import networkx as nx  # lazy (see to_graph): computed on first use only

        flow: nx.DiGraph[str] = nx.DiGraph()
        flow.add_edges_from(self.edges)
        order: dict[str, int] = {}
        for a, b in self.edges:
            order.setdefault(a, len(order))
            order.setdefault(b, len(order))
        found = [
            frozenset(c)
            for c in nx.strongly_connected_components(flow)
            if len(c) > 1 or any(flow.has_edge(n, n) for n in c)
        ]
        found.sort(key=lambda c: min(order[n] for n in c))
        return tuple(found)

    @cached_property
    def flow(self) -> Mapping[str, frozenset[str]]:
        """Where control can flow from each node: the control edges with a proxy turned round
        (the proxy holder directs the giver's votes) and advice left out. Reachability in it
        bounds what a coalition can command (``ControlAnalysis.reach``)."""
        out: dict[str, set[str]] = {}
        for target, rels in self.into.items():
            for r in rels:
                out.setdefault(r.source, set()).add(target)
        for giver, rels in self.proxies.items():
            for r in rels:
                out.setdefault(r.target, set()).add(giver)
        for (organ, _dec), rels in self.recommendations.items():
            for r in rels:
                if r.strength in ("adopt_or_return", "binding"):
                    out.setdefault(r.source, set()).add(organ)
        for a, b in self.edges:
            if (a, b) not in self._proxy_pairs:
                out.setdefault(a, set()).add(b)
        return MappingProxyType({k: frozenset(v) for k, v in out.items()})

    @cached_property
    def _proxy_pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset((r.source, r.target) for rels in self.proxies.values() for r in rels)

    # -- the links along which a decision elsewhere directs a vote (the control engine's
    # definition: govmodel.analysis.control follows exactly these, and the structure summary
    # asks them whether chains can change a decision at all); an advisory link directs nothing

    def actor_links(self, actor: str) -> tuple[tuple[Relation, str], ...]:
        """The links by which another organ's decision directs ``actor``'s votes, each with
        that decision: the ``elects``/``appoints``/``instructs`` edges into it that name their
        deciding decision (an owned company's general meeting instructs it, see
        :mod:`govmodel.load.owners`)."""
        return tuple(
            (r, r.decision)
            for r in self.into.get(actor, ())
            if r.decision is not None and r.link != ADVISORY
        )

    def proxy_links(self, holder: str, organ: Organ | None = None) -> tuple[Relation, ...]:
        """The proxies ``holder`` gave that apply to its votes in ``organ`` (any organ: None)."""
        return tuple(
            r
            for r in self.proxies.get(holder, ())
            if r.link != ADVISORY and (organ is None or r.applies_in(organ.id, organ.shareholders))
        )

    def seat_links(self, seat: Seat) -> tuple[tuple[Relation, str], ...]:
        """The elections and appointments that fill ``seat`` (a seat with no fixed holder),
        each with the deciding decision."""
        return tuple(
            (r, r.decision)
            for r in self.into.get(seat.organ, ())
            if r.type in ("elects", "appoints")
            and r.decision is not None
            and r.link != ADVISORY
            and (not r.seats or seat.group in r.seats)
        )

    def decision_links(self, organ: str, decision: str) -> tuple[Relation, ...]:
        """The recommendations that weigh on ``organ``'s ``decision``: ``binding`` (whoever
        forces it forces the decision) and ``adopt_or_return`` (the recommender's veto); advice
        transfers nothing."""
        return tuple(
            r
            for r in self.recommendations.get((organ, decision), ())
            if r.strength in ("binding", "adopt_or_return") and r.decision is not None
        )

    def on_cycle(self, node: str) -> frozenset[str] | None:
        """The strongly connected component ``node`` lies on, or None."""
        for c in self.cycles:
            if node in c:
                return c
        return None


# One index per model (and chains flag): the structure analysis builds a ControlAnalysis per
# coalition, and they all walk the same graph. Keyed by id() with a weak reference checked on
# every hit, so a recycled id() never returns another model's index.
_INDEX: dict[tuple[int, bool], tuple[weakref.ref, ControlIndex]] = {}
_INDEX_MAX = 64


def control_index(model: Model, chains: bool = True) -> ControlIndex:
    """The :class:`ControlIndex` of ``model``'s graph: the edges of :func:`to_graph` along which
    control runs, read off the model's relations in file order (built once per model). With
    ``chains=False`` only recommendations are kept (the direct reading: a coalition's own votes
    and seats).

    >>> from govmodel.load import load_model
    >>> idx = control_index(load_model("tests/data/small_model.yaml"))
    >>> sorted(r.type for r in idx.into.get("styre", ()))
    ['elects', 'instructs']
    """
    key = (id(model), chains)
    hit = _INDEX.get(key)
    if hit is not None and hit[0]() is model:
        return hit[1]
    index = _control_index(model, chains)
    if len(_INDEX) >= _INDEX_MAX:
        _INDEX.clear()
    _INDEX[key] = (weakref.ref(model), index)
    return index


def _control_index(model: Model, chains: bool) -> ControlIndex:
    into: dict[str, list[Relation]] = {}
    proxies: dict[str, list[Relation]] = {}
    recs: dict[tuple[str, str], list[Relation]] = {}
    edges: dict[tuple[str, str], None] = {}
    for rel in model.relations:  # the edges of to_graph(model), in the same order
        if rel.type not in CONTROL_TYPES:
            continue
        if rel.type == "recommends":
            if rel.to_decision:
                recs.setdefault((rel.target, rel.to_decision), []).append(rel)
            if rel.strength in ("adopt_or_return", "binding"):
                edges[(rel.source, rel.target)] = None  # advice carries no control
            continue
        if not chains:
            continue
        if rel.type == "proxy":
            proxies.setdefault(rel.source, []).append(rel)
        else:
            into.setdefault(rel.target, []).append(rel)
        edges[(rel.source, rel.target)] = None
    for o in model.organs.values():
        if o.shareholders:  # a holder's votes at the general meeting
            for holder in model.company.holders():
                edges[(holder, o.id)] = None
        for seat in o.seats:  # sits_in: a fixed holder's seat
            if seat.holder:
                edges[(seat.holder, o.id)] = None
    return ControlIndex(
        MappingProxyType({k: tuple(v) for k, v in into.items()}),
        MappingProxyType({k: tuple(v) for k, v in proxies.items()}),
        MappingProxyType({k: tuple(v) for k, v in recs.items()}),
        tuple(edges),
    )
