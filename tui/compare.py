"""The comparison tab's data (no Textual here): the ``govmodel compare`` report of the chosen
models, from the same functions as the command (criteria evaluation, power summary on the
engine's cached indices, the report document). Engine errors propagate: the view shows them."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from govmodel.model import Model

if TYPE_CHECKING:
    from govmodel.analysis.criteria import Evaluation
    from govmodel.changes import Change
    from govmodel.report.document import Doc
    from govmodel.report.power_text import PowerSummary

#: (the model file, the YAML files beside it with their modification times, the what-if)
SourceKey = tuple[str, tuple[tuple[str, int], ...], str]

_LOCK = threading.Lock()
_EVAL_CACHE: dict[SourceKey, Evaluation] = {}


def source_key(path: Path, ops: Sequence[Change] | None = None) -> SourceKey:
    """What a model's facts depend on: its file, every YAML file it may include or build on
    (by modification time) and the what-if operations."""
    path = Path(path).resolve()
    stamps = []
    for folder in {path.parent, path.parent.parent}:
        for f in sorted(folder.glob("**/*.yaml")) if folder.is_dir() else ():
            with contextlib.suppress(OSError):
                stamps.append((str(f), f.stat().st_mtime_ns))
    return (str(path), tuple(sorted(set(stamps))), repr(ops or []))


def evaluation(key: SourceKey, model: Model) -> Evaluation:
    """govmodel.analysis.criteria.evaluate(model), remembered per source key."""
    with _LOCK:
        hit = _EVAL_CACHE.get(key)
    if hit is not None:
        return hit
    from govmodel.analysis.criteria import evaluate

    ev = evaluate(model)
    with _LOCK:
        if len(_EVAL_CACHE) > 64:
            _EVAL_CACHE.clear()
        _EVAL_CACHE[key] = ev
    return ev


def power_summary(model: Model) -> PowerSummary | None:
    """The comparison's power summary (``govmodel compare``'s, on the engine's cached
    indices)."""
    from govmodel.report.compare import power_summary as summary

    return summary(model)


def report_doc(
    evals: Sequence[Evaluation], powers: Sequence[PowerSummary | None] | None, lang: str
) -> Doc:
    """The ``govmodel compare`` report document of ``evals`` in ``lang``."""
    from govmodel.report.compare import compare_doc

    return compare_doc(evals, lang, powers)


def render_report(doc: Doc, fmt: str) -> str:
    """The report document as text in ``fmt`` (md, html, text)."""
    from govmodel.report.writers import render_text

    return render_text(doc, fmt)


def letters(n: int) -> list[str]:
    """The model tags the comparison report uses (A, B, C ...)."""
    from govmodel.report.compare import letters as tags

    return list(tags(n))
