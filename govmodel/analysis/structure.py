"""Winning and blocking structure of each decision, summarised as users think of it.

Instead of enumerating 2^372 coalitions, players are grouped into *units*: the generated groups
(kommuner, fylkeskommuner) and every other actor that holds shares or seats (KS, a private
owner, the state ...). For each decision the minimal winning and minimal blocking sets of units
are found by checking the (few) unions of units with the control engine, both directly (own
votes only, as the study's §5.4.4 reasons) and through chains (appointments, instructions,
proxies, recommendations). Within a group, the weighted form of the rule gives the share of the
votes present any set of members needs to force or to block, and the fewest largest members
that do so.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from govmodel.analysis.control import ControlAnalysis, graded
from govmodel.analysis.games import WeightedForm, present_players, weighted_form
from govmodel.model import Model

MAX_UNITS = 10


@dataclass(frozen=True)
class GroupThreshold:
    """How much of a group is needed, alone, to force or block (direct votes)."""

    group: str
    members_present: int
    weight_present: int
    force_fewest_largest: tuple[str, ...] | None  # None: the whole group cannot
    block_fewest_largest: tuple[str, ...] | None


@dataclass(frozen=True)
class DecisionStructure:
    organ: str
    decision: str
    name: str
    rule: str
    source: str
    units: tuple[str, ...]
    minimal_winning: tuple[tuple[str, ...], ...]
    minimal_blocking: tuple[tuple[str, ...], ...]
    minimal_winning_direct: tuple[tuple[str, ...], ...]
    minimal_blocking_direct: tuple[tuple[str, ...], ...]
    weighted: WeightedForm | None
    force_share: Fraction | None  # share of the votes present a yes-side needs (direct)
    block_share: Fraction | None  # share of the votes present that blocks (direct)
    groups: tuple[GroupThreshold, ...]
    authorities_can_force: str | None  # strictest link level, or None
    authorities_can_block: str | None

    @property
    def key(self) -> str:
        return f"{self.organ}.{self.decision}"


def units(model: Model) -> tuple[str, ...]:
    """The generated groups plus every other actor holding shares or a fixed seat."""
    out: list[str] = [g.id for g in model.groups.values() if g.generate]
    in_groups = {a for g in out for a in model.groups[g].members}
    for h in model.company.holders():
        if h not in in_groups and h not in out:
            out.append(h)
    return tuple(out[:MAX_UNITS])


def _minimal(sets: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    found: list[tuple[str, ...]] = []
    for s in sorted(sets, key=lambda x: (len(x), x)):
        if not any(set(f) <= set(s) for f in found):
            found.append(s)
    return tuple(found)


def _scan(
    model: Model,
    organ: str,
    decision: str,
    us: tuple[str, ...],
    chains: bool,
    cache: dict | None = None,
) -> tuple[tuple, tuple]:
    winning: list[tuple[str, ...]] = []
    blocking: list[tuple[str, ...]] = []
    cache = {} if cache is None else cache
    for k in range(1, len(us) + 1):
        for combo in combinations(us, k):
            an = cache.get((combo, chains))
            if an is None:
                an = cache[(combo, chains)] = ControlAnalysis(model, combo, chains=chains)
            if an.force(organ, decision).possible:
                winning.append(combo)
            if an.block(organ, decision).possible:
                blocking.append(combo)
    return _minimal(winning), _minimal(blocking)


def decision_structure(
    model: Model, organ: str, decision: str, cache: dict | None = None
) -> DecisionStructure:
    """The structure of one decision (see the module docstring). ``cache`` shares the
    per-coalition analyses between decisions of one model."""
    cache = {} if cache is None else cache
    d = model.decision(organ, decision)
    us = units(model)
    mw, mb = _scan(model, organ, decision, us, chains=True, cache=cache)
    mwd, mbd = _scan(model, organ, decision, us, chains=False, cache=cache)
    ps = present_players(model, organ)
    complete = not model.attendance.get(organ)
    wf = weighted_form(d.rule, ps, complete=complete)
    force_share = block_share = None
    thresholds: list[GroupThreshold] = []
    if wf is not None and wf.total:
        force_share = Fraction(wf.quota, wf.total)
        block_share = Fraction(wf.total - wf.quota + 1, wf.total)
        weight = dict(zip(wf.player_ids, wf.weights, strict=True))
        for g in us:
            if g not in model.groups:
                continue
            members = [m for m in model.groups[g].members if m in weight]
            if not members:
                continue
            members.sort(key=lambda m: (-weight[m], m))
            total = sum(weight[m] for m in members)
            thresholds.append(
                GroupThreshold(
                    g,
                    len(members),
                    total,
                    _fewest(members, weight, wf.quota) if not wf.vetoers else None,
                    _fewest(members, weight, wf.total - wf.quota + 1),
                )
            )
    generated = [g.id for g in model.groups.values() if g.generate]
    in_groups = {a for g in generated for a in model.groups[g].members}
    # the generated groups plus any other contracting authority (KS, under the default reading)
    authorities = generated + [a for a in model.contracting_authorities() if a not in in_groups]
    if authorities:
        key = (tuple(authorities), True)
        if key not in cache:
            cache[key] = ControlAnalysis(model, authorities)
        gc = graded(cache[key], organ, decision)
        can_force = gc.force.level if gc.force.possible else None
        can_block = gc.block.level if gc.block.possible else None
    else:
        can_force = can_block = None
    return DecisionStructure(
        organ,
        decision,
        d.name,
        d.rule.describe("en"),
        d.provenance.label(),
        us,
        mw,
        mb,
        mwd,
        mbd,
        wf,
        force_share,
        block_share,
        tuple(thresholds),
        can_force,
        can_block,
    )


def _fewest(members: list[str], weight: dict[str, int], need: int) -> tuple[str, ...] | None:
    acc = 0
    out: list[str] = []
    for m in members:
        if acc >= need:
            break
        acc += weight[m]
        out.append(m)
    return tuple(out) if acc >= need else None


def model_structure(model: Model, organs: tuple[str, ...] | None = None) -> list[DecisionStructure]:
    """Structure of every decision of the general meeting and the councils around it."""
    chosen = organs or tuple(
        o.id
        for o in model.organs.values()
        if o.kind in ("general_meeting", "owners_council", "representation_council")
    )
    cache: dict = {}
    return [
        decision_structure(model, oid, d.id, cache)
        for oid in chosen
        for d in model.organs[oid].decisions
    ]
