"""A report as one self-contained HTML page (no scripts, no external resources) that prints well.

Every text goes through :func:`html.escape` (quotes included), so model text is never markup.
"""

from __future__ import annotations

import html

from govmodel.report.document import Bullets, Doc, Heading, PageBreak, Para, Table, clean

CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#111;line-height:1.4}
h1{font-size:1.5rem;border-bottom:2px solid #333;padding-bottom:.3rem}
h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #999}
h3{font-size:1.05rem;margin-top:1.4rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.9rem;width:100%}
th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eee}
thead{display:table-header-group}
p.small{font-size:.85rem;color:#444}
ul{margin:.3rem 0 .8rem 1.2rem;padding:0}
li{margin:.15rem 0}
hr.page{border:0;margin:1.5rem 0}
.g{font-weight:bold;white-space:nowrap}
.g-satisfied{background:#d8f0d8}
.g-satisfied_indirect{background:#e6f4e6}
.g-conditional{background:#fff2c6}
.g-unknown{background:#eee0f4}
.g-not_satisfied{background:#f7d4d4}
.strong{font-weight:bold}
@page{size:A4;margin:2cm 1.8cm}
@media print{body{margin:0;max-width:none;font-size:10pt}h2,h3{page-break-after:avoid}
hr.page{page-break-after:always;margin:0}
table{page-break-inside:auto}tr{page-break-inside:avoid}
.g-satisfied,.g-satisfied_indirect,.g-conditional,.g-unknown,.g-not_satisfied{
-webkit-print-color-adjust:exact;print-color-adjust:exact}}
""".strip()


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def to_html(doc: Doc) -> str:
    """``doc`` as an HTML5 page with its style sheet inline."""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(doc.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(doc.title)}</h1>",
    ]
    for b in doc.blocks:
        if isinstance(b, Heading):
            level = min(max(b.level, 2), 6)
            out.append(f"<h{level}>{_e(b.text)}</h{level}>")
        elif isinstance(b, Para):
            cls = ' class="small"' if b.small else ""
            out.append(f"<p{cls}>{_e(b.text)}</p>")
        elif isinstance(b, PageBreak):
            out.append('<hr class="page">')
        elif isinstance(b, Bullets):
            out.append("<ul>")
            for item in b.items:
                lines = item.split("\n")
                if len(lines) == 1:
                    out.append(f"<li>{_e(lines[0])}</li>")
                else:
                    sub = "".join(
                        f"<li>{_e(line.strip().lstrip('·').strip())}</li>" for line in lines[1:]
                    )
                    out.append(f"<li>{_e(lines[0])}<ul>{sub}</ul></li>")
            out.append("</ul>")
        elif isinstance(b, Table):
            out.append("<table>")
            out.append(
                "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in b.headers) + "</tr></thead>"
            )
            out.append("<tbody>")
            for row in b.rows:
                cells = []
                for c in row:
                    classes = []
                    if c.grade:
                        classes += ["g", f"g-{_e(c.grade)}"]
                    if c.strong:
                        classes.append("strong")
                    cls = f' class="{" ".join(classes)}"' if classes else ""
                    pad = (
                        f' style="padding-left:{0.45 + 1.2 * c.indent:.2f}rem"' if c.indent else ""
                    )
                    cells.append(f"<td{cls}{pad}>{_e(c.text)}</td>")
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</tbody></table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


__all__ = ["CSS", "to_html"]
