"""What a sensitivity run finds (:func:`govmodel.analysis.sensitivity.sensitivity`): a change
tried, its effects on the verdicts, and the finding with the threshold where a verdict flips.

Value types only, apart from the run, so an :class:`~govmodel.analysis.criteria.Evaluation` can
hold findings without importing the analysis that makes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from govmodel import changes as C
from govmodel.messages import Msg


@dataclass(frozen=True)
class Change:
    """One change tried: an id, a kind, a description and the change values applied."""

    id: str
    kind: str  # revoke_proxies | advisory | remove_organ | owner_leaves | share | turnout
    label: Msg
    changes: tuple[C.Change, ...]  # at the threshold for a parametrised change

    @property
    def text(self) -> str:
        """The changes as a scenario's ``changes:`` list (YAML)."""
        return C.changes_yaml(self.changes)


@dataclass(frozen=True)
class Effect:
    criterion: str
    element: str | None  # None: the criterion's own verdict
    before: str
    after: str
    kind: str  # "flip" | "shift"
    added: tuple[str, ...] = ()  # what it now rests on / who now passes or blocks alone
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    change: Change
    effects: tuple[Effect, ...]
    threshold: Msg | None = None
    value: Fraction | int | None = None
    error: Msg | None = None

    @property
    def flips(self) -> tuple[Effect, ...]:
        return tuple(e for e in self.effects if e.kind == "flip")
