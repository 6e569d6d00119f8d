"""Former home of the evaluation report, kept as the names the TUI imports.

The report now lives in :mod:`govmodel.report.document` (the document model),
:mod:`govmodel.report.writers` (one writer per format), :mod:`govmodel.report.evaluation` (the
content), :mod:`govmodel.report.evaluation_json` (JSON) and :mod:`govmodel.report.l10n`
(language). New code imports from those modules.
"""

from __future__ import annotations

from govmodel.report.document import Bullets, Cell, Doc, Heading, PageBreak, Para, Table
from govmodel.report.evaluation import (
    bases_lines,
    criterion_blocks,
    evaluation_doc,
    short_name,
    statute_lines,
    summary_table,
)
from govmodel.report.evaluation_json import evaluation_json
from govmodel.report.l10n import L10n
from govmodel.report.writers import render_text as render
from govmodel.report.writers.html import to_html
from govmodel.report.writers.markdown import to_markdown
from govmodel.report.writers.text import to_text

__all__ = [
    "Bullets",
    "Cell",
    "Doc",
    "Heading",
    "L10n",
    "PageBreak",
    "Para",
    "Table",
    "bases_lines",
    "criterion_blocks",
    "evaluation_doc",
    "evaluation_json",
    "render",
    "short_name",
    "statute_lines",
    "summary_table",
    "to_html",
    "to_markdown",
    "to_text",
]
