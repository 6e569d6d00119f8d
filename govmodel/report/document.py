"""The document model of a report: headings, paragraphs, bullet lists and tables of plain text.

A report's content (:mod:`govmodel.report.evaluation`, :mod:`govmodel.report.compare`) is built
once as a :class:`Doc` in the chosen language; the writers (:mod:`govmodel.report.writers`) turn
it into text, Markdown, HTML or Word. Every string in a block is plain text — model text included
— and each writer escapes it for its format, so nothing in a model file can become markup.

>>> doc = Doc("Title", "en")
>>> doc.add(Heading("Part"), Para("Some text."), None)
>>> [type(b).__name__ for b in doc.blocks]
['Heading', 'Para']
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

# C0 and C1 control characters except line feed and tab: the loader refuses them in model text,
# and the writers drop any that reach them (no escape sequence reaches a terminal or a file).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """``text`` without control characters (line feeds and tabs kept).

    >>> clean("a\x1b[2Jb\x9bc")
    'a[2Jbc'
    """
    return _CONTROL.sub("", str(text))


@dataclass(frozen=True)
class Cell:
    """One table cell."""

    text: str
    grade: str | None = None  # a verdict grade: coloured, and marked in HTML
    strong: bool = False
    indent: int = 0  # levels of indentation (a part of the row above)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    text: str
    grade: str | None = None
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    """A list; an item with line breaks is an item with sub-items (one per further line)."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # columns that may be wrapped freely (the others keep their width when possible)
    wide: tuple[int, ...] = ()
    # in the 80-column text, one entry per row ("first cell: header: value; ...")
    text_as_list: bool = False


@dataclass(frozen=True)
class PageBreak:
    """The end of a page in formats that have pages (Word, printed HTML); nothing elsewhere."""


Block = Heading | Para | Bullets | Table | PageBreak


@dataclass
class Doc:
    """A report: a title, its language and its blocks in order."""

    title: str
    lang: str
    blocks: list[Block] = field(default_factory=list)
    # the report's date (the receipt's): Word's document properties carry it, never the clock
    date: datetime.date | None = None

    def add(self, *blocks: Block | None) -> None:
        """Append ``blocks``, skipping ``None`` (a part with nothing to say)."""
        self.blocks.extend(b for b in blocks if b is not None)

    def texts(self) -> list[str]:
        """Every string a reader sees, in order (for checks of language and ids)."""
        out = [self.title]
        for b in self.blocks:
            if isinstance(b, (Heading, Para)):
                out.append(b.text)
            elif isinstance(b, Bullets):
                out.extend(b.items)
            elif isinstance(b, Table):
                out.extend(b.headers)
                out.extend(c.text for row in b.rows for c in row)
        return out


__all__ = ["Block", "clean", "Bullets", "Cell", "Doc", "Heading", "PageBreak", "Para", "Table"]
