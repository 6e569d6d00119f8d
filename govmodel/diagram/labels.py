"""Labels and Graphviz attributes of drawn nodes and edges: names (escaped and bounded), member
counts, shares, coverage verdicts, highlights and what a scenario changed.

Every label is an HTML-like label built from escaped text (:func:`govmodel.diagram.text.esc`),
so model text can never break the DOT syntax.
"""

from __future__ import annotations

from govmodel.diagram.drawing import Drawing, Edge, Node
from govmodel.diagram.options import COVERAGE_KINDS
from govmodel.diagram.styles import (
    CATEGORY,
    CHANGED_COLOR,
    COVERAGE_COLOR,
    EDGE_STYLE,
    HIGHLIGHT_COLOR,
)
from govmodel.diagram.text import WRAP, esc, wrap
from govmodel.diagram.vocabulary import COVERAGE_TEXT, EDGE_TEXT, TEXT, in_lang
from govmodel.diagram.vocabulary import t as _t


def cov_rank(kind: str) -> int:
    """Position of a coverage verdict, strongest first (unknown verdicts last)."""
    return COVERAGE_KINDS.index(kind) if kind in COVERAGE_KINDS else len(COVERAGE_KINDS)


def edge_label(d: Drawing, e: Edge) -> str:
    """The edge's label as HTML-like label text (without the outer ``<>``): the relation in
    words, the share for ownership, the agreement a contractual link rests on."""
    font = f'<FONT POINT-SIZE="{d.layout.edge_font:g}">'
    if e.key == "owns":
        text = esc(d.share_text(e.tails, long=False) or _t(EDGE_TEXT["owns"], d.lang))
    else:
        text = esc(_t(EDGE_TEXT[e.key], d.lang))
        doc = d.m.documents.get(e.document or "")
        if e.link == "contractual" and doc is not None:
            name = in_lang(doc.name, d.lang)
            text += f"<BR/>({esc(name[:1].lower() + name[1:], 60)})"
    if d.marks is not None and d.marks.edge_changed(e.relations):
        text = f'<FONT COLOR="{CHANGED_COLOR}"><B>Δ</B></FONT> ' + text
    return f"{font}{text}</FONT>"


def highlighted(d: Drawing, n: Node) -> list[str]:
    """The node's members that are highlighted (all of them for a highlighted group)."""
    if n.id.startswith("grp__") and n.id[5:] in d.highlight_ids:
        return list(n.members)
    return [x for x in n.members if x in d.highlight_ids or x in d.highlight_decisions]


def coverage_of(d: Drawing, n: Node) -> tuple[str, dict[str, int]] | None:
    """The weakest verdict among the node's members and the count of each verdict."""
    if d.coverage is None:
        return None
    keys = list(n.members)
    if n.id.startswith("grp__"):
        keys.append(n.id[5:])
    counts: dict[str, int] = {}
    for x in keys:
        v = d.coverage.get(x)
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    if not counts and n.id in d.coverage:
        counts[d.coverage[n.id]] = 1
    if not counts:
        return None
    return max(counts, key=cov_rank), counts


def node_label(d: Drawing, n: Node) -> str:
    """The node's HTML-like label: its name (wrapped), the English gloss with ``lang="en"``,
    then small lines: members, shares, secretariat, coverage counts, highlights, changes."""
    lang = d.lang
    size = f'POINT-SIZE="{d.layout.small_font:g}"'
    parts = [f"<B>{esc(x, 80)}</B>" for x in wrap(n.title, WRAP)[:4]]
    if lang == "en" and n.gloss:
        parts.append(f"<FONT {size}><I>({esc(n.gloss)})</I></FONT>")
    small = list(n.lines)
    if n.id in d.members_note:
        names = ", ".join(d.nodes[x].title for x in d.members_note[n.id])
        small.append(f"{_t(TEXT['members'], lang)}: {names}")
    if n.id in d.secretariat:
        small.append(f"{_t(TEXT['secretariat'], lang)}: {', '.join(d.secretariat[n.id])}")
    cov = coverage_of(d, n)
    if cov is not None and len(cov[1]) > 1:
        small.append(
            ", ".join(
                f"{c} {_t(COVERAGE_TEXT[k], lang)}"
                for k, c in sorted(cov[1].items(), key=lambda kv: cov_rank(kv[0]))
            )
        )
    if d.marks is not None:
        small.extend(d.marks.node_notes(n.members, lang))
    parts.extend(f"<FONT {size}>{esc(x)}</FONT>" for x in small)
    hl = highlighted(d, n)
    if hl and n.is_set and len(hl) < len(n.members):
        parts.append(
            f'<FONT {size} COLOR="{HIGHLIGHT_COLOR}">'
            f"{len(hl)} / {len(n.members)} {esc(_t(TEXT['highlighted'], lang))}</FONT>"
        )
    for oid in n.members:
        for did in d.highlight_decisions.get(oid, []):
            organ = d.m.organs[oid]
            name = in_lang(organ.decision(did).name, lang) if organ.has_decision(did) else did
            parts.append(f'<FONT {size} COLOR="{HIGHLIGHT_COLOR}"><B>▶ {esc(name)}</B></FONT>')
    return "<" + "<BR/>".join(parts) + ">"


def node_attrs(d: Drawing, n: Node) -> dict[str, str]:
    """Graphviz attributes of a node: label, shape, fill (by kind or by coverage verdict),
    outline (highlighted, changed by the scenario)."""
    fill = CATEGORY.get(n.category, CATEGORY["other"])[0]
    fontcolor = "#000000"
    styles = list(n.styles)
    if d.coverage is not None:
        cov = coverage_of(d, n)
        fill, fontcolor = COVERAGE_COLOR[cov[0]] if cov else ("#ffffff", "#555555")
    attrs = {"label": node_label(d, n), "shape": n.shape}
    if d.marks is not None and d.marks.node_changed(n.members):
        attrs["color"] = CHANGED_COLOR
        attrs["penwidth"] = "3.5"
        styles = [x for x in styles if x not in ("bold", "dashed")]
    if highlighted(d, n):
        attrs["color"] = HIGHLIGHT_COLOR
        attrs["penwidth"] = "3.5"
        styles = [x for x in styles if x != "bold"]
    attrs["style"] = ",".join(styles)
    attrs["fillcolor"] = fill
    if fontcolor != "#000000":
        attrs["fontcolor"] = fontcolor
    if n.peripheries != 1:
        attrs["peripheries"] = str(n.peripheries)
    return attrs


def edge_attrs(d: Drawing, e: Edge) -> dict[str, str]:
    """Graphviz attributes of an edge: the style of its relation kind (colour, dash, arrowhead,
    width; see :data:`govmodel.diagram.styles.EDGE_STYLE`) and its label."""
    style = EDGE_STYLE[e.key]
    attrs = style.attrs()
    # An ownership edge carries no label: the share is in the owner's box, and a label on a
    # long edge floats away from it.
    if e.key != "owns" or (d.marks is not None and d.marks.edge_changed(e.relations)):
        attrs["label"] = f"<{edge_label(d, e)}>"
    if d.marks is not None and d.marks.edge_changed(e.relations):
        attrs["penwidth"] = f"{style.penwidth + 1.5:g}"
    if not style.constraint:
        attrs["constraint"] = "false"
    if e.ltail:
        attrs["ltail"] = e.ltail
    return attrs
