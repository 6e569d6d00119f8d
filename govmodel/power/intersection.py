"""Exact indices of intersections of weighted games by a multi-dimensional generating function."""

from __future__ import annotations

import math

import numpy as np

from govmodel.power import methods as M
from govmodel.power.games import IntersectionGame, WeightedGame
from govmodel.power.methods import msg
from govmodel.power.result import PowerResult, _exact_result
from govmodel.power.weighted import _exact_weighted

# An intersection game is solved exactly when (state cells) x (players + 1) stays below this.
INTERSECTION_MAX_WORK = 20_000_000

# --------------------------------------------------------------------------------------------
# intersection games: multi-dimensional dynamic programme


def _exact_intersection(game: IntersectionGame, want_bz: bool, want_ss: bool) -> PowerResult | None:
    """Exact indices of an intersection of weighted games by counting complements.

    With ``T_g`` the total of component ``g``, a player ``i`` swings for ``S`` iff ``S ∪ {i}``
    wins every component and ``S`` does not, so its count is ``A_i - B_i`` with
    ``A_i = #{S' ⊆ N∖i : w_g(S') <= T_g - q_g ∀g}`` and
    ``B_i = #{S' ⊆ N∖i : w_g(S') <= T_g - q_g - w_{g,i} ∀g}`` (``S'`` the complement of ``S``
    in ``N∖i``, of size ``n - 1 - |S|``). The table of all players by (weight vector, size),
    truncated at ``T_g - q_g``, is built with exact integers (int64 below 63 players); ``N∖i`` is obtained by the
    division ``c = G / (1 + y x^{w_i})`` (``c[k] = G[k] - c[k - w_i]`` shifted one size).
    Returns ``None`` when the table is too large.
    """
    n = game.n
    games = game.games
    if len({g.weights for g in games}) == 1:
        w = WeightedGame(games[0].weights, max(g.quota for g in games))
        r = _exact_weighted(w, want_bz, want_ss)
        return PowerResult(
            n=n, method=msg(M.SHARED_WEIGHTS, method=r.method), exact=True,
            swings=r.swings, banzhaf_raw=r.banzhaf_raw, banzhaf=r.banzhaf,
            shapley_shubik=r.shapley_shubik,
        )  # fmt: skip
    reduced = []
    for g in games:  # [q; w] ~ [ceil(q/d); w/d] with d the gcd of the weights
        d = math.gcd(*g.weights) or 1
        reduced.append(WeightedGame(tuple(x // d for x in g.weights), -(-g.quota // d)))
    games = tuple(reduced)
    caps = [g.total - g.quota for g in games]
    if min(caps) < 0:  # the grand coalition loses: nobody ever swings
        zero = [0] * n
        return _exact_result(n, msg(M.GRAND_COALITION_LOSES), [zero] * n, zero, want_bz, want_ss)
    shape = tuple(c + 1 for c in caps) + (n + 1,)
    if math.prod(shape) * (n + 1) > INTERSECTION_MAX_WORK:
        return None
    wvec = [tuple(g.weights[i] for g in games) for i in range(n)]
    # counts are below 2**n: machine integers are exact for n <= 62, Python integers beyond
    G = np.zeros(shape, dtype=np.int64 if n <= 62 else object)
    G[(0,) * len(games) + (0,)] = 1
    for wv in wvec:
        if any(wk > ck for wk, ck in zip(wv, caps, strict=True)):
            continue  # never fits under the caps
        src = tuple(slice(0, c + 1 - wk) for c, wk in zip(caps, wv, strict=True))
        dst = tuple(slice(wk, c + 1) for c, wk in zip(caps, wv, strict=True))
        G[dst + (slice(1, n + 1),)] = G[dst + (slice(1, n + 1),)] + G[src + (slice(0, n),)]
    by_vec: dict[tuple[int, ...], list[int]] = {}
    for wv in set(wvec):
        if all(wk == 0 for wk in wv):
            by_vec[wv] = [0] * n
            continue
        # c = G / (1 + y x^wv): process along a dimension where wv is positive
        d = next(k for k, wk in enumerate(wv) if wk > 0)
        c = G.copy()
        step = wv[d]
        for start in range(step, caps[d] + 1):
            idx_dst: list[slice | int] = [slice(None)] * len(games)
            idx_dst[d] = start
            idx_src: list[slice | int] = [slice(None)] * len(games)
            idx_src[d] = start - step
            # shift the other dimensions by their weight
            ok = True
            for k, wk in enumerate(wv):
                if k == d:
                    continue
                if wk > caps[k]:
                    ok = False
                    break
                idx_dst[k] = slice(wk, caps[k] + 1)
                idx_src[k] = slice(0, caps[k] + 1 - wk)
            if not ok:
                break
            c[tuple(idx_dst) + (slice(1, n + 1),)] = (
                c[tuple(idx_dst) + (slice(1, n + 1),)] - c[tuple(idx_src) + (slice(0, n),)]
            )
        a_sizes = c.reshape(-1, n + 1).sum(axis=0)
        if all(wk <= ck for wk, ck in zip(wv, caps, strict=True)):
            sub = tuple(slice(0, ck - wk + 1) for ck, wk in zip(caps, wv, strict=True))
            b_sizes = c[sub].reshape(-1, n + 1).sum(axis=0)
        else:
            b_sizes = [0] * (n + 1)
        # complement size s' corresponds to |S| = n - 1 - s'
        v = [0] * n
        for sp in range(n):
            v[n - 1 - sp] = int(a_sizes[sp]) - int(b_sizes[sp])
        by_vec[wv] = v
    sizes_list = [by_vec[wv] for wv in wvec]
    return _exact_result(
        n,
        msg(M.MULTI_DIMENSIONAL),
        sizes_list,
        [sum(v) for v in sizes_list],
        want_bz,
        want_ss,
    )
