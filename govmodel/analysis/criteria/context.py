"""The shared context of one criteria evaluation: the model, the law data, the participating
authorities and the bodies tested, with memoised control analyses.

The context is immutable (a frozen dataclass); its caches only memoise pure computations on
the model (control analyses, coverage, the bases of a relation), so a criterion function
``f(ctx)`` is a pure function of the context's fields.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar, cast

from govmodel.analysis.control import ControlAnalysis
from govmodel.analysis.coverage import Coverage, coverage
from govmodel.analysis.criteria.verdicts import Basis
from govmodel.law import LawData, Provision
from govmodel.law.readings import Readings, load_readings
from govmodel.model import Model, Relation, Text
from govmodel.power.structure import units

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """What every criterion reads.

    ``auth``: the participating contracting authorities (actor ids); ``bodies``: the supplier's
    decision-making bodies tested for representation; ``readings``: the chosen legal readings
    (:class:`~govmodel.law.readings.Readings`); ``all_bodies``: every body must include every
    authority (the reading ``representation_bodies=all_bodies``, kept as a flag for callers);
    ``facts``: also find who else passes or blocks each decision alone (reasoning only)."""

    model: Model
    law: LawData
    bodies: tuple[str, ...]
    auth: tuple[str, ...]
    all_bodies: bool = False
    facts: bool = True
    readings: Readings = field(default_factory=Readings.default)
    _memo: dict[Hashable, object] = field(default_factory=dict, compare=False, repr=False)

    # -- readings ----------------------------------------------------------------------------

    def reading(self, rid: str) -> str:
        """The chosen value of reading ``rid``."""
        if rid == "representation_bodies" and self.all_bodies:
            return "all_bodies"
        return self.readings.value(rid)

    def reading_basis(self, rid: str, *, conditional: bool = False) -> Basis:
        """A basis saying the verdict rests on reading ``rid`` (its chosen value); ``conditional``
        when that value leaves the question open (it makes the verdict conditional)."""
        value = self.reading(rid)
        return Basis(
            "open_reading" if conditional else "reading", rid, value, reading_text(rid, value)
        )

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
    def crit(self) -> Mapping[str, Provision]:
        return self.law.criteria

    def _cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key not in self._memo:
            self._memo[key] = compute()
        # stored by this method under ``key``, by a ``compute`` of the same type
        return cast(T, self._memo[key])

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
        return self._cached(
            ("an", coalition, chains, full),
            lambda: ControlAnalysis(
                self.full_attendance() if full else self.model, coalition, chains=chains
            ),
        )

    def coverage(self) -> Coverage:
        """The coverage matrix of the participating authorities over the bodies."""
        return self._cached("coverage", lambda: coverage(self.model, self.bodies, self.auth))

    def outsiders(self) -> tuple[str, ...]:
        """Holders and fixed seat holders of the company's organs that are not participating
        authorities (KS, a private owner, the state ...), as the structure's units."""

        def compute() -> tuple[str, ...]:
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

    def param(self, cid: str, *path: str, default: object = None) -> object:
        """A parameter of criterion ``cid`` in the law data (``default`` when absent)."""
        node: object = self.crit[cid].extra.get("parameters", {}) if cid in self.crit else {}
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


def reading_text(rid: str, value: str) -> Text:
    """The text of reading ``rid``'s alternative ``value`` in both languages (a basis's text)."""
    alt = load_readings()[rid].alternative(value).text
    return Text(alt.get("nb", value), alt.get("en", value))


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


def participants(
    model: Model, law: LawData, readings: Readings
) -> tuple[tuple[str, ...], tuple[Basis, ...]]:
    """The participating contracting authorities under the reading ``participating_authorities``
    and what that choice rests on.

    ``buyers`` (default): the members of the model's group ``buyers`` that are contracting
    authorities when the model has one; otherwise the contracting authorities of the buyer kinds
    in the law data (kommuner, fylkeskommuner: 002 §5.1.1), and those of the stake-holder kinds
    (KS: 002 §5.7.1) that own shares in or hold a seat of the company's organs.
    ``all_authorities``: every contracting authority of the model.

    >>> from govmodel.load import load_model
    >>> from govmodel.law import builtin_law
    >>> m = load_model("models/variants/statsforetak.yaml")
    >>> auth, _ = participants(m, builtin_law(), Readings.default())
    >>> any(m.actors[a].kind == "state_body" for a in auth)
    False
    """
    value = readings.value("participating_authorities")
    every = model.contracting_authorities()
    if value != "buyers":
        return every, ()
    crit = law.criteria.get("joint_control_influence")
    params = crit.extra.get("parameters") if crit else None
    found = params.get("participants") if isinstance(params, Mapping) else None
    conf: Mapping[str, object] = found if isinstance(found, Mapping) else {}
    group = str(conf.get("group", "buyers"))
    if group in model.groups:
        members = set(expand(model, (group,)))
        return tuple(a for a in every if a in members), ()
    kinds = _texts(conf.get("buyer_kinds")) or {"kommune", "fylkeskommune"}
    stake_kinds = _texts(conf.get("buyer_kinds_if_stakeholder"))
    stake: set[str] = set(model.company.holders())
    for o in model.organs.values():
        if o.part_of == "company":
            stake.update(s.holder for s in o.seats if s.holder)
    out = tuple(
        a
        for a in every
        if model.actors[a].kind in kinds or (model.actors[a].kind in stake_kinds and a in stake)
    )
    return out, ()


def _texts(value: object) -> set[str]:
    """The texts of a list read from the law data (empty for anything else)."""
    return {str(v) for v in value} if isinstance(value, (list, tuple)) else set()
