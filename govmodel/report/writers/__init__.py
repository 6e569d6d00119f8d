"""Writers: a :class:`~govmodel.report.document.Doc` as text, Markdown, HTML or Word.

One module per format; each escapes the document's plain text for its format, so model text can
never become markup (a name such as ``<img onerror=…>`` or ``[x](javascript:…)`` stays text).
:func:`render` picks the writer: text formats return ``str``, Word returns ``bytes``.
"""

from __future__ import annotations

from govmodel.report.document import Doc

#: Formats a Doc can be written in (JSON is written from the analysis, not from a Doc).
FORMATS = ("text", "md", "html", "docx")


def render(doc: Doc, fmt: str, color: bool = False) -> str | bytes:
    """``doc`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "text":
        from govmodel.report.writers.text import to_text

        return to_text(doc, color=color)
    if fmt == "md":
        from govmodel.report.writers.markdown import to_markdown

        return to_markdown(doc)
    if fmt == "html":
        from govmodel.report.writers.html import to_html

        return to_html(doc)
    if fmt == "docx":
        from govmodel.report.writers.docx import to_docx

        return to_docx(doc)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_text(doc: Doc, fmt: str, color: bool = False) -> str:
    """``doc`` in one of the text formats (text, md, html)."""
    out = render(doc, fmt, color=color)
    if not isinstance(out, str):
        raise ValueError(f"{fmt} is not a text format")
    return out


__all__ = ["FORMATS", "render", "render_text"]
