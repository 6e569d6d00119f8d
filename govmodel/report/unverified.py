"""The reader's mark on rules taken from law entries not verified against the statute text
(:mod:`govmodel.analysis.law_status`): a line per decision in ``govmodel show``, a word in the
evaluation report's table of decisions and a paragraph on its first page naming each such rule.

A model's own ``source:`` may cite such a section too (an IKS's board: "IKS-loven §§ 10, 13"):
:func:`cited_unverified` finds the unverified entries a source cites, so the organ, relation or
verdict citing them carries the same mark.

>>> [e.id for e in cited_unverified("002 §5.2.3; IKS-loven §§ 6–7")]
['iks-loven/6', 'iks-loven/7']
>>> cited_unverified("IKS-loven §§ 1, 3")  # verified sections
()
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING

from govmodel.analysis.law_status import UnverifiedRule, unverified_entries, unverified_rules
from govmodel.law import LawData, LawRule, Provision
from govmodel.model import Model, Provenance
from govmodel.report.citations import Citation, resolve
from govmodel.report.document import Block, Para
from govmodel.report.l10n import L10n

if TYPE_CHECKING:
    from govmodel.analysis.criteria import Verdict

# one section of a statutory pinpoint: its number ("10", "5-18"), an en-dash range to another
# ("6–7"), and what follows it ("annet ledd", "(1)")
_SECTION = re.compile(r"^(\d+(?:-\d+)?)(?:\s*–\s*(\d+(?:-\d+)?))?(.*)$")
_MAX_RANGE = 60  # a range longer than this is read as its two ends (no statute cites more)


def _range(a: str, b: str) -> list[str]:
    """The sections of a range "6–7" or "5-17–5-19" (within one chapter), else its two ends."""
    ca, _, na = a.rpartition("-")
    cb, _, nb = b.rpartition("-")
    if ca == cb and int(na) <= int(nb) <= int(na) + _MAX_RANGE:
        return [f"{ca}-{n}" if ca else str(n) for n in range(int(na), int(nb) + 1)]
    return [a, b]


def sections(pinpoint: str) -> list[tuple[str, str]]:
    """The sections a statutory pinpoint cites, each with the part of it cited ("" the whole).

    >>> sections("§§ 6–7")
    [('6', ''), ('7', '')]
    >>> sections("§ 4 annet ledd annet punktum, § 6-3 (1), (3)")
    [('4', 'annet ledd annet punktum'), ('6-3', '(1)'), ('6-3', '(3)')]
    """
    out: list[tuple[str, str]] = []
    for piece in re.split(r",|;|\s+og\s+|\s+and\s+", pinpoint.replace("§", " ")):
        piece = " ".join(piece.split())
        m = _SECTION.match(piece)
        if m is None:
            if piece and out:  # "(3)" after "§ 6-3 (1),": another part of the same section
                out.append((out[-1][0], piece))
            continue
        first, last, rest = m.group(1), m.group(2), m.group(3).strip()
        out.extend((s, rest) for s in (_range(first, last) if last else [first]))
    return out


def _within(part: str, entry_part: str) -> bool:
    """Whether the cited part of a section lies within an entry's part ("" the whole section):
    "annet ledd annet punktum" lies within "annet ledd", not the reverse."""
    return not entry_part or part == entry_part or part.startswith(entry_part + " ")


_Section = tuple[str, str, str, LawRule | Provision]


@cache
def _builtin_sections() -> tuple[_Section, ...]:
    return _unverified_sections(None)


def _unverified_sections(law: LawData | None) -> tuple[_Section, ...]:
    """(statute's registry entry, section, part, law entry) of every unverified entry whose
    section names a paragraph (an entry cited as a statute only has no paragraph to match)."""
    out: list[_Section] = []
    for e in unverified_entries(law):
        for c in resolve(e.section):
            if c.entry is not None and c.pinpoint:
                out.extend((c.entry, s, part, e) for s, part in sections(c.pinpoint))
    return tuple(out)


def cited_unverified(
    source: str | Iterable[str], law: LawData | None = None
) -> tuple[LawRule | Provision, ...]:
    """The law entries not verified against the statute text that ``source`` (a ``source:``
    string, or several) cites, each once in the order cited: a citation cites an entry when it
    names the entry's statute and section and the part it cites lies within the entry's
    (``IKS-loven § 10`` cites the unverified § 10; ``IKS-loven § 4`` does not cite the
    unverified § 4 annet ledd annet punktum, its first ledd being verified)."""
    items = [source] if isinstance(source, str) else list(source)
    out: dict[str, LawRule | Provision] = {}
    for raw in items:
        for c in resolve(str(raw)):
            for e in _cites(c, law):
                out.setdefault(e.id, e)
    return tuple(out.values())


def _cites(c: Citation, law: LawData | None = None) -> list[LawRule | Provision]:
    """The unverified law entries one citation cites (see :func:`cited_unverified`)."""
    if c.entry is None or not c.pinpoint:
        return []
    known = _builtin_sections() if law is None else _unverified_sections(law)
    return [
        e
        for s, part in sections(c.pinpoint)
        for statute, es, epart, e in known
        if statute == c.entry and es == s and _within(part, epart)
    ]


def cite_marked(t: L10n, sources: str | Iterable[str]) -> str:
    """``sources`` cited as :meth:`L10n.cite` cites them, each citation of a section not
    verified against the statute text followed by :func:`rule_mark` (``samvirkelova § 14 (not
    verified)``)."""
    word = f" {rule_mark(t)}"
    return t.citations.text(sources, mark=lambda c: word if _cites(c) else "")


def cited_lines(t: L10n, prov: Provenance, skip: Iterable[str] = ()) -> list[str]:
    """The mark of each unverified law entry an element's source cites (:func:`unverified_line`),
    leaving out the entries in ``skip`` (already marked on the element's rule)."""
    done = set(skip)
    if not prov.source:
        return []
    return [
        unverified_line(t, e.name, e.section)
        for e in cited_unverified(str(prov.source))
        if e.id not in done
    ]


def unverified_line(t: L10n, name: Mapping[str, str], section: str) -> str:
    """The mark on a rule taken from an unverified law entry: the entry by name and its statute
    as cited."""
    return t("not verified against the statute text: {rule} ({section})").format(
        rule=name.get(t.lang) or name.get("en", ""), section=t.cite(section) or section
    )


def unverified_by_decision(model: Model) -> dict[tuple[str, str], list[UnverifiedRule]]:
    """The unverified law entries each decision rests on, by (organ, decision)."""
    out: dict[tuple[str, str], list[UnverifiedRule]] = {}
    for u in unverified_rules(model):
        out.setdefault((u.organ, u.decision), []).append(u)
    return out


def rule_mark(t: L10n) -> str:
    """The word after a rule in a table when the rule is not verified."""
    return t("(not verified)")


def unverified_blocks(t: L10n, model: Model, verdicts: Iterable[Verdict] = ()) -> list[Block]:
    """One paragraph naming every decision whose rule rests on an unverified law entry and that
    entry, and every other unverified entry the sources of ``verdicts`` cite with the verdicts
    citing it (their sources carry the word :func:`rule_mark`); nothing when there is none."""
    entries: dict[str, UnverifiedRule] = {}
    decisions: dict[str, list[str]] = {}
    for u in unverified_rules(model):
        entries.setdefault(u.law, u)
        name = t.name(f"{u.organ}.{u.decision}")
        if name not in decisions.setdefault(u.law, []):
            decisions[u.law].append(name)
    items = [
        t("{rule} ({section}), used by {decisions}").format(
            rule=u.name.get(t.lang) or u.name.get("en", ""),
            section=t.cite(u.section) or u.section,
            decisions=", ".join(decisions[qid]),
        )
        for qid, u in entries.items()
    ]
    cited: dict[str, tuple[LawRule | Provision, list[str]]] = {}
    for v in verdicts:
        for e in cited_unverified(v.sources):
            if e.id in entries:
                continue
            name = v.name.get(t.lang) or v.name.get("en") or v.id
            names = cited.setdefault(e.id, (e, []))[1]
            if name not in names:
                names.append(name)
    items += [
        t("{rule} ({section}), cited as a source of {verdicts}").format(
            rule=e.name.get(t.lang) or e.name.get("en", ""),
            section=t.cite(e.section) or e.section,
            verdicts=", ".join(names),
        )
        for e, names in cited.values()
    ]
    if not items:
        return []
    return [
        Para(
            t(
                "Not verified against the statute text: {items}. These rules come from the "
                "preparatory works or secondary sources; a verdict that rests on them holds only "
                "if they are right."
            ).format(items="; ".join(items))
        )
    ]


__all__ = [
    "cited_lines",
    "cite_marked",
    "cited_unverified",
    "rule_mark",
    "sections",
    "unverified_blocks",
    "unverified_by_decision",
    "unverified_line",
]
