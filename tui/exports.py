"""What the export dialog offers: the report (govmodel.report.evaluate) and the diagram
(govmodel.diagram), each only when its module is there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui import data as D
from tui.i18n import t


@dataclass(frozen=True)
class Choice:
    key: str
    kind: str  # "report" or "diagram"
    ext: str
    label: str
    available: bool
    why: str
    write: Callable[[Any, Path, str, bool], None]


def _unavailable(*_a: Any) -> None:
    raise RuntimeError("not available")


def _report_writer(fmt: str) -> tuple[Callable[[Any, Path, str, bool], None] | None, str]:
    ev = D.optional("govmodel.report.evaluate")
    if ev is None:
        return None, "govmodel.report.evaluate"
    render = None
    for name in (f"render_{fmt}", f"evaluate_{fmt}", f"to_{fmt}", "render", "report"):
        fn = getattr(ev, name, None)
        if callable(fn):
            render = (name, fn)
            break
    writer = getattr(ev, "write_report", None)
    if writer is None and render is None:
        return None, "govmodel.report.evaluate"

    def write(model: Any, path: Path, lang: str, overwrite: bool) -> None:
        if path.exists() and not overwrite:
            raise FileExistsError(path)
        if render is not None:
            name, fn = render
            text = fn(model, lang=lang) if name.endswith(fmt) else fn(model, fmt=fmt, lang=lang)
        else:
            text = writer(model, fmt=fmt, lang=lang)
        D.write_new_file(path, text, overwrite=overwrite)

    return write, ""


def _diagram_writer(fmt: str) -> tuple[Callable[[Any, Path, str, bool], None] | None, str]:
    dg = D.optional("govmodel.diagram")
    if dg is None:
        return None, "govmodel.diagram"
    if fmt != "dot" and hasattr(dg, "dot_available") and not dg.dot_available():
        return None, "Graphviz dot"

    def write(model: Any, path: Path, lang: str, overwrite: bool) -> None:
        if path.exists() and not overwrite:
            raise FileExistsError(path)
        dg.write_diagram(model, path, overwrite=overwrite, fmt=fmt, lang=lang)

    return write, ""


def choices(model: Any, lang: str) -> list[Choice]:
    out = []
    for fmt, label in (("md", "Markdown"), ("html", "HTML")):
        w, why = _report_writer(fmt)
        out.append(
            Choice(
                f"report-{fmt}",
                "report",
                fmt,
                f"{'Rapport' if lang == 'nb' else 'Report'} ({label})",
                w is not None,
                t("app.not_available", lang, what=label, module=why) if w is None else "",
                w or _unavailable,
            )
        )
    for fmt in ("svg", "png", "pdf", "dot"):
        w, why = _diagram_writer(fmt)
        out.append(
            Choice(
                f"diagram-{fmt}",
                "diagram",
                fmt,
                f"Diagram ({fmt.upper()})",
                w is not None,
                t("app.not_available", lang, what=fmt.upper(), module=why) if w is None else "",
                w or _unavailable,
            )
        )
    return out
