"""The model as a typed networkx MultiDiGraph.

Nodes carry ``type`` (``actor``, ``group``, ``organ``, ``company``, ``document``) and the
element's attributes; edges carry ``type`` (every relation type of the model format, plus
``sits_in`` for fixed seat holders and ``in_group`` for group membership), ``link`` (firm,
contractual, revocable, advisory), the relation id as key, and its provenance. Analysis that
needs paths (coverage, diagrams) works on this graph; the voting analysis reads the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govmodel.model import Model

if TYPE_CHECKING:
    import networkx as nx


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
        )
    return g
