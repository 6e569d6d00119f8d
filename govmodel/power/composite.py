"""Exact indices of composite rules: a head count, one weight and required players combined.

A :class:`~govmodel.power.games.CompositeGame` whose atoms are head counts or proportional to one
weight vector ``W`` (votes, capital or population) is a *size-dependent quota game*: at each
coalition size ``s`` the formula reduces to one threshold ``t(s)`` on ``W`` (an atom ``c·|S| >=
q`` is true or false once ``s`` is known; ``all`` takes the largest threshold, ``any`` the
smallest), so a coalition ``S`` containing the required players wins iff ``W(S) >= t(|S|)``.
``t`` never increases with ``s`` because every atom is monotone.

The rule applied (``V`` the required players, ``X`` the others, ``W_V = W(V)``):

* a player ``i`` of ``X`` with weight ``e`` swings for ``V ∪ S'`` (``S' ⊆ X ∖ i``, ``|S'| = s``)
  iff ``t(|V| + s + 1) - W_V - e <= W(S') <= t(|V| + s) - W_V - 1``;
* a required player swings for ``(V ∖ v) ∪ S'`` (``S' ⊆ X``) iff ``W(S') >= t(|V| + s) - W_V``.

So every swing count is a number of subsets of a multiset of weights, by size, whose weight lies
in a window that depends on the size. Two exact counting engines answer it:

* **meet in the middle** (up to :data:`MITM_MAX_PLAYERS` players, any weights below 2**62): the
  subset sums of each half, by size, sorted; pairs in a window are counted by binary search —
  ``O(2^{n/2} · n · log)`` per distinct player, so 27 members weighted by population take
  milliseconds;
* **generating function** (any number of players, moderate total weight): the coalition table by
  (weight, size) of :mod:`govmodel.power.kernels`, read at one height per distinct threshold
  value, exact through modular arithmetic and the Chinese remainder theorem.

>>> from govmodel.power.games import Atom, CompositeGame
>>> g = CompositeGame(3, (Atom((1, 1, 1), 2), Atom((5, 3, 1), 6)),
...                   ("all", (("atom", 0), ("atom", 1))))
>>> r = exact_composite(g, True, True)
>>> r.swings, [str(x) for x in r.shapley_shubik]
((3, 1, 1), ['2/3', '1/6', '1/6'])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from govmodel.power import methods as M
from govmodel.power.games import CompositeGame, Formula
from govmodel.power.methods import msg
from govmodel.power.result import PowerResult, _exact_result

MITM_MAX_PLAYERS = 34
_INF = None  # a threshold no coalition of that size can meet


def reduce_to_one_weight(game: CompositeGame) -> tuple[tuple[int, ...], list[int | None]] | None:
    """``(W, t)`` when every atom is a head count or proportional to one weight vector ``W``:
    ``t[s]`` for ``s = 0..n`` is the least ``W``-total a coalition of ``s`` members needs (None:
    none can win at that size). None when the atoms use two genuinely different weights."""
    n = game.n
    base: tuple[int, ...] | None = None
    kinds: list[tuple[str, Fraction]] = []  # ("count", q/c) | ("weight", q/r) | ("const", ±1)
    for a in game.atoms:
        w = a.weights
        if a.quota <= 0:
            kinds.append(("const", Fraction(1)))
        elif all(x == 0 for x in w):
            kinds.append(("const", Fraction(-1)))
        elif len(set(w)) == 1:
            kinds.append(("count", Fraction(a.quota, w[0])))
        else:
            if base is None:
                base = w
            ratio = _ratio(base, w)
            if ratio is None:
                return None
            kinds.append(("weight", Fraction(a.quota) / ratio))
    if base is None:
        base = (1,) * n  # only head counts: any weight works, use the count itself
    total = sum(base)

    def threshold(f: Formula, s: int) -> int | None:
        k = f[0]
        if k == "true":
            return 0
        if k == "false":
            return _INF
        if k == "atom":
            kind, v = kinds[f[1]]
            if kind == "const":
                return 0 if v > 0 else _INF
            if kind == "count":
                return 0 if s >= v else _INF
            return max(0, math.ceil(v))
        parts = [threshold(c, s) for c in f[1]]
        if k == "all":
            return _INF if any(p is _INF for p in parts) else max(parts)  # type: ignore[type-var]
        finite = [p for p in parts if p is not _INF]
        return min(finite) if finite else _INF

    t: list[int | None] = []
    for s in range(n + 1):
        v = threshold(game.formula, s)
        t.append(_INF if v is not _INF and v > total else v)
    return base, t


def _ratio(a: Sequence[int], b: Sequence[int]) -> Fraction | None:
    """``r`` with ``b = r·a`` elementwise (``r > 0``), or None."""
    r: Fraction | None = None
    for x, y in zip(a, b, strict=True):
        if x == 0 and y == 0:
            continue
        if x == 0 or y == 0:
            return None
        q = Fraction(y, x)
        if r is None:
            r = q
        elif q != r:
            return None
    return r


def exact_composite(
    game: CompositeGame, want_bz: bool, want_ss: bool, engine: str = "auto"
) -> PowerResult | None:
    """Exact indices of a composite game reducible to one weight (see the module notes), or None
    when it is not reducible or too large. ``engine`` is ``"auto"`` (meet in the middle up to
    :data:`MITM_MAX_PLAYERS` players, else the generating function), ``"mitm"`` or ``"gf"``."""
    red = reduce_to_one_weight(game)
    if red is None:
        return None
    base, t = red
    n = game.n
    vet = sorted(game.vetoers)
    others = [i for i in range(n) if i not in game.vetoers]
    nv = len(vet)
    wv = sum(base[i] for i in vet)
    xw = [base[i] for i in others]
    INF = sum(xw) + 1  # above every subset weight: "no subset"

    def hi_lo_nonvetoer(e: int, s: int) -> tuple[int, int]:
        top, nxt = t[nv + s], t[nv + s + 1] if nv + s + 1 <= n else _INF
        hi = INF if top is _INF else top - wv - 1
        lo = INF if nxt is _INF else nxt - wv - e
        return lo, hi

    def hi_lo_vetoer(s: int) -> tuple[int, int]:
        need = t[nv - 1 + s + 1]
        return (INF if need is _INF else need - wv), INF - 1

    requests: list[tuple[int | None, list[tuple[int, int]]]] = []  # (removed weight, windows)
    distinct = sorted(set(xw))
    for e in distinct:
        requests.append((e, [hi_lo_nonvetoer(e, s) for s in range(len(xw))]))
    if vet:
        requests.append((None, [hi_lo_vetoer(s) for s in range(len(xw) + 1)]))
    small = len(xw) <= MITM_MAX_PLAYERS and sum(xw) < 1 << 61
    if engine == "mitm" or (engine == "auto" and small):
        counts = _mitm_counts(xw, requests)
        how = msg(M.MEET_IN_THE_MIDDLE)
    else:
        try:
            counts = _gf_counts(xw, requests)
        except _TooLargeError:
            return None
        how = msg(M.WEIGHT_AND_SIZE)
    by_weight = dict(zip(distinct, counts[: len(distinct)], strict=True))
    sizes: list[list[int]] = []
    for i in range(n):
        v = [0] * n
        if i in game.vetoers:
            c = counts[-1]
            for s, x in enumerate(c):
                if x:
                    v[nv - 1 + s] = x
        else:
            for s, x in enumerate(by_weight[base[i]]):
                if x:
                    v[nv + s] = x
        sizes.append(v)
    return _exact_result(
        n,
        msg(M.SIZE_QUOTA, engine=how),
        sizes if want_ss else [None] * n,
        [sum(v) for v in sizes],
        want_bz,
        want_ss,
    )


class _TooLargeError(Exception):
    pass


def _mitm_counts(
    xw: Sequence[int], requests: Sequence[tuple[int | None, Sequence[tuple[int, int]]]]
) -> list[list[int]]:
    """For each request (a weight removed from ``xw`` once, or nothing, and one window
    ``[lo, hi]`` per subset size), the number of subsets of that size with weight in the window.

    Each half is enumerated once as subset sums sorted by size, with the subset's bitmask kept
    alongside; removing a player filters its half by one bit (the order stays sorted). Pairs of
    a size-``a`` subset of one half and a size-``s - a`` subset of the other with a sum in the
    window are counted by binary search of the smaller array into the larger."""
    import numpy as np

    m = len(xw)
    order = sorted(range(m), key=lambda i: xw[i])
    halves_idx = (order[0::2], order[1::2])  # interleaved, so both halves span the weights

    def enumerate_half(ws: Sequence[int]) -> list[tuple[np.ndarray, np.ndarray]]:
        sums = np.zeros(1, dtype=np.int64)
        sizes = np.zeros(1, dtype=np.int8)
        for w in ws:
            sums = np.concatenate([sums, sums + w])
            sizes = np.concatenate([sizes, sizes + 1])
        masks = np.arange(sums.size, dtype=np.int64)
        out = []
        for s in range(len(ws) + 1):
            sel = np.flatnonzero(sizes == s)
            srt = sel[np.argsort(sums[sel], kind="stable")]
            out.append((sums[srt], masks[srt]))
        return out

    halves = []
    for idx in halves_idx:
        ws = [xw[i] for i in idx]
        halves.append((ws, enumerate_half(ws)))

    def pairs_in(x: np.ndarray, y: np.ndarray, lo: int, hi: int) -> int:
        if x.size > y.size:
            x, y = y, x
        xr = x[::-1]  # ascending keys (hi - x descending otherwise) let the search reuse hints
        upper = np.searchsorted(y, hi - xr, side="right")
        lower = np.searchsorted(y, lo - xr, side="left")
        return int(upper.sum() - lower.sum())

    out: list[list[int]] = []
    for removed, windows in requests:
        parts = []
        dropped = False
        for ws, by_size in halves:
            if removed is not None and not dropped and removed in ws:
                bit = np.int64(1) << np.int64(ws.index(removed))
                parts.append([sums[(masks & bit) == 0] for sums, masks in by_size[:-1]])
                dropped = True
            else:
                parts.append([sums for sums, _ in by_size])
        left, right = parts
        la, lb = len(left) - 1, len(right) - 1
        res = [0] * (la + lb + 1)
        for s in range(la + lb + 1):
            lo, hi = windows[s]
            if lo > hi:
                continue
            acc = 0
            for a in range(max(0, s - lb), min(s, la) + 1):
                x, y = left[a], right[s - a]
                if x.size and y.size:
                    acc += pairs_in(x, y, lo, hi)
            res[s] = acc
        out.append(res)
    return out


def _gf_counts(
    xw: Sequence[int], requests: Sequence[tuple[int | None, Sequence[tuple[int, int]]]]
) -> list[list[int]]:
    """As :func:`_mitm_counts`, from the generating-function table: the count in ``[lo, hi]``
    at size ``s`` is ``P(hi)[s] - P(lo - 1)[s]`` with ``P(h)[s]`` the subsets of size ``s`` and
    weight at most ``h``; one query per distinct height."""
    import numpy as np

    from govmodel.power.kernels import _query_residues, _TooLarge
    from govmodel.power.modular import _crt, _mod_col, _reduce

    queries: set[tuple[int | None, int]] = set()
    for e, windows in requests:
        for lo, hi in windows:
            if lo <= hi:
                queries.add((e, hi))
                queries.add((e, lo - 1))
    try:
        primes, res = _query_residues(list(xw), sorted(queries, key=_qkey), True, len(xw) + 1)
    except _TooLarge as exc:
        raise _TooLargeError(str(exc)) from exc
    pcol = _mod_col(primes)
    rows = []
    for e, windows in requests:
        width = len(windows)
        col = np.zeros((len(primes), width), dtype=np.uint64)
        for s, (lo, hi) in enumerate(windows):
            if lo <= hi:
                col[:, s] = _reduce(
                    res[(e, hi)][:, s] + pcol[:, 0] - res[(e, lo - 1)][:, s], pcol[:, 0]
                )
        rows.append(col)
    flat = _crt(np.concatenate(rows, axis=1), primes)
    out = []
    k = 0
    for _e, windows in requests:
        out.append(flat[k : k + len(windows)])
        k += len(windows)
    return out


def _qkey(q: tuple[int | None, int]) -> tuple[int, int]:
    return (-1 if q[0] is None else q[0], q[1])
