"""Exact Banzhaf and Shapley–Shubik indices of weighted and veto games."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from govmodel.power import methods as M
from govmodel.power.games import VetoWeightedGame, WeightedGame
from govmodel.power.kernels import _query_residues
from govmodel.power.methods import msg
from govmodel.power.modular import _crt, _mod_col, _reduce
from govmodel.power.result import PowerResult, _exact_result

# --------------------------------------------------------------------------------------------
# exact indices of weighted and veto games


def _swing_vectors(
    xweights: Sequence[int], quota: int, extra_shift: int, want_ss: bool
) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Swing counts of the players of a weighted game on ``xweights`` with ``quota``, per
    distinct weight: by size of the coalition joined (plus ``extra_shift``) when ``want_ss``,
    and in total. A player of weight ``w`` swings for ``S`` iff ``q - w <= w(S) <= q - 1``, so
    its count is ``P_{X∖w}(q - 1) - P_{X∖w}(q - w - 1)``."""
    distinct = sorted({w for w in xweights if w > 0})
    queries = []
    for w in distinct:
        queries += [(w, quota - 1), (w, quota - w - 1)]
    bits = max(len(xweights), 1)
    primes, res = _query_residues(xweights, queries, want_ss, bits)
    pcol = _mod_col(primes)
    diffs = [_reduce(res[(w, quota - 1)] + pcol - res[(w, quota - w - 1)], pcol) for w in distinct]
    if not diffs:
        return {}, {}
    stacked = np.concatenate(diffs, axis=1)
    ints = _crt(stacked, primes)
    width = diffs[0].shape[1]
    by_size: dict[int, list[int]] = {}
    totals: dict[int, int] = {}
    for i, w in enumerate(distinct):
        v = ints[i * width : (i + 1) * width]
        totals[w] = sum(v)
        if want_ss:
            by_size[w] = [0] * extra_shift + v
    return by_size, totals


def exact_weighted_many(
    weights: Sequence[int], quotas: Sequence[int], want_bz: bool, want_ss: bool
) -> dict[int, PowerResult]:
    """Exact indices of the weighted games ``[q; weights]`` for several quotas at once: one
    coalition table (sized for the most demanding quota) answers every quota's queries, so the
    cost is that of the largest game, not the sum."""
    n = len(weights)
    g = math.gcd(*weights)
    ws = tuple(w // g for w in weights) if g > 1 else tuple(weights)
    qs = {q: -(-q // g) if g > 1 else q for q in quotas}
    distinct = sorted({w for w in ws if w > 0})
    queries = []
    for q in set(qs.values()):
        for w in distinct:
            queries += [(w, q - 1), (w, q - w - 1)]
    primes, res = _query_residues(ws, queries, want_ss, max(n, 1))
    pcol = _mod_col(primes)
    out: dict[int, PowerResult] = {}
    zero = [0] * n
    for q_orig, q in qs.items():
        diffs = [_reduce(res[(w, q - 1)] + pcol - res[(w, q - w - 1)], pcol) for w in distinct]
        by_size: dict[int, list[int]] = {}
        totals: dict[int, int] = {}
        if diffs:
            ints = _crt(np.concatenate(diffs, axis=1), primes)
            width = diffs[0].shape[1]
            for i, w in enumerate(distinct):
                v = ints[i * width : (i + 1) * width]
                totals[w] = sum(v)
                by_size[w] = v
        out[q_orig] = _exact_result(
            n,
            msg(M.GENERATING_FUNCTION_TABLE, quotas=len(qs)),
            [by_size.get(w, zero) for w in ws] if want_ss else [None] * n,
            [totals.get(w, 0) for w in ws],
            want_bz,
            want_ss,
        )
    return out


def _exact_weighted(game: WeightedGame, want_bz: bool, want_ss: bool) -> PowerResult:
    n = game.n
    g = math.gcd(*game.weights)
    weights, quota = game.weights, game.quota
    if g > 1:  # [q; w] and [ceil(q/g); w/g] have the same winning coalitions
        weights = tuple(w // g for w in weights)
        quota = -(-quota // g)
    by_size, totals = _swing_vectors(weights, quota, 0, want_ss)
    zero = [0] * n
    return _exact_result(
        n,
        msg(M.GENERATING_FUNCTION),
        [by_size.get(w, zero) for w in weights] if want_ss else [None] * n,
        [totals.get(w, 0) for w in weights],
        want_bz,
        want_ss,
    )


def _exact_veto(game: VetoWeightedGame, want_bz: bool, want_ss: bool) -> PowerResult:
    """Condition on the vetoers being in: a non-vetoer of weight ``w`` swings for
    ``V ∪ S'`` (``S'`` among the others) iff ``q' - w <= w(S') <= q' - 1`` with
    ``q' = q - w(V)``; a vetoer swings for ``(V ∖ v) ∪ S'`` iff ``w(S') >= q'``."""
    n = game.n
    vet = sorted(game.vetoers)
    others = [i for i in range(n) if i not in game.vetoers]
    xw = [game.weights[i] for i in others]
    q2 = game.quota - sum(game.weights[i] for i in vet)
    nv = len(vet)
    by_size: dict[int, list[int]] = {}
    totals: dict[int, int] = {}
    veto_by_size: list[int] = [0] * n
    veto_total = 0
    if xw:
        if q2 >= 1:
            by_size, totals = _swing_vectors(xw, q2, nv, want_ss)
        # vetoers: subsets of the others with weight >= q2 = all minus those with weight <= q2-1
        nx = len(xw)
        if q2 <= 0:
            counts = [math.comb(nx, s) for s in range(nx + 1)]
        else:
            primes, res = _query_residues(xw, [(None, q2 - 1)], want_ss, nx)
            below = _crt(res[(None, q2 - 1)], primes)
            if want_ss:
                counts = [math.comb(nx, s) - below[s] for s in range(nx + 1)]
            else:
                counts = [(1 << nx) - below[0]]
        veto_total = sum(counts)
        if want_ss:
            for s, c in enumerate(counts):
                if c:
                    veto_by_size[s + nv - 1] = c
    else:  # everybody is a vetoer: only the grand coalition can win
        wins = sum(game.weights) >= game.quota
        veto_total = 1 if wins else 0
        if wins and want_ss:
            veto_by_size[n - 1] = 1
    zero = [0] * n
    sizes_list: list[list[int] | None] = []
    tot_list: list[int] = []
    for i in range(n):
        if i in game.vetoers:
            sizes_list.append(veto_by_size)
            tot_list.append(veto_total)
        else:
            w = game.weights[i]
            sizes_list.append(by_size.get(w, zero))
            tot_list.append(totals.get(w, 0))
    return _exact_result(
        n,
        msg(M.VETO_GENERATING_FUNCTION),
        sizes_list if want_ss else [None] * n,
        tot_list,
        want_bz,
        want_ss,
    )
