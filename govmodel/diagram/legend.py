"""What a diagram's legend says: exactly the node kinds (or coverage verdicts), relation kinds
and marks the drawing uses, in a fixed order, each with the sample it is drawn with.

The entries are plain data; :mod:`govmodel.diagram.compose` draws them beside the diagram, a
relation as a short real edge with that relation's own attributes, so the sample in the legend
is the line in the drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from govmodel.diagram.layout import DiagramSource
from govmodel.diagram.options import COVERAGE_KINDS
from govmodel.diagram.styles import (
    CATEGORY,
    CHANGED_COLOR,
    COVERAGE_COLOR,
    EDGE_STYLE,
    HIGHLIGHT_COLOR,
)
from govmodel.diagram.vocabulary import (
    COVERAGE_MEANING,
    COVERAGE_TEXT,
    EDGE_TEXT,
    OWNS_LEGEND,
    TEXT,
)
from govmodel.diagram.vocabulary import t as _t


@dataclass(frozen=True)
class Entry:
    """One legend row. ``kind``: ``heading``, ``swatch`` (a box: ``fill``, ``outline``,
    ``penwidth``), ``line`` (a relation: ``relation`` is its key in EDGE_STYLE) or ``note``."""

    kind: str
    text: str
    fill: str = "#ffffff"
    outline: str = "#888888"
    penwidth: float = 1.0
    relation: str = ""


def legend_entries(parts: Sequence[DiagramSource], lang: str) -> list[Entry]:
    """The legend of one diagram, or of several drawn side by side (what any of them uses)."""
    out: list[Entry] = [Entry("title", _t(TEXT["legend"], lang))]
    drawings = [p.drawing for p in parts]
    drawn = [p.drawing.nodes[n] for p in parts for n in p.drawn]
    if any(d.coverage is not None for d in drawings):
        out.append(Entry("heading", _t(TEXT["coverage"], lang)))
        for k in COVERAGE_KINDS:
            text = f"{_t(COVERAGE_TEXT[k], lang)} – {_t(COVERAGE_MEANING[k], lang)}"
            out.append(Entry("swatch", text, fill=COVERAGE_COLOR[k][0]))
        out.append(Entry("swatch", _t(TEXT["no_verdict"], lang)))
    else:
        out.append(Entry("heading", _t(TEXT["nodes"], lang)))
        seen = {n.category for n in drawn}
        for cat, (fill, words) in CATEGORY.items():
            if cat in seen:
                out.append(Entry("swatch", _t(words, lang), fill=fill))
    if any(n.is_set for n in drawn):
        out.append(Entry("note", "(n)  " + _t(TEXT["group"], lang)))
    if any(d.highlight_ids for d in drawings):
        out.append(
            Entry("swatch", _t(TEXT["highlighted"], lang), outline=HIGHLIGHT_COLOR, penwidth=3)
        )
    used = {e.key for p in parts for e in p.edges}
    rels = [k for k in EDGE_TEXT if k in used and k in EDGE_STYLE]
    if rels:
        out.append(Entry("heading", _t(TEXT["edges"], lang)))
        for k in rels:
            text = _t(OWNS_LEGEND if k == "owns" else EDGE_TEXT[k], lang)
            out.append(Entry("line", text, relation=k))
    if any(e.link == "contractual" for p in parts for e in p.edges):
        out.append(Entry("note", "(…)  " + _t(TEXT["contractual"], lang)))
    marks = [d.marks for d in drawings if d.marks is not None]
    if marks:
        out.append(Entry("heading", _t(TEXT["whatif"], lang)))
        out.append(
            Entry("swatch", "Δ " + _t(TEXT["changed"], lang), outline=CHANGED_COLOR, penwidth=3)
        )
        removed = [r for m in marks for r in m.removed]
        if removed:
            out.append(Entry("heading", _t(TEXT["removed"], lang)))
            for nb, en in removed[:12]:
                out.append(Entry("note", nb if lang == "nb" else en))
            if len(removed) > 12:
                out.append(Entry("note", f"… (+{len(removed) - 12})"))
    return out
