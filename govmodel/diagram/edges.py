"""The edges of a diagram: relations and seats between drawn nodes, merged where many model
relations join the same two nodes (15 fylkesmøter electing delegates is one edge), and
gathered into one edge from an expanded group's cluster when all its members share it.
"""

from __future__ import annotations

from govmodel.diagram.drawing import Drawing, Edge
from govmodel.diagram.text import clean
from govmodel.diagram.vocabulary import EDGE_TEXT, in_lang
from govmodel.model import Relation


def ends(d: Drawing, any_id: str) -> list[tuple[str, str]]:
    """(drawn node, model id) pairs an endpoint maps to; a group fans out to its members'
    nodes (all kommuner and fylkeskommuner → the two group nodes)."""
    if any_id in d.map:
        return [(d.map[any_id], any_id)]
    g = d.m.groups.get(any_id)
    if g is None:
        return []
    out: dict[tuple[str, str], None] = {}
    for a in g.members:
        if a in d.map:
            out.setdefault((d.map[a], a), None)
    return list(out)


def build_edges(d: Drawing) -> list[Edge]:
    m = d.m
    raw: list[tuple[str, str, str, str, Relation | None, str, str | None]] = []
    for r in m.relations:
        if r.type == "secretariat_for":  # written in the node: "sekretariat: KS"
            who = clean(in_lang(m.name_of(r.source), d.lang)).split(" (")[0]
            for head, _ in ends(d, r.target):
                names = d.secretariat.setdefault(head, [])
                if who not in names:
                    names.append(who)
            continue
        key = r.type
        if r.type == "recommends":
            key = f"recommends_{r.strength or 'advisory'}"
        elif r.type == "proxy":
            key = "proxy" if r.revocable is False else "proxy_revocable"
        if key not in EDGE_TEXT:
            continue
        for tail, tid in ends(d, r.source):
            for head, _ in ends(d, r.target):
                if tail != head:
                    raw.append((tail, head, key, r.link, r, tid, r.provenance.document))
    for o in m.organs.values():
        for s in o.seats:
            if s.holder:
                head = d.map[o.id]
                for tail, tid in ends(d, s.holder):
                    if tail != head:
                        raw.append((tail, head, "sits_in", "firm", None, tid, None))
    # Parallel edges of the same kind are one edge (15 fylkesmøter electing delegates ...).
    merged: dict[tuple[str, str, str, str], Edge] = {}
    for tail, head, key, link, rel, tid, doc in raw:
        e = merged.get((tail, head, key, link))
        if e is None:
            e = merged[(tail, head, key, link)] = Edge(tail, head, key, link, [], [], document=doc)
        if rel is not None and rel not in e.relations:
            e.relations.append(rel)
        if tid not in e.tails:
            e.tails.append(tid)
        if e.document != doc:
            e.document = None
    return _from_clusters(d, list(merged.values()))


def _from_clusters(d: Drawing, edges: list[Edge]) -> list[Edge]:
    """Edges from every member of an expanded group (or of one of its per-fylke
    sub-clusters) to one node become a single edge from the (sub)cluster."""
    if not d.cluster_members:
        return edges
    where = {
        nid: (n.cluster, n.sub)
        for nid, n in d.nodes.items()
        if n.cluster and n.cluster.startswith("cluster_grp_")
    }
    buckets: dict[tuple[str, str, str, str], list[Edge]] = {}
    slots: list[Edge | tuple[str, str, str, str]] = []
    for e in edges:
        if e.tail in where:
            k = (where[e.tail][0] or "", e.head, e.key, e.link)
            if k not in buckets:
                buckets[k] = []
                slots.append(k)
            buckets[k].append(e)
        else:
            slots.append(e)
    out: list[Edge] = []
    for slot in slots:
        if isinstance(slot, Edge):
            out.append(slot)
            continue
        group = buckets[slot]
        cl = slot[0]
        if {x.tail for x in group} >= set(d.cluster_members[cl]):
            out.append(combine(group, cl))
            continue
        by_sub: dict[str, list[Edge]] = {}
        for x in group:
            by_sub.setdefault(where[x.tail][1] or "", []).append(x)
        for sub, xs in by_sub.items():
            if sub and {x.tail for x in xs} >= set(d.cluster_members[sub]):
                out.append(combine(xs, sub))
            else:
                out.extend(xs)
    return out


# -- labels and attributes -----------------------------------------------------------------


def combine(group: list[Edge], cluster: str) -> Edge:
    first = group[0]
    rels: list[Relation] = []
    tails: list[str] = []
    for x in group:
        rels.extend(r for r in x.relations if r not in rels)
        tails.extend(t for t in x.tails if t not in tails)
    doc = first.document if all(x.document == first.document for x in group) else None
    return Edge(first.tail, first.head, first.key, first.link, rels, tails, cluster, doc)
