"""The shared context of one criteria evaluation: the model, the law data, the participating
authorities and the bodies tested, with memoised control analyses.

The context is immutable (a frozen dataclass); its caches only memoise pure computations on
the model (control analyses, coverage, the bases of a relation), so a criterion function
``f(ctx)`` is a pure function of the context's fields.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from govmodel.analysis.control import ControlAnalysis
from govmodel.analysis.coverage import Coverage, coverage
from govmodel.law import LawData
from govmodel.model import Model, Relation


class _SharedPlayers(ControlAnalysis):
    """A control analysis that shares the organs' players with the evaluation's other analyses
    of the same model (they depend on the model only)."""

    shared: dict[str, tuple]

    def organ_players(self, organ: str):
        if organ not in self.shared:
            self.shared[organ] = super().organ_players(organ)
        return self.shared[organ]


@dataclass(frozen=True)
class Context:
    """What every criterion reads.

    ``auth``: the participating contracting authorities (actor ids); ``bodies``: the supplier's
    decision-making bodies tested for representation; ``all_bodies``: every body must include
    every authority (not only the supreme one); ``facts``: also find who else passes or blocks
    each decision alone (reasoning only)."""

    model: Model
    law: LawData
    bodies: tuple[str, ...]
    auth: tuple[str, ...]
    all_bodies: bool = False
    facts: bool = True
    _memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    # -- derived, memoised -------------------------------------------------------------------

    @property
    def auth_set(self) -> frozenset[str]:
        return self._cached("auth_set", lambda: frozenset(self.auth))

    @property
    def joint(self) -> bool:
        """Several participating authorities: the joint-control rules of § 3-2 apply."""
        return len(self.auth) > 1

    @property
    def rel(self) -> Mapping[str, Relation]:
        return self._cached("rel", lambda: {r.id: r for r in self.model.relations})

    @property
    def crit(self) -> Mapping[str, Any]:
        return self.law.criteria

    def _cached(self, key: Any, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def full_attendance(self) -> Model:
        """The model with every member present."""
        return self._cached(
            "full",
            lambda: (
                dataclasses.replace(self.model, attendance={})
                if self.model.attendance
                else self.model
            ),
        )

    def analysis(
        self, coalition: tuple[str, ...], chains: bool = True, full: bool = False
    ) -> ControlAnalysis:
        """The control analysis of ``coalition`` (memoised; ``full``: at full attendance)."""
        key = ("an", coalition, chains, full)
        if key not in self._memo:
            m = self.full_attendance() if full else self.model
            an = _SharedPlayers(m, coalition, chains=chains)
            an.shared = self._cached(("players", full), dict)
            self._memo[key] = an
        return self._memo[key]

    def coverage(self) -> Coverage:
        """The coverage matrix of the participating authorities over the bodies."""
        return self._cached("coverage", lambda: coverage(self.model, self.bodies, self.auth))

    def outsiders(self) -> tuple[str, ...]:
        """Holders and fixed seat holders of the company's organs that are not participating
        authorities (KS, a private owner, the state ...), as the structure's units."""

        def compute() -> tuple[str, ...]:
            from govmodel.power.structure import units

            out = []
            for u in units(self.model):
                if u in self.model.groups:
                    if all(m in self.auth_set for m in self.model.groups[u].members):
                        continue
                elif u in self.auth_set:
                    continue
                out.append(u)
            return tuple(out)

        return self._cached("outsiders", compute)

    # -- law data ----------------------------------------------------------------------------

    def param(self, cid: str, *path: str, default: Any = None) -> Any:
        """A parameter of criterion ``cid`` in the law data (``default`` when absent)."""
        node: Any = self.crit[cid].extra.get("parameters", {}) if cid in self.crit else {}
        for p in path:
            if not isinstance(node, Mapping) or p not in node:
                return default
            node = node[p]
        return node

    def section(self, cid: str) -> str:
        """The section reference of criterion ``cid`` (its id when the law data lacks it)."""
        return self.crit[cid].section if cid in self.crit else cid

    def gm(self) -> str | None:
        """The organ where the shareholders vote (the general meeting), if any."""
        for o in self.model.organs.values():
            if o.shareholders:
                return o.id
        return None


def expand(model: Model, ids: Iterable[str]) -> tuple[str, ...]:
    """Actor ids for ``ids`` (actors or groups, groups expanded to their members), in order;
    KeyError for an id that is neither."""
    out: dict[str, None] = {}
    for x in ids:
        if x in model.groups:
            for m in model.groups[x].members:
                out.setdefault(m, None)
        elif x in model.actors:
            out.setdefault(x, None)
        else:
            raise KeyError(x)
    return tuple(out)
