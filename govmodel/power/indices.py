"""Dispatch: the best method for a game (exact where feasible, else an estimate)."""

from __future__ import annotations

from collections.abc import Sequence

from govmodel.power import methods as M
from govmodel.power.brute import BRUTE_FORCE_MAX_PLAYERS, brute_force
from govmodel.power.composite import exact_composite
from govmodel.power.games import (
    CompositeGame,
    Game,
    IntersectionGame,
    PredicateGame,
    VetoWeightedGame,
    WeightedGame,
)
from govmodel.power.intersection import _exact_intersection
from govmodel.power.kernels import _TooLarge
from govmodel.power.methods import msg
from govmodel.power.montecarlo import _estimate
from govmodel.power.result import (
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    INDICES,
    PowerResult,
    _check_indices,
)
from govmodel.power.weighted import _exact_veto, _exact_weighted

# --------------------------------------------------------------------------------------------
# dispatch


def power_indices(
    game: Game,
    *,
    indices: Sequence[str] = INDICES,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
) -> PowerResult:
    """Banzhaf and/or Shapley–Shubik indices of every player of ``game``.

    Exact (``exact=True``) for weighted and veto games (generating functions), for composite
    rules over a head count and one weight (size-dependent quotas: meet in the middle or
    generating functions), for intersection games whose state space is small
    (multi-dimensional generating function) and for other games with ``n <= 20``
    (enumeration); otherwise a Monte-Carlo estimate (``exact=False``)
    from ``samples`` random coalitions (Banzhaf) and random orders (Shapley–Shubik) drawn with
    ``seed``, with 95 % half-widths. ``result.method`` names the algorithm used.
    """
    want_bz, want_ss = _check_indices(indices)
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise ValueError("samples must be a positive int")
    if isinstance(game, WeightedGame):
        try:
            return _exact_weighted(game, want_bz, want_ss)
        except _TooLarge as exc:
            return _estimate(game, want_bz, want_ss, samples, seed, exc.why)
    if isinstance(game, VetoWeightedGame):
        try:
            return _exact_veto(game, want_bz, want_ss)
        except _TooLarge as exc:
            return _estimate(game, want_bz, want_ss, samples, seed, exc.why)
    if isinstance(game, IntersectionGame):
        try:
            r = _exact_intersection(game, want_bz, want_ss)
        except _TooLarge:
            r = None
        if r is not None:
            return r
        return _estimate(game, want_bz, want_ss, samples, seed, msg(M.INTERSECTION_TOO_LARGE))
    if isinstance(game, CompositeGame):
        r = exact_composite(game, want_bz, want_ss)
        if r is not None:
            return r
        too_many = M.TWO_WEIGHTS_TOO_MANY
    elif isinstance(game, PredicateGame):
        too_many = M.PREDICATE_TOO_MANY
    else:
        raise TypeError(f"not a game: {game!r}")
    # enumeration up to BRUTE_FORCE_MAX_PLAYERS, an estimate beyond
    if game.n <= BRUTE_FORCE_MAX_PLAYERS:
        return _restrict(brute_force(game), want_bz, want_ss)
    why = msg(too_many, n=game.n, limit=BRUTE_FORCE_MAX_PLAYERS)
    return _estimate(game, want_bz, want_ss, samples, seed, why)


def _restrict(r: PowerResult, want_bz: bool, want_ss: bool) -> PowerResult:
    return PowerResult(
        n=r.n,
        method=r.method,
        exact=r.exact,
        swings=r.swings if want_bz else None,
        banzhaf_raw=r.banzhaf_raw if want_bz else None,
        banzhaf=r.banzhaf if want_bz else None,
        shapley_shubik=r.shapley_shubik if want_ss else None,
    )
