"""A decision's rule as a game over *units* (groups of owners and single owners), own votes or
through chains, for the structure summary of companies with many owners.

Each unit commands a set of the organ's players: with own votes, the players it holds; through
chains, the players the control engine says it commands alone (its own, a holding company it
controls, a role it appoints, a proxy it holds). The chain game is that simple only when a
coalition commands exactly the union of what its units command alone, which
:func:`chain_game` checks with the engine (else it returns None and the caller says so). A
coalition then wins when the players it commands pass the rule (the others vote no) and blocks
when they make it fail (the others vote yes).

When the units' commanded sets are *laminar* (any two are disjoint or one holds the other, as
with holdings owned or roles appointed by one unit), a set of units in which no unit's players
lie within another's commands the disjoint union of their players: the game is additive over
such sets, so the fewest units that pass are the largest ones, and a heaviest-first search can
stop at the first failure, as for own votes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from govmodel.analysis.control import ControlAnalysis
from govmodel.analysis.outcomes import WEAKEST
from govmodel.model import Model
from govmodel.power.games import Atom, Formula, eval_formula
from govmodel.power.voting import Player


@dataclass(frozen=True)
class UnitGame:
    """Threshold conditions (``atoms`` combined by ``formula``) over the present players, the
    players that must vote yes (``vetoers``, indices), and the players each unit commands.

    >>> g = UnitGame.build([Atom((3, 2, 2), 5)], ("atom", 0), frozenset(),
    ...                    {"a": {0}, "b": {1}, "c": {2}})
    >>> g.wins(("a",)), g.wins(("a", "b")), g.blocks(("a",)), g.blocks(("b",))
    (False, True, True, False)
    """

    atoms: tuple[Atom, ...]
    formula: Formula
    vetoers: frozenset[int]
    commands: Mapping[str, frozenset[int]]
    laminar: bool
    _sums: Mapping[str, tuple[int, ...]] = field(repr=False)
    _totals: tuple[int, ...] = field(repr=False)
    # per unit: the units commanding all its players too (equal or more), and those commanding
    # strictly more; the first unit with the same players stands for them all
    _within: Mapping[str, frozenset[str]] = field(repr=False)
    _below: Mapping[str, frozenset[str]] = field(repr=False)
    _rep: Mapping[str, str] = field(repr=False)

    @classmethod
    def build(
        cls,
        atoms: Sequence[Atom],
        formula: Formula,
        vetoers: frozenset[int],
        commands: Mapping[str, Iterable[int]],
    ) -> UnitGame:
        cmd = {u: frozenset(ps) for u, ps in commands.items()}
        sums = {u: tuple(sum(a.weights[i] for i in ps) for a in atoms) for u, ps in cmd.items()}
        rep: dict[str, str] = {}
        first: dict[frozenset[int], str] = {}
        for u, ps in cmd.items():
            rep[u] = first.setdefault(ps, u)
        # units sharing a player: laminar when, for every player, they form a chain under ⊆
        by_player: dict[int, list[str]] = {}
        for u, ps in cmd.items():
            for i in ps:
                by_player.setdefault(i, []).append(u)
        laminar = True
        within: dict[str, set[str]] = {u: set() for u in cmd}
        below: dict[str, set[str]] = {u: set() for u in cmd}
        for us in by_player.values():
            for a, b in combinations(us, 2):
                if cmd[a] <= cmd[b]:
                    within[a].add(b)
                    if cmd[a] != cmd[b]:
                        below[a].add(b)
                if cmd[b] <= cmd[a]:
                    within[b].add(a)
                    if cmd[a] != cmd[b]:
                        below[b].add(a)
                if not (cmd[a] <= cmd[b] or cmd[b] <= cmd[a]):
                    laminar = False
        return cls(
            tuple(atoms),
            formula,
            vetoers,
            cmd,
            laminar,
            sums,
            tuple(sum(a.weights) for a in atoms),
            {u: frozenset(v) for u, v in within.items()},
            {u: frozenset(v) for u, v in below.items()},
            rep,
        )

    def redundant(self, s: Sequence[str]) -> bool:
        """Some unit of ``s`` commands nothing beyond another's: ``s`` is never minimal (a
        single unit always is, if it passes: the empty set is no coalition)."""
        chosen = set(s)
        return len(s) > 1 and any(self.adds_nothing(u, chosen) for u in s)

    def adds_nothing(self, u: str, chosen: set[str]) -> bool:
        """``u`` commands no player beyond another unit of ``chosen`` (or none at all)."""
        return not self.commands.get(u) or bool(self._within.get(u, frozenset()) & chosen)

    def _commanded(self, s: Sequence[str]) -> tuple[tuple[int, ...], frozenset[int] | None]:
        """The atoms' totals over the players ``s`` commands (and those players, when the
        rule has vetoers)."""
        if self.laminar:
            chosen = set(s)
            # the largest commanded sets of ``s``, one per distinct set: they are disjoint
            top = {self._rep[u] for u in s if not self._below[u] & chosen}
            sums = tuple(sum(self._sums[u][k] for u in top) for k in range(len(self.atoms)))
            if not self.vetoers:
                return sums, None
            return sums, frozenset().union(*(self.commands[u] for u in top))
        ids = frozenset().union(*(self.commands[u] for u in s))
        return tuple(sum(a.weights[i] for i in ids) for a in self.atoms), ids

    def wins(self, s: Sequence[str]) -> bool:
        """The players ``s`` commands vote yes, every other present player no: does it pass?"""
        sums, ids = self._commanded(s)
        if ids is not None and not self.vetoers <= ids:
            return False
        return eval_formula(self.formula, lambda k: sums[k] >= self.atoms[k].quota)

    def blocks(self, s: Sequence[str]) -> bool:
        """The players ``s`` commands vote no, every other present player yes: does it fail?"""
        sums, ids = self._commanded(s)
        if ids is not None and self.vetoers & ids:
            return True
        rest = [t - x for t, x in zip(self._totals, sums, strict=True)]
        return not eval_formula(self.formula, lambda k: rest[k] >= self.atoms[k].quota)

    def weight(self, u: str) -> int:
        """The first condition's total over the players ``u`` commands (its weight)."""
        return self._sums[u][0] if self.atoms else 0

    def tops(self, order: Sequence[str]) -> list[str]:
        """The units of ``order`` whose players lie within no other unit's, one of each
        distinct set: in a laminar game their players are disjoint, so the fewest units that
        reach a total are the heaviest of these."""
        return [u for u in order if not self._below[u] and self._rep[u] == u]


