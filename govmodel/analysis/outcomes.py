"""What the control engine answers: the grades of a link, the steps and chains by which a
coalition reaches a player, and the outcome of forcing or blocking one decision.

Value types only (frozen dataclasses), so the criteria, the reports and the TUI can read an
answer without the engine (:mod:`govmodel.analysis.control`). A link's grade is one of
:data:`LEVELS`, strongest first; a chain is as strong as its weakest link.

>>> Chain("ks", (Step("r1", "elects", "firm", "generalforsamling", "styre", ""),)).link
'firm'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from govmodel.messages import Msg
from govmodel.regions import collapse_regional

LEVELS = ("firm", "contractual", "periodic", "revocable")
LEVEL = {name: i for i, name in enumerate(LEVELS)}
WEAKEST = len(LEVELS) - 1


@dataclass(frozen=True)
class Step:
    """One link of a chain: the relation used, its type and strength class."""

    relation: str
    type: str
    link: str
    source: str
    target: str
    provenance: str

    def text(self) -> str:
        return f"{self.source} —{self.type}[{self.link}]→ {self.target}"


def hops_text(steps: Iterable[Step]) -> str:
    """Steps as ``a —type→ b`` hops in order (the strength in brackets unless firm); per-fylke
    ids written once (``fylkesmote_<fylke>``) with how many there are (×15).

    >>> hops_text([Step("r", "elects", "periodic", "fylkesmote_03", "landsmote", "")] * 2)
    'fylkesmote_<fylke> —elects[periodic]→ landsmote (×2)'
    """
    counts: dict[str, int] = {}
    for s in steps:
        link = "" if s.link == "firm" else f"[{s.link}]"
        hop = collapse_regional(f"{s.source} —{s.type}{link}→ {s.target}")
        counts[hop] = counts.get(hop, 0) + 1
    return " ; ".join(f"{h} (×{n})" if n > 1 else h for h, n in counts.items())


@dataclass(frozen=True)
class Chain:
    """How a coalition reaches a player: the member it starts from and the links used."""

    member: str | None  # coalition member at the root (None when it goes through a decision)
    steps: tuple[Step, ...] = ()
    via: tuple[str, ...] = ()  # decisions ("organ.decision") forced on the way

    @property
    def level(self) -> int:
        return max((LEVEL.get(s.link, 0) for s in self.steps), default=0)

    @property
    def link(self) -> str:
        return LEVELS[self.level]

    def text(self) -> str:
        parts = [self.member] if self.member else []
        parts += [s.text() for s in self.steps]
        return " ; ".join(p for p in parts if p)


@dataclass(frozen=True)
class Outcome:
    """Whether the coalition can force (or block) one decision, and on what that rests.

    ``applicable`` is False for the blocking side of a minority right (nothing to block).
    ``reason`` says why, language-neutral (:mod:`govmodel.analysis.reasons`)."""

    organ: str
    decision: str
    kind: str  # "force" or "block"
    possible: bool
    level: str | None  # strictest link class that suffices (None when not possible)
    controlled: tuple[tuple[str, Chain], ...] = ()  # players commanded, with chains
    recommendations: tuple[
        tuple[str, str, Outcome | None], ...
    ] = ()  # (relation, strength, outcome)
    reason: Msg | None = None
    rests_on: tuple[Step, ...] = field(default=())
    applicable: bool = True
    # adopt-or-return recommendations whose recommender the coalition itself controls (at any
    # grade): safeguards it holds, which neither stop it nor weaken the grade of its result
    safeguards: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.organ}.{self.decision}"


@dataclass(frozen=True)
class DecisionControl:
    """The graded answer for one decision: the strictest level at which it can be forced and
    blocked (None when not at all), with the outcomes behind them."""

    organ: str
    decision: str
    force: Outcome
    block: Outcome

    @property
    def key(self) -> str:
        return f"{self.organ}.{self.decision}"
