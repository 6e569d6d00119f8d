"""Power indices of every player of a game, and how exact results are built from swing counts."""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from govmodel.messages import Msg

INDICES = ("banzhaf", "shapley_shubik")
DEFAULT_SAMPLES = 20_000
DEFAULT_SEED = 5_18  # any fixed value; the same seed gives the same estimate

# --------------------------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class PowerResult:
    """Power indices of every player (tuples indexed by player).

    Exact results: ``swings[i]`` is the raw Banzhaf count, ``banzhaf_raw[i] = swings[i] /
    2**(n-1)``, ``banzhaf`` is normalised to sum 1 (zeros if nobody swings), and
    ``shapley_shubik`` sums to 1 when the grand coalition wins. Fields of an index that was not
    requested are ``None``.

    Estimates (``exact=False``): ``swings[i]`` counts the ``samples`` random coalitions in which
    ``i`` was a swing and ``banzhaf_raw[i] = swings[i] / samples``; ``shapley_shubik[i]`` is the
    share of ``samples`` random orders in which ``i`` was pivotal. ``banzhaf_raw_halfwidth`` and
    ``shapley_shubik_halfwidth`` are 95 % confidence half-widths (Agresti–Coull) around those
    values; ``seed`` reproduces them.
    """

    n: int
    method: Msg  # how the indices were computed (govmodel.power.methods)
    exact: bool
    swings: tuple[int, ...] | None = None
    banzhaf_raw: tuple[Fraction, ...] | None = None
    banzhaf: tuple[Fraction, ...] | None = None
    shapley_shubik: tuple[Fraction, ...] | None = None
    banzhaf_raw_halfwidth: tuple[float, ...] | None = None
    shapley_shubik_halfwidth: tuple[float, ...] | None = None
    samples: int | None = None
    seed: int | None = None


@dataclass(frozen=True)
class Estimate:
    """What a Monte Carlo estimate adds to a result: 95 % half-widths, samples drawn, seed."""

    banzhaf_halfwidth: tuple[float, ...] | None
    ss_halfwidth: tuple[float, ...] | None
    samples: int
    seed: int


def _normalise(values: Sequence[int | Fraction]) -> tuple[Fraction, ...]:
    total = sum(values)
    if total == 0:
        return tuple(Fraction(0) for _ in values)
    return tuple(Fraction(v) / total for v in values)


def _check_indices(indices: Iterable[str]) -> tuple[bool, bool]:
    idx = tuple(indices)
    for name in idx:
        if name not in INDICES:
            raise ValueError(f"unknown index {name!r}; expected one of {INDICES}")
    if not idx:
        raise ValueError("no index requested")
    return "banzhaf" in idx, "shapley_shubik" in idx


def _exact_result(
    n: int,
    method: Msg,
    swings_by_size: Sequence[Sequence[int] | None],
    swings_total: Sequence[int] | None,
    want_bz: bool,
    want_ss: bool,
) -> PowerResult:
    """Build an exact result from per-player swing counts by coalition size (``|S|`` without the
    player) or, for Banzhaf only, from total swing counts."""
    swings: tuple[int, ...] | None = None
    ss = None
    if want_bz:
        if swings_total is None:
            swings_total = [sum(v) if v is not None else 0 for v in swings_by_size]
        swings = tuple(int(s) for s in swings_total)
    if want_ss:
        fact = [math.factorial(k) for k in range(n + 1)]
        weights = [fact[s] * fact[n - 1 - s] for s in range(n)]
        vals = []
        memo: dict[int, Fraction] = {}  # players of equal weight share one list
        for v in swings_by_size:
            if v is None:
                vals.append(Fraction(0))
                continue
            key = id(v)
            if key not in memo:
                num = sum(c * weights[s] for s, c in enumerate(v[:n]) if c)
                memo[key] = Fraction(num, fact[n])
            vals.append(memo[key])
        ss = tuple(vals)
    return _from_swings(n, method, swings, 1 << (n - 1), ss)


