"""The reader's mark on rules taken from law entries not verified against the statute text
(:mod:`govmodel.analysis.law_status`): a line per decision in ``govmodel show``, a word in the
evaluation report's table of decisions and a paragraph on its first page naming each such rule.
"""

from __future__ import annotations

from collections.abc import Mapping

from govmodel.analysis.law_status import UnverifiedRule, unverified_rules
from govmodel.model import Model
from govmodel.report.document import Block, Para
from govmodel.report.l10n import L10n


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


def unverified_blocks(t: L10n, model: Model) -> list[Block]:
    """One paragraph naming every decision whose rule rests on an unverified law entry and that
    entry, or nothing when there is none."""
    found = unverified_rules(model)
    if not found:
        return []
    entries: dict[str, UnverifiedRule] = {}
    decisions: dict[str, list[str]] = {}
    for u in found:
        entries.setdefault(u.law, u)
        name = t.name(f"{u.organ}.{u.decision}")
        if name not in decisions.setdefault(u.law, []):
            decisions[u.law].append(name)
    items = "; ".join(
        t("{rule} ({section}), used by {decisions}").format(
            rule=u.name.get(t.lang) or u.name.get("en", ""),
            section=t.cite(u.section) or u.section,
            decisions=", ".join(decisions[qid]),
        )
        for qid, u in entries.items()
    )
    return [
        Para(
            t(
                "Not verified against the statute text: {items}. These rules come from the "
                "preparatory works or secondary sources; a verdict that rests on them holds only "
                "if they are right."
            ).format(items=items)
        )
    ]


__all__ = ["rule_mark", "unverified_blocks", "unverified_by_decision", "unverified_line"]
