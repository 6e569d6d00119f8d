"""The value types of a criteria evaluation: grades, what a verdict rests on, verdicts.

Grades, best to worst (docs/criteria.md):

``satisfied``
    directly: the authorities' own votes, seats or holdings, the model's own clauses;
``satisfied_indirect``
    through a chain of firm links only (elections, instructions, articles);
``conditional``
    rests on a contractual or revocable link, an adopt-or-return recommendation, a turnout
    assumption, an ``assumption:`` in the model, or a reading of the law that is open;
``unknown``
    the model lacks the data;
``not_satisfied``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from govmodel.analysis.coverage import Coverage
from govmodel.messages import Msg
from govmodel.model import Model
from govmodel.rules import Rule

if TYPE_CHECKING:
    from govmodel.analysis.findings import Finding
    from govmodel.law.readings import Readings
    from govmodel.power.structure import DecisionStructure

GRADES = ("satisfied", "satisfied_indirect", "conditional", "unknown", "not_satisfied")
RANK = {g: i for i, g in enumerate(GRADES)}

#: Basis kinds that make a verdict conditional.
CONDITIONAL_KINDS = (
    "recommendation",
    "assumption",
    "turnout",
    "interpretation",
    "projection",
    "open_reading",
)
#: Relation link classes that make a verdict conditional (firm does not).
CONDITIONAL_LINKS = ("contractual", "periodic", "revocable")


def worst(grades: Iterable[str]) -> str:
    """The worst of ``grades`` (``unknown`` when there are none).

    >>> worst(["satisfied", "conditional", "satisfied_indirect"])
    'conditional'
    >>> worst([])
    'unknown'
    """
    gs = list(grades)
    return max(gs, key=lambda g: RANK[g]) if gs else "unknown"


def best(grades: Iterable[str]) -> str:
    """The best of ``grades`` (``unknown`` when there are none).

    >>> best(["not_satisfied", "conditional"])
    'conditional'
    """
    gs = list(grades)
    return min(gs, key=lambda g: RANK[g]) if gs else "unknown"


@dataclass(frozen=True)
class Basis:
    """One thing a verdict rests on.

    ``kind``: ``relation`` (a link used; ``link`` is firm/contractual/revocable),
    ``recommendation`` (an adopt-or-return recommendation the decision needs), ``assumption``
    (an ``assumption:`` in the model; ``ref`` names the element), ``turnout`` (the modelled
    attendance), ``interpretation`` (a reading of the law that the law data marks as open),
    ``projection`` (activity measured on fewer years than the law asks), ``clause`` (a clause of
    a document), ``form`` (the company form's statute), ``data`` (a fact of the model),
    ``reading`` (a legal reading whose chosen value the verdict depends on; ``link`` is the value),
    ``open_reading`` (the same, where the value leaves the question open: conditional),
    ``barred`` (the chosen reading rules the route out: not satisfied), ``safeguard`` (an
    adopt-or-return recommendation from a body the authorities control: it adds to their
    influence and never counts against them), ``intermediary`` (the legal person a route
    passes through).

    >>> Basis("relation", "r1", "revocable").conditional
    True
    >>> Basis("relation", "r1", "firm").conditional
    False
    """

    kind: str
    ref: str
    link: str = ""
    text: str = ""
    source: str = ""

    @property
    def conditional(self) -> bool:
        """Whether resting on this makes a verdict conditional."""
        return self.kind in CONDITIONAL_KINDS or (
            self.kind == "relation" and self.link in CONDITIONAL_LINKS
        )


@dataclass(frozen=True)
class Element:
    """A part of a verdict: one decision, body, clause, holder or year."""

    key: str
    verdict: str
    reasoning: tuple[Msg, ...]
    rests_on: tuple[Basis, ...] = ()
    route: str | None = None  # direct | chain | diffuse | none ... where it applies


@dataclass(frozen=True)
class Verdict:
    """The graded verdict on one criterion."""

    id: str
    section: str
    name: Mapping[str, str]
    verdict: str
    reasoning: tuple[Msg, ...]
    sources: tuple[str, ...]
    rests_on: tuple[Basis, ...]
    elements: tuple[Element, ...] = ()

    def element(self, key: str) -> Element:
        for e in self.elements:
            if e.key == key:
                return e
        raise KeyError(key)


@dataclass(frozen=True)
class StatuteCheck:
    """A rule the model cites from another source (the study) compared with the law data."""

    organ: str
    decision: str
    source: str  # e.g. "002 §5.4.6"
    cited_text: str
    cited_rule: Rule
    law_rule: Rule
    law_id: str | None
    section: str
    agrees: bool


class EvaluationOptions(TypedDict, total=False):
    """The options an evaluation ran with, as :func:`~govmodel.analysis.criteria.evaluate_criteria`
    takes them (a re-evaluation passes them on)."""

    all_bodies: bool
    readings: Readings | None
    bodies: Sequence[str] | None
    authorities: Iterable[str] | None


@dataclass(frozen=True)
class Evaluation:
    """Everything :func:`~govmodel.analysis.criteria.evaluate` finds for one model."""

    model: Model
    authorities: tuple[str, ...]
    bodies: tuple[str, ...]
    criteria: tuple[Verdict, ...]
    summary: tuple[Verdict, ...]  # "control" (kontrollkriteriet) and "in_house" (utvidet egenregi)
    not_applicable: tuple[tuple[str, Msg], ...]
    coverage: Coverage
    statute_checks: tuple[StatuteCheck, ...]
    decisions: tuple[DecisionStructure, ...] = ()  # of the GF and councils (structure.py)
    sensitivity: tuple[Finding, ...] | None = None  # when computed (sensitivity.py)
    options: EvaluationOptions = field(default_factory=lambda: EvaluationOptions())
    reverse: Verdict | None = None  # reverse and sister in-house, § 3-1 (3) (DIF buying)

    def criterion(self, cid: str) -> Verdict:
        for v in self.criteria + self.summary:
            if v.id == cid:
                return v
        raise KeyError(cid)

    def has(self, cid: str) -> bool:
        return any(v.id == cid for v in self.criteria + self.summary)


def dedupe(bases: Iterable[Basis]) -> tuple[Basis, ...]:
    """``bases`` without repeats, in first-seen order."""
    return tuple(dict.fromkeys(bases))
