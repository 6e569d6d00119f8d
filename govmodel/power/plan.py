"""Which coalition table to compute: how many of the heaviest players to split off it.

Splitting off ``b`` players ("pivots") turns each query into ``2**b`` queries on the remaining
players, at heights shifted by the pivots' weights, and can shrink the table (its weight bound
is the largest height any query needs, read from whichever side of the total weight is
nearer). The plan compares the work of each choice: the cells the dynamic programme updates
(for counts by size exactly the kernel's region, :func:`_region_2d`) and the alternating sums
that remove one player of each distinct weight.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class _Plan:
    pivots: tuple[int, ...]  # weights split off the table (the largest players)
    rest: tuple[int, ...]  # the table's players, ascending
    K: int  # the table holds weights 0..K
    S: int  # and sizes 0..S
    cost: float


def _split_terms(
    plan_pivots: Sequence[int], rest_weights: set[int], e: int | None, h: int, total_rest: int
) -> list[tuple[int, int, int, int]]:
    """Terms ``(iY, h', shift, T_Y)`` of ``P_{X∖e}(h) = Σ_{U ⊆ pivots} P_Y(h - w(U))`` shifted by
    ``|U|`` in size, where ``Y`` is the rest minus one player of weight ``e`` when ``e`` is a
    weight of the rest (``iY = e``), else the rest itself (``iY = 0``; ``e`` is then removed
    from the pivots); ``T_Y`` is the total weight of ``Y``."""
    piv = list(plan_pivots)
    iy = 0
    if e is not None:
        if e in rest_weights:
            iy = e
        else:
            piv.remove(e)
    terms = []
    for u in range(1 << len(piv)):
        wu = su = 0
        for j, w in enumerate(piv):
            if (u >> j) & 1:
                wu += w
                su += 1
        terms.append((iy, h - wu, su, total_rest - iy))
    return terms


def _plan(pos_desc: Sequence[int], queries: Sequence[tuple[int | None, int]], sizes: bool) -> _Plan:
    """Choose how many of the largest players to split off (0..3) to minimise the work."""
    best: _Plan | None = None
    nposs = len(pos_desc)
    for b in range(0, min(3, nposs - 1) + 1):
        pivots = tuple(pos_desc[:b])
        rest = tuple(sorted(pos_desc[b:]))
        rest_set = set(rest)
        t_rest = sum(rest)
        K = -1
        needs = set()
        nterms = 0
        for e, h in queries:
            for iy, hp, _shift, t_y in _split_terms(pivots, rest_set, e, h, t_rest):
                nterms += 1
                if 0 <= hp < t_y:
                    k = min(hp, t_y - 1 - hp)
                    K = max(K, k)
                    needs.add((iy, k))
        if K < 0:
            K = 0
        acc = 0
        S = len(rest)
        for j, w in enumerate(rest):
            acc += w
            if acc > K:
                S = j
                break
        if not sizes:
            S = 0
        # work: table cells touched by the dynamic programme plus the alternating sums
        cost = 0.0
        if sizes:
            # the updates, plus clearing the ragged table and its prefix sums (a pass each over
            # row s's weights kmin[s]..K: with heavy players the table is wide and nearly empty)
            ragged = sum(K + 1 - k for k in itertools.accumulate(rest[:S], initial=0))
            cost = float(_region_2d(rest, K, S)) + 2 * ragged
        else:
            pre = 0
            for w in rest:
                pre += w
                cost += min(pre, K) + 1
        for iy, k in needs:
            # a strided read of the prefix table costs about half a cell update (measured on
            # model A: with the two heaviest players split off, the two-thirds rule's table
            # shrinks from weight 33 266 to 26 880 and the three quotas together run 7 %
            # faster although the alternating sums read twice as much)
            cost += (min(k // iy, S) + 1 if iy else 1) * (S + 1) * (0.5 if sizes else 4)
        cost += nterms * (len(pos_desc) + 1) * 8
        if best is None or cost < best.cost:
            best = _Plan(pivots, rest, K, S, cost)
    assert best is not None
    return best


_REGION_CELLS = 1_000_000  # cells of the plan's region count held at once


def _region_2d(rest: Sequence[int], K: int, S: int, cells: int = _REGION_CELLS) -> int:
    """Cell updates of one lane of the size-resolved table
    (:func:`govmodel.power.sizetable.fill_table`, players ascending, ``rest``): player ``t``
    (weight ``w``) updates row ``s <= min(t, S)`` from the sum of the ``s - 1`` smallest
    weights plus ``w`` to the sum of the ``s`` largest of the first ``t`` players, capped at
    ``K``; players heavier than ``K`` change nothing. Counted about ``cells`` cells at a time."""
    m = len(rest)
    if m == 0 or S == 0:
        return m
    w = np.asarray(rest, dtype=np.int64)
    pre = np.concatenate(([0], np.cumsum(w)))
    s = np.arange(1, S + 1)[None, :]
    total = m
    step = max(1, cells // S)  # stages at a time, so memory stays bounded
    for t0 in range(1, m + 1, step):
        t = np.arange(t0, min(m, t0 + step - 1) + 1)[:, None]
        top = np.minimum(pre[t] - pre[np.maximum(t - s, 0)], K)
        width = top - (pre[s - 1] + w[t - 1]) + 1
        width[(s > t) | (width < 0)] = 0
        width[w[t[:, 0] - 1] > K] = 0
        total += int(width.sum())
    return total
