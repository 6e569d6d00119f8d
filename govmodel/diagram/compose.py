"""A finished picture: one or more laid-out diagrams, their titles on top, the legend beside.

``dot`` cannot put a legend beside a graph or two graphs side by side at one scale, so the
picture is made in two passes: ``dot -Tdot`` lays out each diagram (positions in points), this
module moves them next to each other, adds the titles and the legend at computed positions,
and ``neato -n2`` draws the result exactly where it was placed. All diagrams of one picture are
drawn at the same scale with the same styles.

With the ``slide`` layout the canvas is padded to 16:9 and drawn at 1920 x 1080 pixels (PNG) or
19.2 x 10.8 inches (SVG, PDF).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence

from govmodel.diagram.layout import DiagramSource
from govmodel.diagram.legend import Entry, legend_entries
from govmodel.diagram.options import DotMissing
from govmodel.diagram.styles import EDGE_STYLE, FONT, Layout
from govmodel.diagram.text import esc, wrap
from govmodel.errors import GovmodelError

GAP = 28.0  # points between the parts of a picture
MARGIN = 16.0  # points around a picture: beyond any spline control point
TITLE_GAP = 12.0
_COORDS = re.compile(r'\b(pos|lp|xlp|head_lp|tail_lp|bb)="([^"]*)"')
_BB = re.compile(r'\bbb="([-\d.e]+),([-\d.e]+),([-\d.e]+),([-\d.e]+)"')
_SIZE = re.compile(r'\bsize="[^"]*",?')


class DotFailed(GovmodelError, RuntimeError):
    """``dot`` or ``neato`` failed on a diagram."""


def run_graphviz(program: str, source: str, *args: str) -> bytes:
    """Run a Graphviz program on ``source``; :class:`DotMissing` without Graphviz,
    :class:`DotFailed` when it fails."""
    exe = shutil.which(program)
    if exe is None:
        raise DotMissing()
    proc = subprocess.run(
        [exe, *args], input=source.encode("utf-8"), capture_output=True, check=False
    )
    if proc.returncode != 0 or not proc.stdout:
        err = proc.stderr.decode("utf-8", "replace").strip()[:500]
        raise DotFailed(f"{program} {' '.join(args)} failed (exit {proc.returncode}): {err}")
    return proc.stdout


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """An estimate of the width of ``text`` in points (generous: Helvetica averages ~0.55 em,
    and a table narrower than its text would spill over its neighbours)."""
    return len(text) * size * (0.66 if bold else 0.6) + 6


def shift(laid_out: str, dx: float, dy: float) -> str:
    """Laid-out DOT with every coordinate moved by (dx, dy)."""

    def move(m: re.Match[str]) -> str:
        name, value = m.groups()
        nums: list[str] = []
        if name == "bb":
            x0, y0, x1, y1 = (float(v) for v in value.split(","))
            return f'bb="{x0 + dx:.2f},{y0 + dy:.2f},{x1 + dx:.2f},{y1 + dy:.2f}"'
        for tok in value.split():
            lead = ""
            if tok[:2] in ("e,", "s,"):
                lead, tok = tok[:2], tok[2:]
            x, y = tok.split(",")[:2]
            nums.append(f"{lead}{float(x) + dx:.2f},{float(y) + dy:.2f}")
        return f'{name}="{" ".join(nums)}"'

    return _COORDS.sub(move, laid_out)


def _body(laid_out: str) -> str:
    """The statements of a laid-out graph, without its ``digraph NAME {`` ... ``}``."""
    return laid_out[laid_out.index("{") + 1 : laid_out.rindex("}")]


def _bb(laid_out: str) -> tuple[float, float, float, float]:
    m = _BB.search(laid_out)
    if m is None:
        raise DotFailed("dot gave no bounding box")
    x0, y0, x1, y1 = (float(v) for v in m.groups())
    return x0, y0, x1, y1


def _text_node(
    name: str, x: float, y_top: float, text: str, size: float, bold: bool
) -> tuple[str, float]:
    """A left-aligned text at (x, y_top): the node statement and its height."""
    width = _text_width(text, size, bold)
    height = size * 1.35
    inner = f"<B>{esc(text, 160)}</B>" if bold else esc(text, 160)
    label = (
        f'<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0" FIXEDSIZE="TRUE" '
        f'WIDTH="{width:.0f}" HEIGHT="{height:.0f}"><TR><TD ALIGN="LEFT" '
        f'WIDTH="{width:.0f}" HEIGHT="{height:.0f}"><FONT POINT-SIZE="{size:g}">{inner}</FONT>'
        f"</TD></TR></TABLE>>"
    )
    stmt = (
        f"\t{name} [shape=plaintext margin=0 label={label} width={width / 72:.3f} "
        f'height={height / 72:.3f} fixedsize=true pos="{x + width / 2:.2f},{y_top - height / 2:.2f}"];\n'
    )
    return stmt, height


def _title(k: int, x: float, y_top: float, lines: Sequence[str], size: float) -> str:
    """A title as an unframed cluster label: clusters are drawn before nodes and edges, so the
    title comes first in the picture (and in an SVG's text) as well as on top."""
    width = max(_text_width(line, size, True) for line in lines)
    height = size * 1.35 * len(lines)
    y0 = y_top - height
    rows = "".join(
        f'<TR><TD ALIGN="LEFT" WIDTH="{width:.0f}"><B>{esc(line, 160)}</B></TD></TR>'
        for line in lines
    )
    return (
        f"\tsubgraph cluster_title_{k} {{\n"
        f'\t\tgraph [bb="{x:.2f},{y0:.2f},{x + width:.2f},{y_top:.2f}" color=transparent '
        f'label=<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0" FIXEDSIZE="TRUE" '
        f'WIDTH="{width:.0f}" HEIGHT="{height:.0f}">{rows}</TABLE>> fontsize={size:g} '
        f'lp="{x + width / 2:.2f},{y_top - height / 2:.2f}" lwidth={width / 72:.3f} '
        f"lheight={height / 72:.3f}];\n"
        f'\t\ttitle_{k} [shape=point style=invis width=0.01 height=0.01 label="" '
        f'pos="{x:.2f},{y0 + 1:.2f}"];\n\t}}\n'
    )


def _title_lines(title: str, width: float, size: float, many: bool) -> list[str]:
    """The title in lines: one line for a picture of one diagram; beside another diagram, as
    many lines as keep it within its own drawing's width (at most three)."""
    if not many or _text_width(title, size, True) <= width:
        return [title]
    chars = max(12, int((width - 6) / (size * 0.66)))
    return wrap(title, chars)[:3]


def legend_block(
    entries: Sequence[Entry], x: float, y_top: float, lay: Layout
) -> tuple[str, float, float]:
    """DOT statements drawing the legend with its top-left corner at (x, y_top): swatches as
    boxes, relations as short edges with their own attributes. Returns (statements, width,
    height)."""
    size = lay.legend_font
    row = size * 1.7
    sample = 44.0
    out: list[str] = ["\tsubgraph legend {\n"]
    y = y_top
    width = 0.0
    for i, e in enumerate(entries):
        if e.kind in ("title", "heading"):
            if e.kind == "heading" and i > 1:
                y -= row * 0.35
            font = size * (1.25 if e.kind == "title" else 1.0)
            stmt, h = _text_node(f"legend_{i}", x, y, e.text, font, True)
            out.append(stmt)
            width = max(width, _text_width(e.text, font, True))
            y -= max(h, row)
            continue
        mid = y - row / 2
        if e.kind == "swatch":
            out.append(
                f'\tlegend_{i}_s [shape=box style="filled" fillcolor="{e.fill}" color="{e.outline}" '
                f'penwidth={e.penwidth:g} label="" width={30 / 72:.3f} height={size * 1.1 / 72:.3f} '
                f'fixedsize=true pos="{x + 15:.2f},{mid:.2f}"];\n'
            )
        elif e.kind == "line":
            st = EDGE_STYLE[e.relation]
            attrs = " ".join(f'{k}="{v}"' for k, v in st.attrs().items())
            a, b = f"legend_{i}_a", f"legend_{i}_b"
            end = x + sample - 2
            tip = end - 9
            for n, px in ((a, x), (b, end)):
                out.append(
                    f'\t{n} [shape=point style=invis width=0.01 height=0.01 label="" '
                    f'pos="{px:.2f},{mid:.2f}"];\n'
                )
            pts = " ".join(f"{x + (tip - x) * k / 3:.2f},{mid:.2f}" for k in range(4))
            out.append(f'\t{a} -> {b} [{attrs} arrowsize=0.8 pos="e,{end:.2f},{mid:.2f} {pts}"];\n')
        tx = x + (sample + 8 if e.kind != "note" else 0)
        stmt, _h = _text_node(f"legend_{i}_t", tx, y - (row - size * 1.35) / 2, e.text, size, False)
        out.append(stmt)
        width = max(width, tx - x + _text_width(e.text, size))
        y -= row
    out.append("\t}\n")
    return "".join(out), width, y_top - y


def compose(parts: Sequence[DiagramSource], lang: str, lay: Layout, layouts: Sequence[str]) -> str:
    """One positioned graph for ``neato -n2``: the laid-out ``parts`` (``layouts``: their
    ``dot -Tdot`` output) side by side, tops aligned, each with its title above it, and the
    legend to the right."""
    body: list[str] = []
    titles: list[str] = []
    x = 0.0
    boxes = [_bb(t) for t in layouts]
    size = lay.title_font
    lines = [
        _title_lines(p.title, b[2] - b[0], size, len(parts) > 1)
        for p, b in zip(parts, boxes, strict=True)
    ]
    title_h = size * 1.35 * max(len(ls) for ls in lines) + TITLE_GAP
    top = max(b[3] - b[1] for b in boxes) + title_h
    bottom = 0.0
    for k, (text, (x0, y0, x1, y1)) in enumerate(zip(layouts, boxes, strict=True)):
        dx, dy = x - x0, (top - title_h) - y1
        titles.append(_title(k, x + 4, top, lines[k], size))
        body.append(f"\tsubgraph part_{k} {{\n{_SIZE.sub('', _body(shift(text, dx, dy)))}\n\t}}\n")
        bottom = min(bottom, y0 + dy)
        x += max([x1 - x0] + [_text_width(line, size, True) for line in lines[k]]) + GAP
    entries = legend_entries(parts, lang)
    legend, lw, lh = legend_block(entries, x, top - title_h, lay)
    body.append(legend)
    right = x + lw
    bottom = min(bottom, top - title_h - lh)
    x0, y0, x1, y1 = -MARGIN, bottom - MARGIN, right + MARGIN, top + MARGIN
    if lay.canvas is not None:  # pad to the slide's aspect ratio, drawing centred
        want = lay.canvas[0] / lay.canvas[1]
        w, h = x1 - x0, y1 - y0
        if w / h < want:
            extra = (h * want - w) / 2
            x0, x1 = x0 - extra, x1 + extra
        else:
            extra = (w / want - h) / 2
            y0, y1 = y0 - extra, y1 + extra
    # Two invisible corner points hold the canvas open (neato -n2 sizes it to what it draws).
    for name, (cx, cy) in (("corner_sw", (x0, y0)), ("corner_ne", (x1, y1))):
        body.append(
            f'\t{name} [shape=point style=invis width=0.01 height=0.01 label="" '
            f'pos="{cx:.2f},{cy:.2f}"];\n'
        )
    head = (
        f'digraph picture {{\n\tgraph [bb="{x0:.2f},{y0:.2f},{x1:.2f},{y1:.2f}" '
        f'fontname="{FONT}" pad="0" splines=true];\n'
        f'\tnode [fontname="{FONT}"];\n\tedge [fontname="{FONT}"];\n'
    )
    return head + "".join(titles) + "".join(body) + "}\n"


def picture(
    parts: Sequence[DiagramSource], lang: str, lay: Layout, fmt: str, scale: bool = True
) -> bytes:
    """Lay out ``parts`` with ``dot``, compose them and draw the picture as ``fmt`` (``dot``:
    the positioned source, for ``neato -n2``). ``scale=False`` keeps an expanded diagram at
    full size instead of fitting it to the page width."""
    layouts = [run_graphviz("dot", p.source, "-Tdot").decode("utf-8") for p in parts]
    layouts = [t.replace("\\\n", "") for t in layouts]
    source = compose(parts, lang, lay, layouts)
    if fmt == "dot":
        return source.encode("utf-8")
    args = ["-n2", f"-T{fmt}"]
    if lay.canvas is not None and fmt == "png":
        source, dpi = _exact_canvas(source, lay)
        args.append(f"-Gdpi={dpi:.5f}")
    elif lay.canvas is not None:
        args.append(f"-Gsize={lay.canvas[0]:g},{lay.canvas[1]:g}!")
    else:
        if lay.max_width is not None and scale:
            args.append(f"-Gsize={lay.max_width:g},100")
        if fmt == "png":
            args.append(f"-Gdpi={lay.dpi}")
    return run_graphviz("neato", source, *args)


_CORNER_SW = re.compile(r'(corner_sw \[[^\]]*pos=")([-\d.]+),([-\d.]+)(")')


def _exact_canvas(source: str, lay: Layout) -> tuple[str, float]:
    """The source with its canvas made exactly 16:9 as ``neato -n2`` measures it (the corner
    points' own size included), and the resolution that draws it at canvas x dpi pixels
    (aiming a fifth of a pixel low, as Graphviz rounds the pixel size)."""
    assert lay.canvas is not None
    x0, y0, x1, y1 = _bb(run_graphviz("neato", source, "-n2", "-Tdot").decode("utf-8"))
    w, h = x1 - x0, y1 - y0
    want_h = w * lay.canvas[1] / lay.canvas[0]
    if abs(want_h - h) > 0.01:  # the corner point sets the bottom edge: move it
        m = _CORNER_SW.search(source)
        if m is not None:
            y = float(m.group(3)) - (want_h - h)
            source = (
                source[: m.start()]
                + f"{m.group(1)}{m.group(2)},{y:.2f}{m.group(4)}"
                + source[m.end() :]
            )
    return source, (lay.canvas[0] * lay.dpi - 0.2) * 72 / w
