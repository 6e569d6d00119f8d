"""The DOT source of one diagram: nodes in their clusters (KS' organs, the
samstyringsstruktur, the company), the authorities on top, edges with the hints that make the
drawing read top-down like an org chart, and the title above it.

The legend is not part of this source: :mod:`govmodel.diagram.compose` lays it out beside the
drawing (``dot`` cannot place a label beside a graph).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypedDict, Unpack

import graphviz

from govmodel.diagram.drawing import Drawing, Edge, Node
from govmodel.diagram.edges import build_edges
from govmodel.diagram.labels import edge_attrs, highlighted, node_attrs
from govmodel.diagram.options import check_options
from govmodel.diagram.styles import (
    BESIDE_KINDS,
    CLUSTER_ORDER,
    CLUSTER_STYLE,
    EDGE_STYLE,
    FONT,
    PLACING,
)
from govmodel.diagram.text import esc, html_lines, wrap
from govmodel.diagram.vocabulary import CLUSTER_TEXT, TEXT, in_lang
from govmodel.diagram.vocabulary import t as _t
from govmodel.diagram.whatif import Marks
from govmodel.model import Model


def title_of(model: Model, lang: str) -> str:
    """The diagram's title: the model's name, and the scenario's when one is applied."""
    title = in_lang(model.name, lang)
    if model.scenario:
        title += f" — {_t(TEXT['whatif'], lang)}: {in_lang(model.scenario, lang)}"
    return title


@dataclass(frozen=True)
class DiagramSource:
    """The DOT source of a diagram, with the drawing and edges it was made from (the legend
    lists what they use)."""

    source: str
    drawing: Drawing
    edges: tuple[Edge, ...]
    drawn: tuple[str, ...]  # the drawn node ids, in order
    title: str


class DiagramOptions(TypedDict, total=False):
    """The keyword options of :func:`diagram_source`, for :func:`render_dot`."""

    color: str
    highlight: Iterable[str]
    expand: Iterable[str]
    lang: str
    coverage: Mapping[str, str] | None
    layout_hints: bool
    layout: str
    marks: Marks | None
    prefix: str
    with_title: bool


def render_dot(model: Model, **options: Unpack[DiagramOptions]) -> str:
    """The org diagram of ``model`` as DOT source; options as for :func:`diagram_source`.

    >>> from govmodel.load import load_model
    >>> render_dot(load_model("models/ownership_b.yaml")).startswith("digraph ownership_b {")
    True
    """
    return diagram_source(model, **options).source


