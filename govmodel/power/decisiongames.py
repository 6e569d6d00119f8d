"""A decision as games over *units* (groups of owners and single owners), for the structure
summary of companies with many owners (:mod:`govmodel.power.structure`).

:func:`chain_links` reads off the control index the links along which the control engine lets
a coalition command votes it does not hold (the engine walks the same index methods, so the two
cannot drift apart); none reach a decision: chains give nothing beyond own votes.
:class:`UnitGames` gives each decision as :mod:`govmodel.power.unitgame` games, with own
votes and through chains, the adopt-or-return recommendations it depends on as vetoes, and None
where such a game would not be exact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from govmodel.analysis.control import MINORITY_RIGHT, ControlAnalysis, decided_at_meeting, law_kind
from govmodel.graph import control_index
from govmodel.model import Model, Relation
from govmodel.power.games import Atom, Formula
from govmodel.power.unitgame import UnitGame, VetoedGame, chain_commands
from govmodel.power.voting import (
    WeightedForm,
    composite_form,
    players,
    present_players,
    weighted_form,
)


def unit_members(model: Model, u: str) -> tuple[str, ...]:
    """The actors of a unit: a group's members, or the actor itself."""
    return model.groups[u].members if u in model.groups else (u,)


def player_links(model: Model, organ: str) -> dict[str, tuple[Relation, ...]]:
    """The players of ``organ`` (ids) that a chain reaches, with the links that reach them."""
    index = control_index(model)
    o = model.organs[organ]
    seats = {s.id: s for s in o.seats}
    out: dict[str, tuple[Relation, ...]] = {}
    for p in players(model, o):
        if p.holder is not None:
            found = tuple(r for r, _ in index.actor_links(p.holder))
            found += index.proxy_links(p.holder, o)
        else:
            found = tuple(r for r, _ in index.seat_links(seats[p.id])) if p.id in seats else ()
        if found:
            out[p.id] = found
    return out


def chain_links(model: Model, organ: str, decision: str) -> tuple[Relation, ...]:
    """The links through which chains can give a coalition more than its own votes in this
    decision, as the control engine follows them (:class:`govmodel.graph.ControlIndex`): an
    election, appointment or instruction directing a player's holder (an owned company's
    general meeting instructs it), a proxy the holder gave that applies in the organ, an
    election or appointment filling a seat with no fixed holder, and a binding or
    adopt-or-return recommendation on the decision. Empty: every coalition commands exactly
    the players it holds, so chains and own votes give the same sets.

    >>> from govmodel.load import load_model
    >>> [r.id for r in chain_links(load_model("tests/data/ownership_chain.yaml"), "generalforsamling", "ordinary")]
    ['generalforsamling_holding_instructs_holding']
    """
    found = list(control_index(model).decision_links(organ, decision))
    for links in player_links(model, organ).values():
        found += links
    return tuple(dict.fromkeys(found))


def chain_free(model: Model, organ: str, decision: str) -> bool:
    """Whether chains can give no coalition more than its own votes in this decision: no link
    of :func:`chain_links` reaches it."""
    return not chain_links(model, organ, decision)


@dataclass(frozen=True)
class _Form:
    """A rule over the present players as threshold conditions combined by a formula, and the
    players (indices) that must vote yes."""

    atoms: tuple[Atom, ...]
    formula: Formula
    vetoers: frozenset[int]

    def game(self, commands: Mapping[str, Iterable[int]]) -> UnitGame:
        return UnitGame.build(self.atoms, self.formula, self.vetoers, commands)


def _threshold_form(model: Model, organ: str, d, wf: WeightedForm | None, ps) -> _Form | None:
    """The rule over the present players ``ps``: its weighted form, or its composite form, or
    None (neither)."""
    if wf is not None:
        atoms = (Atom(wf.weights, wf.quota),) if wf.weights else ()
        return _Form(atoms, ("atom", 0) if atoms else ("false",), frozenset(wf.vetoers))
    if ps:
        comp = composite_form(d.rule, ps, players(model, organ))
        if comp is not None:
            return _Form(tuple(comp.atoms), comp.formula, frozenset(comp.vetoers))
    return None


Game = UnitGame | VetoedGame


@dataclass(frozen=True)
class UnitGames:
    """The decisions of ``model`` as games over the units ``us``; ``analysis`` gives the
    control engine's analysis of a coalition of units (the caller keeps them)."""

    model: Model
    us: tuple[str, ...]
    analysis: Callable[[tuple[str, ...]], ControlAnalysis]

    def vote(self, organ: str, decision: str) -> tuple[UnitGame | None, UnitGame | None]:
        """The vote on ``decision`` as games over the units: with own votes, and through
        chains (the same game when no chain reaches a vote of the organ; None when a coalition
        can command more than the union of what its units command alone). (None, None): the
        rule has no threshold form, or abstainers make the weighted form inexact."""
        model, us = self.model, self.us
        d = model.decision(organ, decision)
        if model.abstaining.get(organ):
            return None, None
        # a right exercised by written demand counts every player, present or not (§ 5-6 (2))
        ps = present_players(model, organ) if decided_at_meeting(d) else players(model, organ)
        complete = not decided_at_meeting(d) or not model.attendance.get(organ)
        wf = weighted_form(d.rule, ps, complete=complete)
        form = _threshold_form(model, organ, d, wf, ps)
        if form is None:
            return None, None
        unit_of: dict[str, str] = {}  # member actor -> unit
        for u in us:
            for m in unit_members(model, u):
                unit_of.setdefault(m, u)
        held: dict[str, list[int]] = {u: [] for u in us}  # unit -> the players it holds
        for i, p in enumerate(ps):
            unit = unit_of.get(p.id, unit_of.get(p.holder or ""))
            if unit is not None:
                held[unit].append(i)
        own = form.game(held)
        linked = player_links(model, organ)
        if not linked:
            return own, own
        singles: dict[tuple[str, ...], ControlAnalysis] = {(u,): self.analysis((u,)) for u in us}
        cmd = chain_commands(model, organ, ps, us, linked, singles)
        return own, form.game(cmd) if cmd is not None else None

    def decision(self, organ: str, decision: str) -> tuple[Game | None, Game | None]:
        """The decision as games over the units (own votes, through chains; see
        :meth:`vote`), with the adopt-or-return recommendations it depends on as vetoes
        (:class:`~govmodel.power.unitgame.VetoedGame`). None where that is not exact: a
        binding recommendation, or a recommender's decision that itself depends on one."""
        model = self.model
        own, chain = self.vote(organ, decision)
        index = control_index(model)
        recs = index.decision_links(organ, decision)
        if not recs or own is None:
            return own, chain
        own_vetoes: list[UnitGame] = []
        chain_vetoes: list[UnitGame | None] = []
        for r in recs:
            by = r.decision
            if r.strength != "adopt_or_return" or by is None or index.decision_links(r.source, by):
                return None, None
            if law_kind(model.decision(r.source, by)) == MINORITY_RIGHT:
                return None, None
            o, c = self.vote(r.source, by)
            if o is None:
                return None, None
            own_vetoes.append(o)
            chain_vetoes.append(c)
        vetoed = VetoedGame(own, tuple(own_vetoes))
        if chain is own and all(c is o for c, o in zip(chain_vetoes, own_vetoes, strict=True)):
            return vetoed, vetoed
        if chain is None or any(c is None for c in chain_vetoes):
            return vetoed, None
        return vetoed, VetoedGame(chain, tuple(c for c in chain_vetoes if c is not None))
