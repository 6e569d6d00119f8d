"""Brute force: exact indices by enumerating every coalition (the independent reference)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from govmodel.power import methods as M
from govmodel.power.games import (
    CompositeGame,
    Formula,
    Game,
    IntersectionGame,
    PredicateGame,
    VetoWeightedGame,
    WeightedGame,
)
from govmodel.power.methods import msg
from govmodel.power.result import PowerResult, _exact_result

BRUTE_FORCE_MAX_PLAYERS = 20

# --------------------------------------------------------------------------------------------
# brute force


def _win_table(game: Game) -> np.ndarray:
    """``win[mask]`` for all ``2**n`` coalitions, by enumeration."""
    n = game.n
    if isinstance(game, PredicateGame):
        f = game.wins
        return np.fromiter((bool(f(m)) for m in range(1 << n)), dtype=bool, count=1 << n)

    def sums(weights: Sequence[int]) -> np.ndarray:
        s = np.zeros(1, dtype=object if max(weights) >= 1 << 40 else np.int64)
        for w in weights:  # bit i of the mask is player i: later players double the array
            s = np.concatenate([s, s + w])
        return s

    if isinstance(game, WeightedGame):
        return sums(game.weights) >= game.quota
    if isinstance(game, VetoWeightedGame):
        win = sums(game.weights) >= game.quota
        masks = np.arange(1 << n, dtype=np.int64)
        for v in game.vetoers:
            win &= ((masks >> v) & 1).astype(bool)
        return win
    if isinstance(game, IntersectionGame):
        win = np.ones(1 << n, dtype=bool)
        for g in game.games:
            win &= sums(g.weights) >= g.quota
        return win
    if isinstance(game, CompositeGame):
        atoms = [sums(a.weights) >= a.quota for a in game.atoms]
        win = formula_array(game.formula, atoms, 1 << n)
        masks = np.arange(1 << n, dtype=np.int64)
        for v in game.vetoers:
            win &= ((masks >> v) & 1).astype(bool)
        return win
    raise TypeError(f"not a game: {game!r}")


def formula_array(f: Formula, atoms: Sequence[np.ndarray], size: int) -> np.ndarray:
    """A composite rule's formula evaluated on many coalitions at once: ``atoms[k]`` holds the
    truth of atom ``k`` for each coalition (boolean arrays of length ``size``)."""
    kind = f[0]
    if kind == "atom":
        return atoms[f[1]].copy()
    if kind in ("all", "any"):
        parts = [formula_array(c, atoms, size) for c in f[1]]
        return np.logical_and.reduce(parts) if kind == "all" else np.logical_or.reduce(parts)
    return np.full(size, kind == "true", dtype=bool)


def brute_force(game: Game) -> PowerResult:
    """Exact Banzhaf and Shapley–Shubik indices by enumerating all ``2**n`` coalitions
    (``n <= 20``). Independent of the generating-function code; used to test it."""
    n = game.n
    if n > BRUTE_FORCE_MAX_PLAYERS:
        raise ValueError(
            f"brute force enumerates 2**n coalitions; n={n} > {BRUTE_FORCE_MAX_PLAYERS}"
        )
    win = _win_table(game)
    masks = np.arange(1 << n, dtype=np.int64)
    pop = np.zeros(1 << n, dtype=np.int64)
    for i in range(n):
        pop += (masks >> i) & 1
    by_size: list[list[int]] = []
    for i in range(n):
        bit = 1 << i
        without = masks[(masks & bit) == 0]
        swing = win[without | bit] & ~win[without]
        counts = np.bincount(pop[without[swing]], minlength=n)[:n]
        by_size.append([int(c) for c in counts])
    return _exact_result(n, msg(M.BRUTE_FORCE), by_size, None, True, True)
