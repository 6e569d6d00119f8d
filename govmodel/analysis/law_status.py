"""Which of a model's decisions rest on a statute rule not verified against the statute text.

A law entry is ``verified`` when its wording was read in the statute itself
(``govmodel/law/README.md``). A verdict that rests on a decision whose rule comes from an
unverified entry, or from a verified entry that builds on an unverified one (``law:``), is only
as sure as that entry, so every presentation (report, ``govmodel show``, JSON) asks this module
and says so.

>>> from govmodel.law import builtin_law
>>> [r.id for r in unverified_law(builtin_law(), "iks-loven/board-decision")]
['iks-loven/board-decision']
>>> unverified_law(builtin_law(), "aksjeloven/10-1")  # verified, and so is 5-18 it builds on
()
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from govmodel.law import LawData, LawRule, Provision, builtin_law
from govmodel.model import Model


@dataclass(frozen=True)
class UnverifiedRule:
    """A decision of the model whose rule rests on the unverified law entry ``law``."""

    organ: str
    decision: str
    law: str  # the qualified id of the unverified entry (the decision's own or one it builds on)
    section: str
    name: Mapping[str, str]  # the entry's name, nb and en
    note: str  # what is uncertain (English, for the maintainer)


def unverified_law(law: LawData, qid: str) -> tuple[LawRule, ...]:
    """The unverified entries among the law rule ``qid`` and the rules it builds on, transitively,
    in the order met (each once); () when they are all verified or ``qid`` is unknown."""
    out: dict[str, LawRule] = {}
    seen: set[str] = set()
    todo = [qid]
    while todo:
        cur = todo.pop(0)
        if cur in seen or cur not in law.rules:
            continue
        seen.add(cur)
        rule = law.rules[cur]
        if not rule.verified:
            out[cur] = rule
        todo.extend(rule.builds_on)
    return tuple(out.values())


def unverified_rules(model: Model, law: LawData | None = None) -> tuple[UnverifiedRule, ...]:
    """Every (decision, unverified law entry) pair of ``model``, in organ and decision order: the
    decisions whose rule is taken from the law data (``rule: {law: ...}``) and rests on an entry
    marked ``verified: false``. A decision with a rule of the model's own is not listed: its
    source is the model's."""
    law = law or builtin_law()
    out: list[UnverifiedRule] = []
    for organ in model.organs.values():
        for d in organ.decisions:
            if not d.law:
                continue
            for entry in unverified_law(law, d.law):
                out.append(
                    UnverifiedRule(organ.id, d.id, entry.id, entry.section, entry.name, entry.note)
                )
    return tuple(out)


def unverified_entries(law: LawData | None = None) -> tuple[LawRule | Provision, ...]:
    """Every rule and provision of the law data marked ``verified: false``, in file order: the
    sections a model's own sources may cite (IKS-loven § 10 for the board an IKS elects) whose
    wording nobody read in the statute.

    >>> [e.section for e in unverified_entries() if e.id.startswith("iks-loven/1")]
    ['IKS-loven § 10', 'IKS-loven § 13']
    """
    law = law or builtin_law()
    entries: list[LawRule | Provision] = [*law.rules.values(), *law.provisions.values()]
    return tuple(e for e in entries if not e.verified)


__all__ = ["UnverifiedRule", "unverified_entries", "unverified_law", "unverified_rules"]