def diagram_source(
    model: Model,
    *,
    color: str = "kind",
    highlight: Iterable[str] = (),
    expand: Iterable[str] = (),
    lang: str = "nb",
    coverage: Mapping[str, str] | None = None,
    layout_hints: bool = True,
    layout: str = "document",
    marks: Marks | None = None,
    prefix: str = "",
    with_title: bool = True,
) -> DiagramSource:
    """The org diagram of ``model`` as DOT source.

    ``color``: ``"kind"`` (fill colours by kind of organ or actor) or ``"coverage"`` (by
    ``coverage``: node id — organ, actor or group id — → a verdict in :data:`COVERAGE_KINDS`;
    ids without a verdict are drawn white). ``highlight``: organ, actor and group ids and
    decision keys ``organ.decision`` to mark (red outline; a decision is also named in its
    organ). ``expand``: names from :func:`expand_choices`. ``lang``: ``"nb"`` (Norwegian) or
    ``"en"`` (Norwegian names with English glosses). ``layout``: ``"document"`` (an org chart
    for reports) or ``"slide"`` (larger type for a 16:9 slide). ``marks``: what a scenario
    changed (:func:`govmodel.diagram.whatif.compare_models`), drawn with a magenta outline and
    a Δ. ``prefix`` is put before every node and cluster name (two diagrams side by side).
    ``layout_hints=False`` leaves out the rank and ordering hints (a fallback when ``dot``
    fails on them).

    Raises :class:`DiagramError` for an unknown option or id. The result depends only on the
    arguments: nodes, clusters and edges come in model order, with no timestamps.
    """
    hl, ex = check_options(model, color, highlight, expand, lang, coverage, layout)
    b = Drawing(model, hl, ex, lang, coverage if color == "coverage" else None, layout, marks)
    b.build_nodes()
    edges = build_edges(b)
    lay = b.layout
    p = _Names(prefix)

    # Organs are always drawn; actors and groups when they take part or are highlighted.
    used = {e.tail for e in edges} | {e.head for e in edges}
    used.update(
        nid
        for nid, n in b.nodes.items()
        if n.organ or highlighted(b, n) or (n.cluster or "").startswith("cluster_grp_")
    )
    # Actors elected, appointed or instructed from inside a cluster sit in it (KS, its chair).
    for nid, n in b.nodes.items():
        if n.cluster is None and n.category in ("association", "role"):
            for e in edges:
                src = b.nodes[e.tail].cluster
                if e.head == nid and e.key in PLACING and src in CLUSTER_STYLE:
                    n.cluster = src
                    break
    by_cluster: dict[str | None, list[Node]] = {}
    for nid, n in b.nodes.items():
        if nid in used:
            by_cluster.setdefault(n.cluster, []).append(n)
    # The top row: authorities and other actors outside the clusters (owners, members).
    top = [n for n in by_cluster.get(None, []) if not n.organ and n.category != "role"]
    rest = [n for n in by_cluster.get(None, []) if n not in top]
    top_ids = {n.id for n in top}
    # "All kommuner and fylkeskommuner are members of KS" is written in KS's node: as edges it
    # would cross KS's whole cluster.
    for e in [e for e in edges if e.key == "member_of" and e.tail in top_ids]:
        members = b.members_note.setdefault(e.head, [])
        if e.tail not in members:
            members.append(e.tail)
        edges.remove(e)

    g = graphviz.Digraph(name=p(model.id))
    graph_attrs = {
        "rankdir": "TB",
        "newrank": "true",
        "compound": "true",
        "nodesep": f"{lay.nodesep:g}",
        "ranksep": f"{lay.ranksep:g}",
        "pad": "0.2",
        "fontname": FONT,
        "fontsize": f"{lay.title_font:g}",
        "labelloc": "t",
        "labeljust": "l",
    }
    if lay.max_width and not ex:
        graph_attrs["size"] = f"{lay.max_width:g},100"
    g.attr("graph", **graph_attrs)
    g.attr("node", fontname=FONT, fontsize=f"{lay.node_font:g}", margin="0.14,0.07")
    g.attr("edge", fontname=FONT, fontsize=f"{lay.edge_font:g}", arrowsize="0.8")
    # The title first: set before any cluster (clusters get their own label), drawn on top.
    if with_title:
        g.attr("graph", label=f"<<B>{esc(title_of(model, lang), 160)}</B>>")
    # Clusters must not inherit the title's size or placement.
    cluster_font = f"{lay.node_font + 2:g}"

    if top:
        with g.subgraph(name=p("top")) as t:
            t.attr(rank="min")
            _add_nodes(t, top, b, p)
            for x, y in zip(top, top[1:], strict=False):  # side by side, in model order
                t.edge(p(x.id), p(y.id), style="invis", weight="4")
    for cl in sorted(k for k in by_cluster if k and k.startswith("cluster_grp_")):
        _group_cluster(g, cl, by_cluster[cl], b, p, cluster_font)
    for cl in CLUSTER_ORDER:
        if cl == "cluster_samstyring":
            _add_nodes(g, rest, b, p)
        nodes = by_cluster.get(cl)
        if not nodes:
            continue
        fill, line = CLUSTER_STYLE[cl]
        name = (
            in_lang(model.company.name, lang)
            if cl == "cluster_company"
            else _t(CLUSTER_TEXT[cl], lang)
        )
        with g.subgraph(name=p.cluster(cl)) as c:
            c.attr(
                label=html_lines(wrap(name, 34)),
                style="rounded,filled",
                fillcolor=fill,
                color=line,
                fontsize=cluster_font,
                labeljust="l",
                labelloc="t",
            )
            _add_nodes(c, nodes, b, p)

    # A styreutvalg is drawn level with the company organ it advises (KommIT-rådet beside
    # the board).
    beside: dict[str, list[str]] = {}
    if layout_hints:
        for e in edges:
            tn, hn = b.nodes[e.tail], b.nodes[e.head]
            if (
                e.key.startswith("recommends")
                and tn.kind in BESIDE_KINDS
                and hn.cluster == "cluster_company"
                and tn.cluster != "cluster_ks"
                and not any(e.tail in v for v in beside.values())
            ):
                beside.setdefault(e.head, []).append(e.tail)
    for head, tails in beside.items():
        with g.subgraph() as r:
            r.attr(rank="same")
            for member in (head, *tails):
                r.node(p(member))
    level = {x: h for h, ts in beside.items() for x in (h, *ts)}

    for e in edges:
        attrs = edge_attrs(b, e)
        if layout_hints:
            _edge_hints(attrs, e, b, top_ids, level)
        if "ltail" in attrs:
            attrs["ltail"] = p.cluster(attrs["ltail"])
        g.edge(p(e.tail), p(e.head), **attrs)
    if layout_hints:
        for lower in ("cluster_samstyring", "cluster_company"):
            _stack(g, b, edges, "cluster_ks", lower, by_cluster, set(level), p)
    drawn = tuple(nid for nid in b.nodes if nid in used)
    return DiagramSource(g.source, b, tuple(edges), drawn, title_of(model, lang))


_PLAIN_ID = re.compile(r"[A-Za-z0-9_]{1,100}")


