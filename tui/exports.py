"""What the export dialog offers: the evaluation report of the current model (with the
what-if applied) as Markdown or HTML, the comparison report of the models in the Compare tab,
and the org diagram (SVG, PNG, PDF, DOT). Each only when its module is there; reports go
through govmodel.report.evaluation / compare exactly as ``govmodel evaluate`` and ``govmodel
compare`` write them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govmodel.model import Model
from tui import data as D
from tui.i18n import tr

if TYPE_CHECKING:
    from govmodel.report.document import Doc

Writer = Callable[[Path, bool], None]  # (path, overwrite)


@dataclass(frozen=True)
class Choice:
    key: str
    kind: str  # "report", "compare" or "diagram"
    ext: str
    label: str
    available: bool
    why: str
    write: Writer


def _unavailable(*_a: object) -> None:
    raise RuntimeError("not available")


def evaluation_text(entry: D.Loaded, fmt: str, lang: str, sensitivity: bool = True) -> str:
    """The ``govmodel evaluate`` report of the entry's current model (what-if included)."""
    from dataclasses import replace

    from govmodel.analysis.criteria import evaluate
    from govmodel.report.evaluation import evaluation_doc
    from govmodel.report.writers import render_text

    model = entry.model
    ev = evaluate(model)
    if sensitivity:
        from govmodel.analysis.sensitivity import sensitivity as what_would_change

        ev = replace(ev, sensitivity=what_would_change(ev))
    return render_text(evaluation_doc(ev, lang), fmt)


def _report(entry: D.Loaded, fmt: str, lang: str) -> tuple[Writer | None, str]:
    def write(path: Path, overwrite: bool) -> None:
        if path.is_file() and not overwrite:
            raise FileExistsError(path)
        D.write_new_file(path, evaluation_text(entry, fmt, lang), overwrite=overwrite)

    return write, ""


def _compare(doc: Doc | None, fmt: str) -> tuple[Writer | None, str]:
    if doc is None:
        return None, "compare"

    def write(path: Path, overwrite: bool) -> None:
        from tui.compare import render_report

        if path.is_file() and not overwrite:
            raise FileExistsError(path)
        D.write_new_file(path, render_report(doc, fmt), overwrite=overwrite)

    return write, ""


def _diagram(model: Model, fmt: str, lang: str) -> tuple[Writer | None, str]:
    from govmodel.diagram.options import dot_available
    from govmodel.diagram.render import write_diagram

    if fmt != "dot" and not dot_available():
        return None, "Graphviz (dot)"

    def write(path: Path, overwrite: bool) -> None:
        if path.is_file() and not overwrite:
            raise FileExistsError(path)
        write_diagram(model, path, overwrite=overwrite, fmt=fmt, lang=lang)

    return write, ""


def choices(entry: D.Loaded, lang: str, compare_doc: Doc | None = None) -> list[Choice]:
    """The export dialog's choices for ``entry`` (and the Compare tab's report, if any)."""
    report = "Rapport" if lang == "nb" else "Report"
    comparison = "Sammenligning" if lang == "nb" else "Comparison"
    out = []
    for fmt, label in (("md", "Markdown"), ("html", "HTML")):
        w, why = _report(entry, fmt, lang)
        out.append(
            Choice(
                f"report-{fmt}",
                "report",
                fmt,
                f"{report} ({label})",
                w is not None,
                tr("app.not_available", lang, what=label, module=why) if w is None else "",
                w or _unavailable,
            )
        )
    for fmt in ("svg", "png", "pdf", "dot"):
        w, why = _diagram(entry.model, fmt, lang)
        out.append(
            Choice(
                f"diagram-{fmt}",
                "diagram",
                fmt,
                f"Diagram ({fmt.upper()})",
                w is not None,
                tr("app.not_available", lang, what=fmt.upper(), module=why) if w is None else "",
                w or _unavailable,
            )
        )
    for fmt, label in (("md", "Markdown"), ("html", "HTML")):
        w, why = _compare(compare_doc, fmt)
        out.append(
            Choice(
                f"compare-{fmt}",
                "compare",
                fmt,
                f"{comparison} ({label})",
                w is not None,
                tr("dlg.compare_first", lang) if w is None else "",
                w or _unavailable,
            )
        )
    return out
