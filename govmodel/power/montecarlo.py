"""Monte-Carlo estimates of the indices, with 95 % intervals."""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Callable
from fractions import Fraction

import numpy as np

from govmodel.power import methods as M
from govmodel.power.games import (
    CompositeGame,
    Game,
    IntersectionGame,
    VetoWeightedGame,
    WeightedGame,
)
from govmodel.power.methods import Msg, msg
from govmodel.power.result import Estimate, PowerResult, _from_swings

_Z95 = 1.959963984540054  # two-sided 95 % normal quantile

# --------------------------------------------------------------------------------------------
# Monte Carlo


def _halfwidth(x: int, N: int) -> float:
    """95 % half-width around ``x/N`` covering the Agresti–Coull interval for a proportion."""
    z2 = _Z95 * _Z95
    nt = N + z2
    pt = (x + z2 / 2) / nt
    h = _Z95 * math.sqrt(pt * (1 - pt) / nt)
    return h + abs(pt - x / N)


def _vector_wins(game: Game) -> Callable[[np.ndarray], np.ndarray] | None:
    """For games with weights: ``f(member_matrix) -> wins`` over rows of a boolean matrix."""
    if isinstance(game, WeightedGame):
        w = np.array(game.weights, dtype=np.float64 if game.total >= 1 << 52 else np.int64)
        return lambda m: m @ w >= game.quota
    if isinstance(game, VetoWeightedGame):
        w = np.array(game.weights, dtype=np.int64)
        vet = sorted(game.vetoers)
        return lambda m: (m @ w >= game.quota) & m[:, vet].all(axis=1)
    if isinstance(game, IntersectionGame):
        ws = [(np.array(g.weights, dtype=np.int64), g.quota) for g in game.games]
        return lambda m: np.logical_and.reduce([m @ w >= q for w, q in ws])
    if isinstance(game, CompositeGame):
        from govmodel.power.brute import formula_array

        aw = [(np.array(a.weights, dtype=np.int64), a.quota) for a in game.atoms]
        cvet = sorted(game.vetoers)

        def composite(m: np.ndarray) -> np.ndarray:
            win = formula_array(game.formula, [m @ w >= q for w, q in aw], m.shape[0])
            return win & m[:, cvet].all(axis=1) if cvet else win

        return composite
    return None


def _row_masks(m: np.ndarray) -> list[int]:
    """Each row of a boolean membership matrix as an ``int`` bitmask (bit ``i`` = column ``i``)."""
    n = m.shape[1]
    if n < 63:
        return [int(x) for x in m.astype(np.int64) @ (np.int64(1) << np.arange(n, dtype=np.int64))]
    return [sum(1 << int(j) for j in np.flatnonzero(row)) for row in m]


def _estimate(
    game: Game, want_bz: bool, want_ss: bool, samples: int, seed: int, why: Msg
) -> PowerResult:
    n = game.n
    rng = np.random.default_rng(seed)
    vec = _vector_wins(game)
    chunk = max(1, min(samples, 2_000_000 // max(n, 1)))
    swings = None
    ss = bz_h = ss_h = None
    if want_bz:
        cnt = np.zeros(n, dtype=np.int64)
        done = 0
        while done < samples:
            k = min(chunk, samples - done)
            m = rng.random((k, n)) < 0.5
            if vec is not None:
                for i in range(n):
                    col = m[:, i].copy()
                    m[:, i] = False
                    lose = ~vec(m)
                    m[:, i] = True
                    win = vec(m)
                    m[:, i] = col
                    cnt[i] += int(np.count_nonzero(lose & win))
            else:
                f = game.wins
                for mask in _row_masks(m):
                    for i in range(n):
                        without = mask & ~(1 << i)
                        if not f(without) and f(without | (1 << i)):
                            cnt[i] += 1
            done += k
        swings = tuple(int(c) for c in cnt)
        bz_h = tuple(_halfwidth(c, samples) for c in swings)
    if want_ss:
        piv = np.zeros(n, dtype=np.int64)
        done = 0
        while done < samples:
            k = min(chunk, samples - done)
            perms = np.argsort(rng.random((k, n)), axis=1)
            if vec is not None:
                # the pivot is the first position whose prefix wins (monotone game)
                lo = np.zeros(k, dtype=np.int64)  # prefix length lo loses
                hi = np.full(k, n, dtype=np.int64)  # prefix length hi wins (if the grand one does)
                grand = vec(np.ones((1, n), dtype=bool))[0]
                if grand:
                    rows = np.arange(k)
                    while True:
                        act = hi - lo > 1
                        if not act.any():
                            break
                        mid = (lo + hi) // 2
                        m = np.zeros((k, n), dtype=bool)
                        pos = np.arange(n)[None, :] < mid[:, None]
                        m[rows[:, None], perms] = pos
                        w = vec(m)
                        hi = np.where(act & w, mid, hi)
                        lo = np.where(act & ~w, mid, lo)
                    np.add.at(piv, perms[rows, hi - 1], 1)
            else:
                f = game.wins
                grand_mask = (1 << n) - 1
                if f(grand_mask):
                    for r in range(k):
                        order = perms[r].tolist()
                        prefix = [0, *itertools.accumulate((1 << j for j in order), operator.or_)]
                        lo_, hi_ = 0, n  # binary search: prefix lo_ loses, prefix hi_ wins
                        while hi_ - lo_ > 1:
                            mid_ = (lo_ + hi_) // 2
                            if f(prefix[mid_]):
                                hi_ = mid_
                            else:
                                lo_ = mid_
                        piv[order[hi_ - 1]] += 1
            done += k
        ss = tuple(Fraction(int(c), samples) for c in piv)
        ss_h = tuple(_halfwidth(int(c), samples) for c in piv)
    return _from_swings(
        n,
        msg(M.MONTE_CARLO, why=why, samples=samples, seed=seed),
        swings,
        samples,
        ss,
        Estimate(bz_h, ss_h, samples, seed),
    )
