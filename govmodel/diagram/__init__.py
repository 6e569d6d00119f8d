"""Org diagrams of a model: Graphviz DOT, and pictures (SVG, PNG, PDF) with the title on top and
the legend beside, for documents or 16:9 slides, one model or several side by side.

The drawing lives here, not in the CLI, so ``govmodel diagram`` and the terminal UI show and
export the same picture. One idea per module:

- :mod:`~govmodel.diagram.options` — options, their checks and errors;
- :mod:`~govmodel.diagram.vocabulary` — the words (Norwegian, with English glosses);
- :mod:`~govmodel.diagram.styles` — colours, shapes, one line style per relation kind, layouts;
- :mod:`~govmodel.diagram.text` — model text escaped and bounded for labels;
- :mod:`~govmodel.diagram.drawing` — the model mapped onto drawn nodes (groups collapsed);
- :mod:`~govmodel.diagram.edges` — relations and seats as merged edges;
- :mod:`~govmodel.diagram.labels` — labels and attributes of nodes and edges;
- :mod:`~govmodel.diagram.layout` — the DOT source of one diagram (clusters, rank hints);
- :mod:`~govmodel.diagram.legend` — what the legend lists;
- :mod:`~govmodel.diagram.compose` — title, legend and parts placed into one picture;
- :mod:`~govmodel.diagram.whatif` — what a scenario changed, for a what-if diagram;
- :mod:`~govmodel.diagram.render` — rendering and writing files.

Reading order of a diagram (docs/diagrams.md): the contracting authorities at the top; KS's
own organs in one cluster, with the samstyringsstruktur in a cluster below it; the company's
organs in a third cluster; councils that bind the general meeting just above it and the
styreutvalg beside the board. Node fill colours follow the kind (or the coverage verdicts);
each relation kind has its own colour, dash and arrowhead.
"""

from __future__ import annotations

from govmodel.diagram.layout import DiagramSource, diagram_source, render_dot, title_of
from govmodel.diagram.options import (
    COLOR_MODES,
    COVERAGE_KINDS,
    DOT_MISSING_MESSAGE,
    EXPAND_FYLKER,
    FORMATS,
    LANGS,
    LAYOUT_NAMES,
    MAX_WIDTH_IN,
    PNG_DPI,
    DiagramError,
    DotMissing,
    dot_available,
    expand_choices,
    format_for,
    highlight_choices,
)
from govmodel.diagram.render import render, render_side_by_side, render_source, write_diagram
from govmodel.diagram.styles import (
    CATEGORY,
    CHANGED_COLOR,
    COVERAGE_COLOR,
    EDGE_STYLE,
    HIGHLIGHT_COLOR,
    LAYOUTS,
)
from govmodel.diagram.whatif import Marks, compare_models
from govmodel.output import OutputError, OutputExists

__all__ = [
    "CATEGORY",
    "CHANGED_COLOR",
    "COLOR_MODES",
    "COVERAGE_COLOR",
    "COVERAGE_KINDS",
    "DOT_MISSING_MESSAGE",
    "EDGE_STYLE",
    "EXPAND_FYLKER",
    "FORMATS",
    "HIGHLIGHT_COLOR",
    "LANGS",
    "LAYOUTS",
    "LAYOUT_NAMES",
    "MAX_WIDTH_IN",
    "PNG_DPI",
    "DiagramError",
    "DiagramSource",
    "DotMissing",
    "Marks",
    "OutputError",
    "OutputExists",
    "compare_models",
    "diagram_source",
    "dot_available",
    "expand_choices",
    "format_for",
    "highlight_choices",
    "render",
    "render_dot",
    "render_side_by_side",
    "render_source",
    "title_of",
    "write_diagram",
]
