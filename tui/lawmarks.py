"""The mark on what rests on law not verified against the statute text, as the CLI writes it
(no Textual here).

Every text comes from the report's helpers over :mod:`govmodel.analysis.law_status`
(:mod:`govmodel.report.unverified`): a decision's rule from an unverified entry and an
element's own citation of an unverified section get the line ``govmodel show`` writes ("not
verified against the statute text: <entry> (<section>)"), a table the word after the rule
("(not verified)"), and a view about the whole model the paragraph on the evaluation report's
first page. The UI never decides itself what is verified.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from govmodel.model import Model, Provenance
from govmodel.report.document import Para
from govmodel.report.l10n import L10n
from govmodel.report.unverified import (
    cite_marked,
    cited_lines,
    rule_mark,
    unverified_blocks,
    unverified_by_decision,
    unverified_line,
)

if TYPE_CHECKING:
    from govmodel.analysis.criteria import Verdict


def decision_marks(model: Model, organ: str, decision: str, lang: str) -> list[str]:
    """The lines under a decision whose rule rests on an unverified law entry, then those its
    own source cites (each entry once), as ``govmodel show`` writes them; [] when none."""
    t = L10n(lang, model)
    marked = unverified_by_decision(model).get((organ, decision), [])
    lines = [unverified_line(t, u.name, u.section) for u in marked]
    d = model.decision(organ, decision)
    return lines + cited_lines(t, d.provenance, (u.law for u in marked))


def source_marks(model: Model, prov: Provenance, lang: str) -> list[str]:
    """The lines under an element (organ, seat, relation, document) whose own source cites a
    section not verified against the statute text; [] when none."""
    return cited_lines(L10n(lang, model), prov)


def decision_word(model: Model, organ: str, decision: str, lang: str) -> str:
    """The word after a decision in a table when its rule rests on an unverified law entry
    (``(not verified)``, as the report's table of decisions writes it), else ""."""
    if (organ, decision) in unverified_by_decision(model):
        return rule_mark(L10n(lang, model))
    return ""


def sources_text(model: Model, sources: Iterable[str], lang: str) -> list[str]:
    """Each source cited as the report cites it, a section not verified against the statute
    text followed by the report's word (``samvirkelova § 14 (not verified)``); a source the
    registry does not know as written."""
    t = L10n(lang, model)
    return [cite_marked(t, s) or str(s) for s in sources]


def model_note(model: Model, lang: str, verdicts: Iterable[Verdict] = ()) -> str:
    """The evaluation report's paragraph naming every decision whose rule rests on an
    unverified law entry, and the unverified sections the sources of ``verdicts`` cite (its
    first page), or "" when there is none."""
    blocks = unverified_blocks(L10n(lang, model), model, verdicts)
    return " ".join(b.text for b in blocks if isinstance(b, Para))


__all__ = ["decision_marks", "decision_word", "model_note", "source_marks", "sources_text"]
