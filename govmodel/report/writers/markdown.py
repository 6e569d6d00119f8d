"""A report as Markdown (CommonMark with GitHub tables).

Every text is escaped: the characters that start emphasis, links, images, code, HTML or a table
cell are backslash-escaped or written as entities, and a line that would start a heading, list
or quote is escaped at its start — so a model name such as ``<img src=x onerror=alert(1)>`` or
``[x](javascript:alert(1))`` is shown as those characters, never as markup.

>>> escape("[x](javascript:alert(1)) <img onerror=f()> a_b*c")
'\\\\[x\\\\](javascript:alert(1)) &lt;img onerror=f()&gt; a\\\\_b\\\\*c'
"""

from __future__ import annotations

import re

from govmodel.report.document import Bullets, Doc, Heading, Para, Table, clean

_INLINE = re.compile(r"([\\`*_{}\[\]<>|~!#])")
_LINE_START = re.compile(r"^(\s*)([-+>=])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])")


def _escape_char(m: re.Match[str]) -> str:
    c = m.group(1)
    return {"<": "&lt;", ">": "&gt;"}.get(c, "\\" + c)


def escape(text: str) -> str:
    """``text`` as literal Markdown inline text (one line; line breaks become ``<br>``)."""
    out = []
    for line in clean(text).split("\n"):
        line = line.replace("&", "&amp;")
        line = _INLINE.sub(_escape_char, line)
        line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        line = _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        out.append(line)
    return "<br>".join(out)


def to_markdown(doc: Doc) -> str:
    """``doc`` as Markdown."""
    out = [f"# {escape(doc.title)}", ""]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += ["#" * min(b.level, 6) + " " + escape(b.text), ""]
        elif isinstance(b, Para):
            text = escape(b.text)
            out += [f"*{text}*" if b.small and text else text, ""]
        elif isinstance(b, Bullets):
            for item in b.items:
                lines = item.split("\n")
                out.append(f"- {escape(lines[0])}")
                for line in lines[1:]:
                    out.append(f"  - {escape(line.strip().lstrip('·').strip())}")
            out.append("")
        elif isinstance(b, Table):
            out.append("| " + " | ".join(escape(h) for h in b.headers) + " |")
            out.append("|" + "|".join("---" for _ in b.headers) + "|")
            for row in b.rows:
                cells = []
                for c in row:
                    text = escape(c.text)
                    if c.strong and text.strip():
                        text = f"**{text.strip()}**"
                    cells.append("&emsp;" * c.indent + text)
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


__all__ = ["escape", "to_markdown"]