class _Names:
    """Node and cluster names with a prefix (so two diagrams can share one drawing)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __call__(self, name: str) -> str:
        if _PLAIN_ID.fullmatch(name):
            return self.prefix + name
        # An id dot might choke on (very long, odd characters): a stable stand-in.
        return f"{self.prefix}id_{hashlib.sha256(name.encode('utf-8', 'replace')).hexdigest()[:16]}"

    def cluster(self, name: str) -> str:
        return "cluster_" + self(name.removeprefix("cluster_"))


def _edge_hints(
    attrs: dict[str, str], e: Edge, b: Drawing, top_ids: set[str], level: dict[str, str]
) -> None:
    """Weights and constraints that make the layout read top-down like an org chart."""
    tail, head = b.nodes[e.tail], b.nodes[e.head]
    if tail.cluster == head.cluster == "cluster_company" and e.key in (
        "elects",
        "appoints",
        "instructs",
    ):
        attrs["weight"] = "8"  # GF → board → daglig leder straight down
    elif e.key == "owns":
        # KS's ownership pulls the general meeting under KS's organs; the authorities' long
        # ownership edges get a lane of their own beside them.
        attrs["weight"] = "6" if tail.cluster in CLUSTER_STYLE else "0"
    elif e.key in ("recommends_binding", "recommends_adopt_or_return"):
        attrs["weight"] = "4"  # a council that binds an organ sits just above it
    if e.key == "sits_in" and (e.tail in top_ids or e.ltail):
        attrs["weight"] = "0"  # below the authorities, without pulling them sideways
    if level.get(e.tail, e.tail) == level.get(e.head, e.head):
        attrs["constraint"] = "false"
    elif e.key in ("prepares", "advises") and tail.cluster and tail.cluster == head.cluster:
        attrs.pop("constraint", None)  # a cluster's own advisory chain stays upright


def _add_nodes(sub: graphviz.Digraph, nodes: list[Node], b: Drawing, p: _Names) -> None:
    per_fylke: dict[str, list[Node]] = {}
    for n in nodes:
        if n.sub and n.sub.startswith("fylke_"):
            per_fylke.setdefault(n.sub, []).append(n)
        else:
            sub.node(p(n.id), **node_attrs(b, n))
    for fy, ns in sorted(per_fylke.items()):
        nr = fy[len("fylke_") :]
        with sub.subgraph(name=p.cluster(f"cluster_{fy}")) as c:
            label = f"{nr} {b.fylke_names.get(nr, '')}".strip()
            c.attr(label=f"<{esc(label)}>", style="dashed", color="#b0b0b0")
            for n in ns:
                c.node(p(n.id), **node_attrs(b, n))


def _group_cluster(
    g: graphviz.Digraph, cl: str, nodes: list[Node], b: Drawing, p: _Names, font: str
) -> None:
    """An expanded group: a cluster with a sub-cluster per fylke, members in columns."""
    grp = b.m.groups[cl[len("cluster_grp_") :]]
    share = b.share_text(grp.members, long=True)
    label = f"{in_lang(grp.name, b.lang)} ({len(grp.members)})" + (f" · {share}" if share else "")
    with g.subgraph(name=p.cluster(cl)) as c:
        c.attr(
            label=html_lines([label]),
            style="rounded,filled",
            fillcolor="#f2faf0",
            color="#7fbf7b",
            fontsize=font,
            labelloc="t",
        )
        subs: dict[str, list[Node]] = {}
        for n in nodes:
            subs.setdefault(n.sub or "", []).append(n)
        for name in sorted(subs):
            ns = subs[name]
            if not name:
                for n in ns:
                    c.node(p(n.id), **node_attrs(b, n))
                continue
            nr = name.rsplit("_", 1)[1]
            with c.subgraph(name=p.cluster(name)) as s:
                label = f"{nr} {b.fylke_names.get(nr, '')}".strip()
                s.attr(label=f"<{esc(label)}>", style="dashed", color="#b0b0b0")
                for i, n in enumerate(ns):
                    s.node(p(n.id), **node_attrs(b, n))
                    if i % GRID_COLUMN:  # columns of GRID_COLUMN, not one very wide row
                        s.edge(p(ns[i - 1].id), p(n.id), style="invis")


GRID_COLUMN = 12


def _stack(
    g: graphviz.Digraph,
    b: Drawing,
    edges: list[Edge],
    upper: str,
    lower: str,
    by_cluster: Mapping[str | None, list[Node]],
    level_with_company: set[str],
    p: _Names,
) -> None:
    """Place cluster ``lower`` below cluster ``upper``: invisible edges from the nodes of
    ``upper`` with no successor inside it to the nodes of ``lower`` with no predecessor inside
    it. Nodes drawn level with a company organ are left out."""
    up = [n.id for n in by_cluster.get(upper, []) if n.id not in level_with_company]
    low = [n.id for n in by_cluster.get(lower, [])]
    if not up or not low:
        return
    ranked = [e for e in edges if EDGE_STYLE[e.key].constraint]
    up_set, low_set = set(up), set(low)
    sinks = [x for x in up if not any(e.tail == x and e.head in up_set for e in ranked)]
    sources = [x for x in low if not any(e.head == x and e.tail in low_set for e in ranked)]
    for x in sinks:
        for y in sources:
            g.edge(p(x), p(y), style="invis", weight="0")
