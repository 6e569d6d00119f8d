"""Citations: the source registry (``govmodel/law/sources.yaml``) and how reports cite from it.

A ``source:`` string of a model or law file holds one or more citations separated by ``;``
(outside brackets). Each starts with one of a registry entry's ``cite_as`` forms and goes on with
a pinpoint — ``002 §5.4.8``, ``aksjeloven § 5-18 (1)`` — or, after a first citation, with only a
pinpoint (``§ 6-25 (1)`` continues the statute before it). :func:`resolve` turns the string into
:class:`Citation` values; a report writes each as the entry's title and the pinpoint in its
language (the study by its title, never by file number) and lists the entries used at the end
(:class:`Citations`).

>>> [(c.entry, c.pinpoint) for c in resolve("002 §5.5.2 (note); aksjeloven § 5-2 (3)")]
[('konseptutredning', '5.5.2'), ('aksjeloven', '§ 5-2 (3)')]
>>> resolve("BRIEF §2")[0].entry is None
True
>>> cite(resolve("anskaffelsesforskriften § 3-2 (1) b og § 3-4")[0], "en")
'anskaffelsesforskriften § 3-2 (1) b and § 3-4'
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from govmodel.i18n import format as fmt

REGISTRY = Path(__file__).resolve().parent.parent / "law" / "sources.yaml"
#: The team's own notes: never a source (a test fails on any citation of them).
FORBIDDEN = re.compile(r"\bBRIEF\b")


@dataclass(frozen=True)
class Source:
    """One registry entry."""

    id: str
    kind: str
    cite_as: tuple[str, ...]
    title: Mapping[str, str]
    pinpoint: Mapping[str, str]
    author: str = ""
    date: datetime.date | None = None
    version: str = ""
    reference: str = ""
    url: str = ""

    def full(self, lang: str) -> str:
        """The full citation: author, title, version, date, reference."""
        parts = []
        title = self.title.get(lang) or self.title["nb"]
        legal = ("statute", "regulation", "judgment", "directive")
        if self.author and self.kind not in legal and not title.startswith(self.author):
            parts.append(self.author)
        parts.append(title)
        if self.version:
            parts.append(("versjon " if lang == "nb" else "version ") + self.version)
        if self.date and self.kind not in ("statute", "regulation", "directive", "judgment"):
            parts.append(fmt.date(self.date, lang))
        if self.reference:
            parts.append(self.reference)
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)

    def short(self, lang: str) -> str:
        """The short form used in running text: a statute's short name, a study's title."""
        title = self.title.get(lang) or self.title["nb"]
        # the short name in brackets, in the report's language ("UN Charter", not "FN-pakten");
        # a Norwegian statute's English title glosses its Norwegian name after a comma
        # ("aksjeloven, the Private Limited Liability Companies Act"): the name stays Norwegian
        m = re.search(r"\(([^()]*)\)\s*$", title)
        if self.kind in ("statute", "regulation") and m:
            return m.group(1).split(",")[0].strip()
        if self.kind == "judgment":
            return title
        return title.split(" (")[0]


@dataclass(frozen=True)
class Citation:
    """One citation: a registry entry (``None`` when nothing matches) and its pinpoint."""

    raw: str
    entry: str | None
    pinpoint: str = ""
    note: str = ""


def _date(v: object) -> datetime.date | None:
    if isinstance(v, datetime.date):
        return v
    if isinstance(v, str) and v:
        return datetime.date.fromisoformat(v)
    return None


@cache
def registry() -> Mapping[str, Source]:
    """Every entry of ``govmodel/law/sources.yaml`` by id."""
    # libyaml's parser with the safe loader (yaml.safe_load's pure-Python parser took about
    # 30 ms of every command that cites a source); the same reading of the same trusted file
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(REGISTRY.read_text(encoding="utf-8"), Loader=loader)
    out: dict[str, Source] = {}
    for e in data["sources"]:
        out[e["id"]] = Source(
            id=e["id"],
            kind=e["kind"],
            cite_as=tuple(e["cite_as"]),
            title=dict(e["title"]),
            pinpoint=dict(e.get("pinpoint") or {"nb": "{}", "en": "{}"}),
            author=str(e.get("author") or ""),
            date=_date(e.get("date")),
            version=str(e.get("version") or ""),
            reference=str(e.get("reference") or ""),
            url=str(e.get("url") or ""),
        )
    return out


@cache
def _forms() -> tuple[tuple[str, str], ...]:
    """(lower-case form, entry id), longest form first."""
    forms = [(f.lower(), s.id) for s in registry().values() for f in s.cite_as]
    return tuple(sorted(forms, key=lambda x: (-len(x[0]), x[0])))


def split(source: str) -> list[str]:
    """The citations of a ``source:`` string: split at ``;`` outside brackets."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in source:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if ch == ";" and depth == 0:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur).strip())
    return [p for p in out if p]