@dataclass(frozen=True)
class VetoedGame:
    """A vote that also needs every adopt-or-return recommendation it depends on: the
    recommenders' decisions are ``vetoes``, games over the same units. A coalition passes when
    it passes the vote and every recommendation (the organ may only adopt it or send it back),
    and blocks when it blocks the vote or any recommendation, as the control engine reads it.

    >>> vote = UnitGame.build([Atom((3, 2, 2), 4)], ("atom", 0), frozenset(),
    ...                       {"a": {0}, "b": {1}, "c": {2}})
    >>> council = UnitGame.build([Atom((1, 1), 2)], ("atom", 0), frozenset(),
    ...                          {"a": {0}, "b": set(), "c": {1}})
    >>> g = VetoedGame(vote, (council,))
    >>> vote.wins(("a", "b")), g.wins(("a", "b")), g.wins(("a", "c")), g.blocks(("c",))
    (True, False, True, True)
    """

    vote: UnitGame
    vetoes: tuple[UnitGame, ...]
    laminar = False  # not additive: the search cannot stop at the first failure

    def wins(self, s: Sequence[str]) -> bool:
        return self.vote.wins(s) and all(v.wins(s) for v in self.vetoes)

    def blocks(self, s: Sequence[str]) -> bool:
        return self.vote.blocks(s) or any(v.blocks(s) for v in self.vetoes)

    def redundant(self, s: Sequence[str]) -> bool:
        """Some unit of ``s`` adds nothing in the vote nor in any recommendation."""
        chosen = set(s)
        games = (self.vote, *self.vetoes)
        return len(s) > 1 and any(all(g.adds_nothing(u, chosen - {u}) for g in games) for u in s)

    def weight(self, u: str) -> int:
        return self.vote.weight(u)


def chain_commands(
    model: Model,
    organ: str,
    present: Sequence[Player],
    units: Sequence[str],
    linked: Iterable[str],
    analyses: Mapping[tuple[str, ...], ControlAnalysis] | None = None,
) -> dict[str, frozenset[int]] | None:
    """The present players (indices into ``present``) each unit commands alone through chains
    (the control engine), or None when a coalition can command a player none of its units
    commands alone (two owners sharing a holding company half and half): then the chain game
    is not the union of the units' commands. ``linked``: the players (ids) some chain reaches
    (:func:`govmodel.power.decisiongames.chain_links`); the others are commanded by their own unit
    only. ``analyses``: the engine's analyses of single units already made (by unit tuple)."""
    index = {p.id: i for i, p in enumerate(present)}
    cmd: dict[str, frozenset[int]] = {}
    for u in units:
        an = (analyses or {}).get((u,)) or ControlAnalysis(model, (u,))
        cmd[u] = frozenset(index[pid] for pid, _ in an.commanded(organ, WEAKEST) if pid in index)
    by: dict[frozenset[str], list[str]] = {}
    for pid in linked:
        if pid in index:
            i = index[pid]
            by.setdefault(frozenset(u for u in units if i in cmd[u]), []).append(pid)
    for commanders, pids in by.items():
        rest = tuple(u for u in units if u not in commanders)
        if not rest:
            continue
        got = {pid for pid, _ in ControlAnalysis(model, rest).commanded(organ, WEAKEST)}
        if got & set(pids):
            return None
    return cmd
