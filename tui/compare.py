"""The comparison tab's data (no Textual here): the ``govmodel compare`` report of the chosen
models, from the same functions as the command (criteria evaluation, power summary on the
engine's cached indices, the report document). Engine errors propagate: the view shows them."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from govmodel.model import Model

_LOCK = threading.Lock()
_EVAL_CACHE: dict[tuple, Any] = {}


def source_key(path: Path, ops: list[Any] | None = None) -> tuple:
    """What a model's facts depend on: its file, every YAML file it may include or build on
    (by modification time) and the what-if operations."""
    path = Path(path).resolve()
    stamps = []
    for folder in {path.parent, path.parent.parent}:
        for f in sorted(folder.glob("**/*.yaml")) if folder.is_dir() else ():
            with contextlib.suppress(OSError):
                stamps.append((str(f), f.stat().st_mtime_ns))
    return (str(path), tuple(sorted(set(stamps))), repr(ops or []))


def evaluation(key: tuple, model: Model) -> Any:
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


def power_summary(model: Model) -> Any:
    """The comparison's power summary (``govmodel compare``'s, on the engine's cached
    indices)."""
    from govmodel.report.compare import power_summary as summary

    return summary(model)


def report_doc(evals: list[Any], powers: list[Any] | None, lang: str) -> Any:
    from govmodel.report.compare import compare_doc

    return compare_doc(evals, lang, powers)


def render_report(doc: Any, fmt: str) -> str:
    from govmodel.report.writers import render_text

    return render_text(doc, fmt)


def letters(n: int) -> list[str]:
    """The model tags the comparison report uses (A, B, C ...)."""
    from govmodel.report.compare import letters as tags

    return list(tags(n))
