"""Rendering diagrams to SVG, PNG, PDF or DOT, and writing them to files.

:func:`render` draws one model, :func:`render_side_by_side` several (A | B) at one scale, both
with the title on top and the legend beside (:mod:`govmodel.diagram.compose`).
:func:`write_diagram` writes either through :func:`govmodel.output.write_output`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypedDict

from govmodel.diagram.compose import DotFailed, picture, run_graphviz
from govmodel.diagram.layout import DiagramSource, diagram_source
from govmodel.diagram.options import (
    FORMATS,
    PNG_DPI,
    DiagramError,
    DotMissing,
    format_for,
)
from govmodel.diagram.styles import LAYOUTS
from govmodel.diagram.whatif import Marks
from govmodel.model import Model
from govmodel.output import OutputError, OutputExists, write_output

Coverage = Mapping[str, str] | None


class _Options(TypedDict):
    """The drawing options every entry point passes on to :func:`diagram_source`."""

    color: str
    highlight: tuple[str, ...]
    expand: tuple[str, ...]
    lang: str
    layout: str


def _options(
    color: str, highlight: Iterable[str], expand: Iterable[str], lang: str, layout: str
) -> _Options:
    return {
        "color": color,
        "highlight": tuple(highlight),
        "expand": tuple(expand),
        "lang": lang,
        "layout": layout,
    }


def render_source(source: str, fmt: str) -> bytes:
    """Render DOT ``source`` with ``dot`` as it is (PNG at :data:`PNG_DPI`). Raises
    :class:`DotMissing` without ``dot`` and :class:`RuntimeError` when ``dot`` fails."""
    if fmt == "dot":
        return source.encode("utf-8")
    if fmt not in FORMATS:
        raise DiagramError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    args = [f"-T{fmt}"] + ([f"-Gdpi={PNG_DPI}"] if fmt == "png" else [])
    return run_graphviz("dot", source, *args)


def _sources(
    models: Sequence[Model],
    coverages: Sequence[Coverage],
    marks: Sequence[Marks | None],
    hints: bool,
    opts: _Options,
) -> list[DiagramSource]:
    many = len(models) > 1
    return [
        diagram_source(
            m,
            coverage=cov,
            marks=mk,
            layout_hints=hints,
            with_title=False,
            prefix=f"p{k}_" if many else "",
            **opts,
        )
        for k, (m, cov, mk) in enumerate(zip(models, coverages, marks, strict=True))
    ]


def _render(
    models: Sequence[Model],
    fmt: str,
    coverages: Sequence[Coverage],
    marks: Sequence[Marks | None],
    opts: _Options,
) -> bytes:
    if fmt not in FORMATS:
        raise DiagramError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    if fmt == "dot" and len(models) == 1:
        return diagram_source(
            models[0], coverage=coverages[0], marks=marks[0], **opts
        ).source.encode()
    lay = LAYOUTS[opts["layout"]]
    try:
        parts = _sources(models, coverages, marks, True, opts)
        return picture(parts, opts["lang"], lay, fmt, scale=not opts["expand"])
    except DotFailed:  # dot fails on the layout hints for some structures: draw without them
        parts = _sources(models, coverages, marks, False, opts)
        return picture(parts, opts["lang"], lay, fmt, scale=not opts["expand"])


def render(
    model: Model,
    fmt: str = "svg",
    *,
    color: str = "kind",
    highlight: Iterable[str] = (),
    expand: Iterable[str] = (),
    lang: str = "nb",
    coverage: Coverage = None,
    layout: str = "document",
    marks: Marks | None = None,
) -> bytes:
    """The diagram of ``model`` as ``svg``, ``png``, ``pdf`` bytes — title on top, legend
    beside — or its ``dot`` source (options as for
    :func:`govmodel.diagram.layout.diagram_source`). If ``dot`` fails on the layout hints,
    the diagram is drawn again without them. Raises :class:`DotMissing` without Graphviz."""
    opts = _options(color, highlight, expand, lang, layout)
    return _render([model], fmt, [coverage], [marks], opts)


def render_side_by_side(
    models: Sequence[Model],
    fmt: str = "svg",
    *,
    color: str = "kind",
    highlight: Iterable[str] = (),
    expand: Iterable[str] = (),
    lang: str = "nb",
    coverages: Sequence[Coverage] | None = None,
    layout: str = "slide",
) -> bytes:
    """Several models in one picture, left to right, at one scale with one legend; ``fmt``
    ``dot`` gives the positioned source (draw it with ``neato -n2``)."""
    if not models:
        raise DiagramError("no model to draw")
    opts = _options(color, highlight, expand, lang, layout)
    covs = list(coverages) if coverages is not None else [None] * len(models)
    return _render(list(models), fmt, covs, [None] * len(models), opts)


def write_diagram(
    model: Model | Sequence[Model],
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    fmt: str | None = None,
    color: str = "kind",
    highlight: Iterable[str] = (),
    expand: Iterable[str] = (),
    lang: str = "nb",
    coverage: Coverage | Sequence[Coverage] = None,
    layout: str = "document",
    marks: Marks | None = None,
) -> Path:
    """Write the diagram of ``model`` (or of several models side by side) to ``path``; the
    format comes from the suffix unless ``fmt`` is given. Returns the path written.

    The file is written with :func:`govmodel.output.write_output` (atomically; a FIFO or device
    is written into, never replaced). An existing file is kept unless ``overwrite``
    (:class:`OutputExists`); other write failures raise :class:`OutputError`. When ``dot``
    is missing for SVG, PNG or PDF, the DOT source is written next to ``path`` (same name,
    ``.dot``) and :class:`DotMissing` is raised carrying that path.
    """
    models = [model] if isinstance(model, Model) else list(model)
    if isinstance(coverage, Mapping) or coverage is None:
        covs: list[Coverage] = [coverage] * len(models)
    else:
        covs = list(coverage)
    path = Path(path)
    fmt = fmt or format_for(path)
    if fmt not in FORMATS:
        raise DiagramError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    if not path.parent.is_dir():
        raise OutputError(f"cannot write {path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory; give a file name")
    if path.is_file() and not overwrite:
        raise OutputExists(path)
    opts = _options(color, highlight, expand, lang, layout)
    marks_list = [marks] + [None] * (len(models) - 1)
    try:
        data = _render(models, fmt, covs, marks_list, opts)
    except DotMissing:
        dot_path = path.with_suffix(".dot")
        text = "".join(
            diagram_source(m, coverage=c, marks=mk, **opts).source
            for m, c, mk in zip(models, covs, marks_list, strict=True)
        )
        try:
            write_output(dot_path, text, force=overwrite)
        except OutputError as exc:
            raise DotMissing(None, note=str(exc)) from None
        raise DotMissing(dot_path) from None
    write_output(path, data, force=overwrite)
    return path
