r"""Model text made safe and short for a Graphviz label, and the small text helpers of a diagram
(percentages, line wrapping, the shared name of a family of per-fylke organs).

Every piece of model text goes into an HTML-like label through :func:`esc`: markup characters
are escaped, control characters (refused by the loader, but a diagram must not depend on that)
are shown as visible escapes, text is cut to :data:`MAX_TEXT` characters, so no name can
break the DOT syntax or crash ``dot`` (which fails on very long labels).

>>> esc("A & B <i>")
'A &amp; B &lt;i&gt;'
>>> esc("Styre\x1b[2J")
'Styre\\x1b[2J'
>>> len(esc("x" * 20000)) <= MAX_TEXT
True
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable
from fractions import Fraction

from govmodel.regions import region_of

#: The longest piece of model text drawn (longer text is cut, ending in "…").
MAX_TEXT = 200
#: A word longer than this is broken across lines.
MAX_WORD = 40
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: object, limit: int = MAX_TEXT) -> str:
    """``text`` as printable, bounded plain text: control characters as ``\\xNN`` escapes,
    lone surrogates replaced, newlines and tabs as spaces, at most ``limit`` characters."""
    s = str(text).encode("utf-8", "replace").decode("utf-8")
    s = s.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    s = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", s)
    if len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s


def esc(text: object, limit: int = MAX_TEXT) -> str:
    """:func:`clean` text escaped for an HTML-like Graphviz label."""
    return html.escape(clean(text, limit), quote=True)


def pct(frac: Fraction, lang: str) -> str:
    """A percentage for display: ``33,4 %`` (nb) or ``33.4 %`` (en). Small shares keep two
    decimals, and nothing non-zero is shown as 0."""
    hundred = frac * 100
    if hundred == 0:
        text = "0"
    elif hundred.denominator == 1:
        text = str(hundred.numerator)
    elif hundred >= 1:
        text = f"{float(hundred):.1f}".rstrip("0").rstrip(".")
    elif hundred >= Fraction(1, 100):
        text = f"{float(hundred):.2f}".rstrip("0").rstrip(".")
    else:
        text = "<0.01"
    if lang == "nb":
        text = text.replace(".", ",")
    return f"{text} %"


WRAP = 24  # node titles longer than this are broken at spaces


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces (a longer word
    stays whole)."""
    if len(text) <= width:
        return [text]
    words: list[str] = []
    for word in text.split(" "):  # an overlong word (a hostile name) is broken too
        words.extend(word[i : i + MAX_WORD] for i in range(0, max(len(word), 1), MAX_WORD))
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def html_lines(lines: Iterable[str]) -> str:
    """Lines as one bold HTML-like label."""
    return "<" + "<BR/>".join(f"<B>{esc(x)}</B>" for x in lines) + ">"


def common_name(names: Iterable[str]) -> str:
    """The words a family of names share ("Fylkesmøtet i KS Oslo", ... → "Fylkesmøtet i KS")."""
    names = list(names)
    prefix = os.path.commonprefix(names) if names else ""
    if prefix not in names and " " in prefix:
        prefix = prefix[: prefix.rfind(" ")]
    return prefix.strip() or (names[0] if names else "")


def family(any_id: str) -> str:
    """The id without its fylke suffix: ``fylkesmote_03`` → ``fylkesmote``
    (:mod:`govmodel.regions` knows the pattern)."""
    return any_id[:-3] if region_of(any_id) is not None else any_id
