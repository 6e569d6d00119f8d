"""The numbers the views show, from the engine: coalition results, what-if effects, the power
table (the engine's ``decision_power``, with its cache) and their formatting.

Textual-free; results are remembered per immutable model (:func:`memo`). No calculation of
its own: each figure is an engine function's result, sorted or summed for display.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, ParamSpec, TypeVar, cast

from govmodel.analysis.owners import (
    authority_groups,
    authority_members,
    principal_owner,
)
from govmodel.messages import Msg
from govmodel.model import Model

if TYPE_CHECKING:
    from govmodel.analysis.outcomes import DecisionControl, Outcome

T = TypeVar("T")
P = ParamSpec("P")

CONTROL_ORGAN_KINDS = ("general_meeting", "owners_council", "representation_council", "board")


_MEMO_LOCK = threading.Lock()
_MEMO: dict[tuple[str, int, Hashable], tuple[Model, object]] = {}


def memo(kind: str, model: Model, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` remembered per (kind, model object, key). Models are immutable and
    :func:`load` hands out the same object while the files are unchanged, so results stay
    valid across tabs, model switches and what-if undo."""
    k = (kind, id(model), key)
    with _MEMO_LOCK:
        hit = _MEMO.get(k)
    if hit is not None and hit[0] is model:
        # stored by this function under the same (kind, key), so by a ``compute`` of type T
        return cast(T, hit[1])
    value = compute()
    with _MEMO_LOCK:
        if len(_MEMO) > 512:
            _MEMO.clear()
        _MEMO[k] = (model, value)
    return value