def _from_swings(
    n: int,
    method: Msg,
    swings: tuple[int, ...] | None,
    out_of: int,
    ss: tuple[Fraction, ...] | None,
    estimate: Estimate | None = None,
) -> PowerResult:
    """A result from swing counts out of ``out_of`` coalitions (all ``2**(n-1)`` of them, or the
    samples drawn): ``banzhaf_raw`` is ``swings / out_of``, ``banzhaf`` the swings normalised.
    With ``estimate``, the result is a Monte Carlo estimate with its intervals and seed."""
    bz_raw = bz = None
    if swings is not None:
        bz_raw = tuple(Fraction(s, out_of) for s in swings)
        bz = _normalise(swings)
    result = PowerResult(
        n=n,
        method=method,
        exact=estimate is None,
        swings=swings,
        banzhaf_raw=bz_raw,
        banzhaf=bz,
        shapley_shubik=ss,
    )
    if estimate is None:
        return result
    return dataclasses.replace(
        result,
        banzhaf_raw_halfwidth=estimate.banzhaf_halfwidth,
        shapley_shubik_halfwidth=estimate.ss_halfwidth,
        samples=estimate.samples,
        seed=estimate.seed,
    )


def inconsistency(r: PowerResult, weights: Sequence[int] | None = None) -> str | None:
    """Why an exact result cannot be right, or None when every check passes.

    The checks hold for every exact result of a monotone simple game on ``r.n`` players:
    swing counts are integers in ``[0, 2**(n-1)]``; ``banzhaf_raw[i] = swings[i] / 2**(n-1)``;
    ``banzhaf`` is ``swings`` normalised (all zero when nobody swings); Shapley–Shubik values lie
    in ``[0, 1]`` and sum to 1 or (nobody pivotal) to 0; a player with no swing has Shapley–Shubik
    value 0 and conversely. With ``weights`` (a weighted game without vetoes) a heavier player
    never has less power than a lighter one (so swapped players are caught).

    >>> from fractions import Fraction as F
    >>> good = PowerResult(2, "m", True, (1, 1), (F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    >>> inconsistency(good) is None
    True
    >>> inconsistency(PowerResult(2, "m", True, (1, -1), None, None)) is not None
    True
    """
    n = r.n
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        return "player count is not a positive integer"
    for name in ("swings", "banzhaf_raw", "banzhaf", "shapley_shubik"):
        v = getattr(r, name)
        if v is not None and len(v) != n:
            return f"{name} has {len(v)} values for {n} players"
    half = 1 << (n - 1)
    if r.swings is not None:
        if any(
            isinstance(s, bool) or not isinstance(s, int) or not 0 <= s <= half for s in r.swings
        ):
            return "a swing count is not an integer between 0 and 2**(n-1)"
        if r.banzhaf_raw is not None and any(
            b != Fraction(s, half) for s, b in zip(r.swings, r.banzhaf_raw, strict=True)
        ):
            return "absolute Banzhaf values do not match the swing counts"
        if r.banzhaf is not None and tuple(r.banzhaf) != _normalise(r.swings):
            return "normalised Banzhaf values do not match the swing counts"
    elif r.banzhaf is not None or r.banzhaf_raw is not None:
        return "Banzhaf values without swing counts"
    ss = r.shapley_shubik
    if ss is not None:
        if any(not isinstance(v, Fraction) or not 0 <= v <= 1 for v in ss):
            return "a Shapley–Shubik value lies outside [0, 1]"
        if sum(ss) not in (0, 1):
            return "Shapley–Shubik values sum neither to 1 nor to 0"
        if r.swings is not None and any(
            (s == 0) != (v == 0) for s, v in zip(r.swings, ss, strict=True)
        ):
            return "a player is pivotal for one index and a dummy for the other"
    if weights is not None:
        if len(weights) != n:
            return "weights do not match the players"
        order = sorted(range(n), key=lambda i: weights[i])
        for name in ("swings", "shapley_shubik"):
            v = getattr(r, name)
            if v is None:
                continue
            for a, b in itertools.pairwise(order):
                if weights[a] == weights[b] and v[a] != v[b]:
                    return f"players of equal weight have different {name} values"
                if weights[a] < weights[b] and v[a] > v[b]:
                    return f"a lighter player has more power ({name}) than a heavier one"
    return None
