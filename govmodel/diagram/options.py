"""The options of a diagram and their checks: colour modes, languages, layouts, formats, the ids
one may highlight or expand, and the errors a bad option raises.

>>> format_for("ab.png")
'png'
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from govmodel.diagram.styles import LAYOUTS
from govmodel.errors import GovmodelError, did_you_mean
from govmodel.model import Model

COLOR_MODES = ("kind", "coverage")
#: ``document``: an org chart for reports; ``slide``: 16:9, 1920 x 1080 px, legend beside.
LAYOUT_NAMES = tuple(LAYOUTS)
LANGS = ("nb", "en")
FORMATS = ("svg", "png", "pdf", "dot")
SUFFIX_FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
#: Coverage verdicts, strongest first: how a contracting authority reaches an organ.
COVERAGE_KINDS = ("direct", "chain", "contractual", "revocable", "diffuse", "none")
#: ``--expand`` name for the organs and roles generated per fylke.
EXPAND_FYLKER = "fylker"
#: PNG resolution of the document layout; with :data:`MAX_WIDTH_IN` a collapsed diagram is at
#: most 1800 px wide.
PNG_DPI = LAYOUTS["document"].dpi
#: Collapsed diagrams are scaled down to at most this width (inches): A4 width at 150 dpi.
MAX_WIDTH_IN = LAYOUTS["document"].max_width

DOT_MISSING_MESSAGE = (
    "Graphviz's 'dot' program was not found on PATH; it is needed to render SVG, PNG or PDF.\n"
    "Install it with 'apt-get install graphviz' (Debian/Ubuntu) or 'brew install graphviz'\n"
    "(macOS), or see https://graphviz.org/download/, then run the command again."
)


class DiagramError(GovmodelError, ValueError):
    """A bad diagram option: an unknown id to highlight or expand, colour mode, language,
    layout or output format."""


class DotMissing(GovmodelError, RuntimeError):
    """Graphviz's ``dot`` is not installed. ``dot_path`` is the DOT file written instead
    (``None`` when none was written; ``note`` says why)."""

    def __init__(self, dot_path: Path | None = None, note: str = "") -> None:
        self.dot_path = dot_path
        self.note = note
        super().__init__(DOT_MISSING_MESSAGE)


def format_for(path: str | os.PathLike[str]) -> str:
    """The output format for a file name: ``.svg``, ``.png``, ``.pdf``, ``.dot`` or ``.gv``."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        raise DiagramError(
            f"cannot tell the format of {str(path)!r}: the file name must end in "
            + ", ".join(SUFFIX_FORMATS)
            + did_you_mean(suffix, SUFFIX_FORMATS)
        )
    return SUFFIX_FORMATS[suffix]


def dot_available() -> bool:
    """Whether Graphviz's ``dot`` program is on PATH."""
    return shutil.which("dot") is not None


def expand_choices(model: Model) -> tuple[str, ...]:
    """Names ``expand`` accepts for ``model``: its generated groups (``kommuner``,
    ``fylkeskommuner``) and ``fylker`` (the organs and roles generated per fylke)."""
    return (*(g.id for g in model.groups.values() if g.generate), EXPAND_FYLKER)


def highlight_choices(model: Model) -> tuple[str, ...]:
    """Ids ``highlight`` accepts: organs, actors, groups, and decisions as ``organ.decision``."""
    ids: list[str] = [*model.organs, *model.actors, *model.groups]
    for o in model.organs.values():
        ids.extend(d.key for d in o.decisions)
    return tuple(ids)


def check_options(
    model: Model,
    color: str,
    highlight: Iterable[str],
    expand: Iterable[str],
    lang: str,
    coverage: Mapping[str, str] | None,
    layout: str = "document",
) -> tuple[tuple[str, ...], frozenset[str]]:
    """The highlight ids (without repeats) and the expanded groups; raises
    :class:`DiagramError` for an unknown option or id, with a "did you mean"."""
    if layout not in LAYOUTS:
        raise DiagramError(
            f"unknown layout {layout!r}; expected one of: {', '.join(LAYOUTS)}"
            + did_you_mean(layout, LAYOUTS)
        )
    if color not in COLOR_MODES:
        raise DiagramError(
            f"unknown colour mode {color!r}; expected one of: {', '.join(COLOR_MODES)}"
            + did_you_mean(color, COLOR_MODES)
        )
    if lang not in LANGS:
        raise DiagramError(
            f"unknown language {lang!r}; expected one of: {', '.join(LANGS)}"
            + did_you_mean(lang, LANGS)
        )
    if color == "coverage" and coverage is None:
        raise DiagramError("coverage colouring needs the coverage verdicts (coverage=...)")
    for node, verdict in (coverage or {}).items():
        if verdict not in COVERAGE_KINDS:
            raise DiagramError(
                f"coverage of {node!r}: unknown verdict {verdict!r}; expected one of: "
                + ", ".join(COVERAGE_KINDS)
                + did_you_mean(verdict, COVERAGE_KINDS)
            )
    hl = tuple(dict.fromkeys(h.strip() for h in highlight if h.strip()))
    known = highlight_choices(model)
    known_set = set(known)
    for h in hl:
        if h not in known_set:
            raise DiagramError(
                f"cannot highlight {h!r}: not an organ, actor, group or decision "
                f"(organ.decision) of model {model.id}" + did_you_mean(h, known)
            )
    ex = tuple(dict.fromkeys(e.strip() for e in expand if e.strip()))
    choices = expand_choices(model)
    for e in ex:
        if e not in choices:
            raise DiagramError(
                f"cannot expand {e!r}; expected one of: {', '.join(choices)}"
                + did_you_mean(e, choices)
            )
    return hl, frozenset(ex)
