"""Straightforward pure-Python generating-function power indices (the benchmark's baseline).

This is the textbook method (Brams & Affuso 1976; Bilbao et al. 2000), the one packages such as
``powerindex`` implement, written here from the definitions: for each player ``i`` build the
coefficients of ``Π_{j≠i} (1 + x^{w_j})`` (Banzhaf) or of ``Π_{j≠i} (1 + y x^{w_j})`` (by
coalition size, Shapley–Shubik) with Python integers, truncated below the quota, and read off
the window ``q - w_i <= w(S) <= q - 1``. Work is ``O(n·q)`` per player for Banzhaf and
``O(n²·q)`` per player for Shapley–Shubik; no sharing between players, no modular arithmetic.
"""

from __future__ import annotations

import math
from fractions import Fraction


def banzhaf_swings_player(weights: list[int], quota: int, i: int) -> int:
    """Coalitions of the others whose weight lies in ``[quota - w_i, quota - 1]``."""
    c = [0] * quota  # c[k]: coalitions of the players so far with weight k (k < quota)
    c[0] = 1
    for j, w in enumerate(weights):
        if j == i or w >= quota:
            continue
        # multiply by (1 + x^w), dropping degrees >= quota
        c[w:] = [a + b for a, b in zip(c[w:], c, strict=False)]
    lo = max(0, quota - weights[i])
    return sum(c[lo:quota])


def shapley_shubik_counts_player(
    weights: list[int], quota: int, i: int, max_steps: int | None = None
) -> tuple[list[int], int]:
    """Swing coalitions of player ``i`` by size (``counts[s]``), and the number of table cells
    updated. With ``max_steps`` only that many other players are multiplied in (for timing)."""
    n = len(weights)
    table = [[0] * n for _ in range(quota)]  # table[k][s]: coalitions of weight k and size s
    table[0][0] = 1
    cells = 0
    steps = 0
    seen = 0
    for j, w in enumerate(weights):
        if j == i:
            continue
        if max_steps is not None and steps >= max_steps:
            break
        steps += 1
        seen += 1
        for k in range(quota - 1, w - 1, -1):  # descending: each player used at most once
            src = table[k - w]
            row = table[k]
            table[k] = (
                row[:1]
                + [a + b for a, b in zip(row[1 : seen + 1], src[:seen], strict=True)]
                + row[seen + 1 :]
            )
            cells += seen
    lo = max(0, quota - weights[i])
    counts = [sum(table[k][s] for k in range(lo, quota)) for s in range(n)]
    return counts, cells


def shapley_shubik_cells_player(weights: list[int], quota: int, i: int) -> int:
    """The number of cell updates :func:`shapley_shubik_counts_player` does for player ``i``."""
    cells = 0
    seen = 0
    for j, w in enumerate(weights):
        if j == i:
            continue
        seen += 1
        cells += max(0, quota - w) * seen
    return cells


def banzhaf_all(weights: list[int], quota: int) -> list[int]:
    return [banzhaf_swings_player(weights, quota, i) for i in range(len(weights))]


def shapley_shubik_all(weights: list[int], quota: int) -> list[Fraction]:
    n = len(weights)
    f = math.factorial
    out = []
    for i in range(n):
        counts, _ = shapley_shubik_counts_player(weights, quota, i)
        out.append(Fraction(sum(c * f(s) * f(n - 1 - s) for s, c in enumerate(counts)), f(n)))
    return out