def _pinpoint(rest: str) -> tuple[str, str]:
    """(pinpoint, note): the note is a bracketed remark at the end, not a paragraph "(2)"."""
    rest = rest.strip().lstrip(",:").strip()
    if not rest.endswith(")"):
        return rest, ""
    depth = 0
    for i in range(len(rest) - 1, -1, -1):
        if rest[i] == ")":
            depth += 1
        elif rest[i] == "(":
            depth -= 1
            if depth == 0:
                inner = rest[i + 1 : -1]
                if re.fullmatch(r"\d{1,2}|[a-z]", inner.strip()):
                    return rest, ""
                return rest[:i].strip(), inner.strip()
    return rest, ""


def _study_pinpoint(text: str) -> str:
    return re.sub(r"§\s*", "", text)


def resolve(source: str) -> list[Citation]:
    """The citations of ``source`` against the registry (see the module docstring)."""
    out: list[Citation] = []
    previous: str | None = None
    for part in split(str(source)):
        low = part.lower()
        entry = None
        rest = part
        for form, sid in _forms():
            if low.startswith(form) and (len(low) == len(form) or not low[len(form)].isalnum()):
                entry, rest = sid, part[len(form) :]
                break
        if entry is None and previous is not None and part.startswith("§"):
            entry, rest = previous, part
        if entry is None:
            # a remark with the citation in brackets: "purpose as in model A (002 §5.4.8)"
            inner = re.search(r"\(([^()]*)\)\s*$", part)
            if inner:
                found = resolve(inner.group(1))
                if found and found[0].entry is not None:
                    c = found[0]
                    out.append(Citation(part, c.entry, c.pinpoint, part[: inner.start()].strip()))
                    previous = c.entry
                    continue
        if entry is None or FORBIDDEN.search(part):
            out.append(Citation(part, None))
            continue
        pin, note = _pinpoint(rest)
        if pin and not re.match(r"[§\d]|(art|para)\.", pin):
            # a citation written out in full: the pinpoint is what starts at "§", if anything
            at = pin.find("§")
            pin = pin[at:] if at >= 0 else ""
        if ": " in pin:
            pin, quote = pin.split(": ", 1)
            note = note or quote
        if registry()[entry].kind in ("study", "note", "presentation", "letter"):
            pin = _study_pinpoint(pin)
        out.append(Citation(part, entry, pin, note))
        previous = entry
    return out


#: Norwegian words of a statutory pinpoint and their English (the law data writes pinpoints
#: the Norwegian way: "§ 3-1 (2) annet punktum", "§ 3-2 (1) b og § 3-4").
_PINPOINT_EN = (
    (re.compile(r"\bførste punktum\b"), "first sentence"),
    (re.compile(r"\bannet punktum\b"), "second sentence"),
    (re.compile(r"\btredje punktum\b"), "third sentence"),
    (re.compile(r"\bførste ledd\b"), "first paragraph"),
    (re.compile(r"\bannet ledd\b"), "second paragraph"),
    (re.compile(r"\btredje ledd\b"), "third paragraph"),
    (re.compile(r"\s+og\s+(?=§|\d)"), " and "),
)


def english_pinpoint(pinpoint: str) -> str:
    """A statutory pinpoint in English words.

    >>> english_pinpoint("§ 3-1 (2) annet punktum og § 3-4")
    '§ 3-1 (2) second sentence and § 3-4'
    """
    for pattern, words in _PINPOINT_EN:
        pinpoint = pattern.sub(words, pinpoint)
    return pinpoint


def cite(c: Citation, lang: str) -> str:
    """One citation as running text: the entry's short title and the pinpoint."""
    if c.entry is None:
        return c.raw
    src = registry()[c.entry]
    text = src.short(lang)
    if c.pinpoint:
        pinpoint = c.pinpoint
        if lang == "en":
            pinpoint = english_pinpoint(pinpoint)
        pin = src.pinpoint.get(lang, "{}").format(pinpoint)
        sep = " " if src.kind in ("statute", "regulation") else ", "
        text = f"{text}{sep}{pin}"
    return text


class Citations:
    """The sources one report cites, in order of first use, for the list at its end."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.used: dict[str, None] = {}
        self.unresolved: dict[str, None] = {}

    def text(
        self, sources: str | Iterable[str], mark: Callable[[Citation], str] | None = None
    ) -> str:
        """The citations of ``sources`` as running text (``; `` between them), recording the
        entries used. Bilingual model text (a ``Text``) is taken in the report's language.
        ``mark`` gives the words after a citation (a section not verified), if any."""
        items = [sources] if isinstance(sources, str) else list(sources)
        parts: list[str] = []
        for s in items:
            raw = s.get(self.lang) if hasattr(s, "get") else s
            for c in resolve(raw):
                if c.entry is None:
                    self.unresolved[c.raw] = None
                    continue
                self.used[c.entry] = None
                text = cite(c, self.lang)
                # a remark is kept only where the model gives it in both languages
                if c.note and hasattr(s, "en") and getattr(s, "en", None) != str(s):
                    text += f" ({c.note})"
                if mark is not None:
                    text += mark(c)
                parts.append(text)
        return "; ".join(dict.fromkeys(parts))

    def entries(self) -> list[Source]:
        """The entries cited, in order of first use."""
        reg = registry()
        return [reg[i] for i in self.used]


__all__ = [
    "FORBIDDEN",
    "REGISTRY",
    "Citation",
    "Citations",
    "Source",
    "cite",
    "registry",
    "resolve",
    "split",
]
