"""A report as a Word document (python-docx): headings, paragraphs, bullet lists, tables.

Word files are zip archives whose entries carry a time stamp, and whose document properties carry
creation dates; both are set from the report's date (``Doc.date``, the receipt's), so the same
input gives the same bytes. Text is set through python-docx's runs (XML-escaped by
construction); control characters, which XML cannot hold, are dropped.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt, RGBColor

from govmodel.report.document import Bullets, Doc, Heading, PageBreak, Para, Table, clean

_GRADE_COLOUR = {
    "satisfied": RGBColor(0x1B, 0x6E, 0x20),
    "satisfied_indirect": RGBColor(0x2E, 0x7D, 0x32),
    "conditional": RGBColor(0x9A, 0x6B, 0x00),
    "unknown": RGBColor(0x6A, 0x1B, 0x9A),
    "not_satisfied": RGBColor(0xB7, 0x1C, 0x1C),
}
_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _stamp(day: datetime.date | None) -> datetime.datetime:
    if day is None:
        return _EPOCH
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


_DCTERMS = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _normalise_zip(data: bytes, when: datetime.datetime) -> bytes:
    """The same archive with every entry's time stamp set to ``when``, entries in name order, and
    the document properties' creation and change dates set to ``when`` (some writers put the
    clock there)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            blob = src.read(name)
            if name == "docProps/core.xml":
                blob = _DCTERMS.sub(rb"\g<1>" + iso + rb"\g<2>", blob)
            dst.writestr(info, blob)
    return out.getvalue()


def to_docx(doc: Doc) -> bytes:
    """``doc`` as the bytes of a .docx file."""
    word = Document()
    when = _stamp(doc.date)
    props = word.core_properties
    props.title = clean(doc.title)[:255]
    props.language = doc.lang
    props.author = "govmodel"
    props.last_modified_by = "govmodel"
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    normal = word.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(10.5)
    word.add_heading(clean(doc.title), level=0)
    for b in doc.blocks:
        if isinstance(b, Heading):
            word.add_heading(clean(b.text), level=min(max(b.level - 1, 1), 9))
        elif isinstance(b, Para):
            p = word.add_paragraph()
            run = p.add_run(clean(b.text))
            if b.small:
                run.font.size = Pt(9)
                run.italic = True
        elif isinstance(b, PageBreak):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(b, Bullets):
            for item in b.items:
                lines = item.split("\n")
                word.add_paragraph(clean(lines[0]), style="List Bullet")
                for line in lines[1:]:
                    word.add_paragraph(
                        clean(line.strip().lstrip("·").strip()), style="List Bullet 2"
                    )
        elif isinstance(b, Table):
            ncols = max([len(b.headers)] + [len(r) for r in b.rows])
            table = word.add_table(rows=1, cols=ncols)
            table.style = "Table Grid"
            for i, h in enumerate(b.headers):
                cell = table.rows[0].cells[i]
                cell.text = ""
                cell.paragraphs[0].add_run(clean(h)).bold = True
            for row in b.rows:
                cells = table.add_row().cells
                for i, c in enumerate(row):
                    para = cells[i].paragraphs[0]
                    run = para.add_run("    " * c.indent + clean(c.text))
                    if c.strong:
                        run.bold = True
                    if c.grade in _GRADE_COLOUR:
                        run.bold = True
                        run.font.color.rgb = _GRADE_COLOUR[c.grade]
            word.add_paragraph()
    buf = io.BytesIO()
    word.save(buf)
    return _normalise_zip(buf.getvalue(), when)


__all__ = ["to_docx"]