def timed(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> tuple[T, float]:
    """``fn(*args, **kwargs)`` and the milliseconds it took."""
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, (time.perf_counter() - t0) * 1000


# -- control ---------------------------------------------------------------------------------------


def control_organs(model: Model) -> list[str]:
    """The organs the coalition explorer reports on (as ``govmodel coalition`` does)."""
    return [o.id for o in model.organs.values() if o.kind in CONTROL_ORGAN_KINDS or o.deciding]


def authorities(model: Model) -> list[str]:
    """The contracting authorities as coalition members (the authority groups, if any)."""
    return list(authority_members(model))


def coalition_results(
    model: Model, members: Iterable[str], direct: bool = False, organs: list[str] | None = None
) -> list[DecisionControl]:
    """Force and block, graded, for every decision of the control organs."""
    from govmodel import ControlAnalysis, graded

    members = sorted(m for m in members if m in model.actors or m in model.groups)
    if not members:
        return []
    organs = organs if organs is not None else control_organs(model)

    def compute() -> list[DecisionControl]:
        an = ControlAnalysis(model, members, chains=not direct)
        return [graded(an, o, d.id) for o in organs for d in model.organs[o].decisions]

    return memo("coalition", model, (tuple(members), direct, tuple(organs)), compute)


def verdict(out: Outcome) -> str | None:
    """The link level of a possible outcome, else None."""
    return out.level if out.possible else None


@dataclass(frozen=True)
class Effect:
    key: str  # organ.decision
    name: str
    owner: tuple[str | None, str | None] | None  # the principal owner's (force, block) levels
    auth: tuple[str | None, str | None] | None
    other: tuple[str | None, str | None] | None = None  # the coalition picked in tab 5


def effects(model: Model, coalition: Iterable[str] = ()) -> list[Effect]:
    """What the principal owner alone, the authorities jointly and (if given) another coalition
    can force and block, per control decision."""
    members = tuple(sorted(coalition))
    return memo("effects", model, members, lambda: _effects(model, members))


def _effects(model: Model, coalition: tuple[str, ...] = ()) -> list[Effect]:
    other = {}
    if coalition:
        other = {
            r.key: (verdict(r.force), verdict(r.block)) for r in coalition_results(model, coalition)
        }
    owner = principal_owner(model)
    alone = (
        {r.key: (verdict(r.force), verdict(r.block)) for r in coalition_results(model, [owner])}
        if owner is not None
        else {}
    )
    au_members = authorities(model)
    au = (
        {r.key: (verdict(r.force), verdict(r.block)) for r in coalition_results(model, au_members)}
        if au_members
        else {}
    )
    out = []
    for oid in control_organs(model):
        o = model.organs[oid]
        for d in o.decisions:
            k = d.key
            out.append(Effect(k, d.name, alone.get(k), au.get(k), other.get(k)))
    return out


# -- power -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PowerRow:
    id: str
    name: str
    weight: Fraction
    banzhaf: Fraction
    shapley: Fraction | None
    group: str | None = None  # generated group it belongs to
    members: int = 1  # > 1 for a group sum row


@dataclass(frozen=True)
class PowerTable:
    organ: str
    decision: str
    rows: tuple[PowerRow, ...]  # players, sorted by Banzhaf (then Shapley–Shubik)
    sums: tuple[PowerRow, ...]  # one per generated group with members present
    n: int
    quota: int | None
    total: int | None
    vetoers: tuple[str, ...]
    weighted: bool
    method: Msg  # how the engine computed the indices
    exact: bool
    ms: float


def power_table(model: Model, organ: str, decision: str, shapley: bool = True) -> PowerTable | None:
    """Banzhaf (and, with ``shapley``, Shapley–Shubik) for one decision, as the power tab shows
    it: the engine's :func:`govmodel.power.decision.decision_power` (its game, method and cache:
    the same numbers as ``govmodel power``), the players sorted by Banzhaf and a sum row per
    authority group. None when nobody votes on the decision. Banzhaf alone is fast (tens of ms
    on model A); Shapley–Shubik over 372 players takes seconds, so views ask for it separately,
    in a worker."""
    from govmodel.power.decision import NoVoters, decision_power

    t0 = time.perf_counter()
    which = ("banzhaf", "shapley_shubik") if shapley else ("banzhaf",)
    try:
        dp = decision_power(model, organ, decision, indices=which)
    except NoVoters:
        return None
    res = dp.result
    wf = dp.form
    ps = dp.players
    weights = (
        [Fraction(w, wf.scale) for w in wf.weights] if wf is not None else [p.votes for p in ps]
    )
    member_of: dict[str, str] = {}
    for gid in authority_groups(model):
        for m in model.groups[gid].members:
            member_of.setdefault(m, gid)
    rows = []
    for i, p in enumerate(ps):
        rows.append(
            PowerRow(
                p.id,
                p.name,
                weights[i],
                res.banzhaf[i] if res.banzhaf is not None else Fraction(0),
                res.shapley_shubik[i] if res.shapley_shubik is not None else None,
                member_of.get(p.holder or p.id),
            )
        )
    rows.sort(key=lambda r: (-r.banzhaf, -(r.shapley or 0), -r.weight, r.id))
    sums = []
    for gid in dict.fromkeys(r.group for r in rows if r.group):
        members = [r for r in rows if r.group == gid]
        sums.append(
            PowerRow(
                gid,
                model.groups[gid].name,
                sum((r.weight for r in members), Fraction(0)),
                sum((r.banzhaf for r in members), Fraction(0)),
                sum((r.shapley or Fraction(0) for r in members), Fraction(0))
                if members[0].shapley is not None
                else None,
                None,
                len(members),
            )
        )
    return PowerTable(
        organ,
        decision,
        tuple(rows),
        tuple(sums),
        len(ps),
        wf.quota if wf else None,
        wf.total if wf else None,
        tuple(ps[i].id for i in wf.vetoers) if wf else (),
        wf is not None,
        res.method,
        res.exact,
        (time.perf_counter() - t0) * 1000,
    )


def power_decisions(model: Model) -> list[tuple[str, str, str]]:
    """(organ, decision, label) for every decision of the company and the councils around it,
    and one of each kind of regional organ."""
    out = []
    seen_kinds: set[str] = set()
    for o in model.organs.values():
        if o.fylke:
            if o.kind in seen_kinds:
                continue
            seen_kinds.add(o.kind)
        for d in o.decisions:
            out.append((o.id, d.id, f"{o.id}.{d.id}"))
    return out


# -- comparison ------------------------------------------------------------------------------------


def pct(part: int | Fraction, whole: int | Fraction, lang: str = "en") -> str:
    """``part`` as a percentage of ``whole`` for the language (nb ``33,4 %``, en ``33.4%``):
    whole percents without decimals, else one decimal (govmodel.i18n.format)."""
    from govmodel.i18n.format import percent

    if not whole:
        return "-"
    f = Fraction(part) / Fraction(whole)
    return percent(f, lang, digits=0 if (f * 100).denominator == 1 else 1)


def fmt_index(f: Fraction | None, lang: str = "en") -> str:
    """A power index with three decimals for the language (nb ``0,999``); a value too small to
    show in three decimals reads ``< 0,001`` (never a bare 0 or a scientific ``2.4e-04``)."""
    from govmodel.i18n.format import index

    if f is None:
        return "-"
    if f == 0:
        return "0"
    if f < Fraction(1, 2000):
        return "< " + index(Fraction(1, 1000), lang)
    return index(f, lang)
