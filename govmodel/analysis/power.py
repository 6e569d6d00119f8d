"""Power indices of simple games: exact Banzhaf and Shapley–Shubik, and Monte-Carlo estimates.

Definitions applied (players ``0..n-1``; a coalition is a set of players, or an ``int`` bitmask):

* A player ``i`` is a *swing* (is pivotal) for a coalition ``S`` not containing ``i`` when
  ``S ∪ {i}`` wins and ``S`` loses.
* **Banzhaf**: ``swings[i]`` is the number of such coalitions (the raw Banzhaf count);
  ``banzhaf_raw[i] = swings[i] / 2**(n-1)`` (Banzhaf's "absolute" index, Dubey–Shapley 1979);
  ``banzhaf[i] = swings[i] / sum(swings)`` (the normalised index; all zeros when nobody swings).
* **Shapley–Shubik**: ``shapley_shubik[i] = Σ_S |S|! (n-|S|-1)! / n!`` over the coalitions ``S``
  for which ``i`` is a swing, i.e. the share of the ``n!`` voting orders in which ``i`` turns
  the coalition of those before it from losing into winning. The values sum to 1 whenever the
  grand coalition wins (the empty coalition never wins: quotas are at least 1); when the grand
  coalition loses nobody is ever pivotal and all values are 0.

Games are assumed monotone (adding a member never turns a win into a loss), which holds for
the weighted, veto and intersection games here and is the caller's promise for
:class:`PredicateGame`.

Algorithms (all exact ones return integers and :class:`fractions.Fraction` only):

* :class:`WeightedGame` and :class:`VetoWeightedGame`: generating functions. The coalition
  polynomial ``G(x, y) = Π_j (1 + y x^{w_j})`` (``x`` marks weight, ``y`` size) is computed
  once, truncated at the largest weight any swing window needs; every player's swings are read
  off ``G / (1 + y x^{w_i})`` as alternating sums of prefix sums of ``G`` (no division), once
  per *distinct* weight. Windows above half the total are counted through complements, and the
  largest player can be split off ("pivot"), which for model A cuts the table from weight 50 000
  to 16 600. The big counts (up to ``2**(n-1)``) are computed modulo ``2**64`` (``uint64``
  wrap-around, free) and several primes just below ``2**32`` (lazy, division-free reduction,
  never overflowing) with vectorised numpy additions, and recovered exactly by the Chinese
  remainder theorem. The Shapley–Shubik table (weight × size) is processed in cache-sized
  blocks of sizes, one modulus per thread. Veto players are conditioned in. Banzhaf alone
  skips the size dimension. See ``docs/performance.md`` for measurements.
* :class:`IntersectionGame`: if all weight vectors are equal it is one weighted game with the
  largest quota; otherwise an exact multi-dimensional dynamic programme over
  (weight vector, size) with exact integers when the state space is small, else Monte Carlo.
* :class:`PredicateGame`: enumeration of all ``2**n`` coalitions for ``n <= 20``, else Monte
  Carlo.
* Monte Carlo (``exact=False``): uniformly random coalitions for Banzhaf (each sampled
  coalition gives every player one Bernoulli observation of "is a swing") and uniformly random
  orders for Shapley–Shubik, from ``numpy.random.default_rng(seed)`` (a fixed default seed, so
  output is deterministic). Each estimate comes with a 95 % Agresti–Coull half-width.

Resource guard: a weighted or veto game whose exact tables would need more than
``WEIGHTED_MAX_BYTES`` of memory or about ``WEIGHTED_MAX_SECONDS`` of computation (weights in
the millions, say) is estimated instead; ``method`` then says why.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

__all__ = [
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "BRUTE_FORCE_MAX_PLAYERS",
    "Game",
    "IntersectionGame",
    "PowerResult",
    "PredicateGame",
    "VetoWeightedGame",
    "WeightedGame",
    "brute_force",
    "power_indices",
    "quota_for",
]

DEFAULT_SAMPLES = 20_000
DEFAULT_SEED = 5_18  # any fixed value; the same seed gives the same estimate
BRUTE_FORCE_MAX_PLAYERS = 20
# An intersection game is solved exactly when (state cells) x (players + 1) stays below this.
INTERSECTION_MAX_WORK = 20_000_000
# A weighted game falls back to Monte Carlo only if its exact tables would exceed these.
WEIGHTED_MAX_BYTES = 4 << 30
WEIGHTED_MAX_SECONDS = 600.0
_SECONDS_PER_CELL = 0.6e-9  # one lane's dynamic-programme cell update, generously

INDICES = ("banzhaf", "shapley_shubik")
_Z95 = 1.959963984540054  # two-sided 95 % normal quantile


# --------------------------------------------------------------------------------------------
# quotas


def quota_for(total: int, fraction: Fraction, strict: bool) -> int:
    """The smallest integer weight ``w`` with ``w > fraction * total`` (``strict``, "more than")
    or ``w >= fraction * total`` (not strict, "at least"), computed exactly.

    >>> quota_for(100000, Fraction(1, 2), strict=True)
    50001
    >>> quota_for(100000, Fraction(2, 3), strict=False)
    66667
    """
    if isinstance(total, bool) or not isinstance(total, int):
        raise TypeError("total must be an int")
    if total < 0:
        raise ValueError("total must be non-negative")
    f = Fraction(fraction)
    if f < 0:
        raise ValueError("fraction must be non-negative")
    x = f * total
    floor = x.numerator // x.denominator
    if strict:
        return floor + 1
    return floor if floor == x else floor + 1


# --------------------------------------------------------------------------------------------
# games


def _check_weights(weights: object, what: str = "weights") -> tuple[int, ...]:
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Iterable):
        raise TypeError(f"{what} must be a sequence of non-negative ints")
    out = tuple(weights)
    for w in out:
        if isinstance(w, bool) or not isinstance(w, int):
            raise TypeError(f"{what} must be ints, got {w!r}")
        if w < 0:
            raise ValueError(f"{what} must be non-negative, got {w}")
    if not out:
        raise ValueError(f"{what} must name at least one player")
    return out


def _check_quota(quota: object) -> int:
    if isinstance(quota, bool) or not isinstance(quota, int):
        raise TypeError(f"quota must be an int, got {quota!r}")
    if quota < 1:
        raise ValueError(f"quota must be at least 1, got {quota}")
    return quota


@dataclass(frozen=True)
class WeightedGame:
    """Weighted majority game ``[quota; w_0, ..., w_{n-1}]``: a coalition wins iff the sum of
    its members' weights is at least ``quota``."""

    weights: tuple[int, ...]
    quota: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _check_weights(self.weights))
        _check_quota(self.quota)

    @property
    def n(self) -> int:
        return len(self.weights)

    @property
    def total(self) -> int:
        return sum(self.weights)

    def wins(self, coalition: int) -> bool:
        """Whether the coalition (bitmask of player indices) wins."""
        return _mask_weight(self.weights, coalition) >= self.quota


@dataclass(frozen=True)
class VetoWeightedGame:
    """Weighted game with veto players: a coalition wins iff its weight is at least ``quota``
    and it contains every player in ``vetoers`` (player indices)."""

    weights: tuple[int, ...]
    quota: int
    vetoers: frozenset[int]

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _check_weights(self.weights))
        _check_quota(self.quota)
        v = frozenset(self.vetoers)
        for i in v:
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(self.weights):
                raise ValueError(f"vetoer {i!r} is not a player index 0..{len(self.weights) - 1}")
        object.__setattr__(self, "vetoers", v)

    @property
    def n(self) -> int:
        return len(self.weights)

    def wins(self, coalition: int) -> bool:
        """Whether the coalition (bitmask of player indices) wins."""
        if any(not (coalition >> v) & 1 for v in self.vetoers):
            return False
        return _mask_weight(self.weights, coalition) >= self.quota


@dataclass(frozen=True)
class IntersectionGame:
    """Several weighted games over the same players; a coalition wins iff it wins in all of
    them (e.g. aksjeloven § 5-18: two thirds of the votes cast *and* of the capital
    represented, two weight vectors when share classes differ in votes per share)."""

    games: tuple[WeightedGame, ...]

    def __post_init__(self) -> None:
        gs = tuple(self.games)
        if not gs:
            raise ValueError("an intersection game needs at least one game")
        for g in gs:
            if not isinstance(g, WeightedGame):
                raise TypeError(f"IntersectionGame takes WeightedGame components, got {g!r}")
        if len({g.n for g in gs}) != 1:
            raise ValueError("all component games must have the same players")
        object.__setattr__(self, "games", gs)

    @property
    def n(self) -> int:
        return self.games[0].n

    def wins(self, coalition: int) -> bool:
        """Whether the coalition (bitmask of player indices) wins every component game."""
        return all(g.wins(coalition) for g in self.games)


@dataclass(frozen=True)
class PredicateGame:
    """Any simple game on ``n`` players given by ``wins(bitmask) -> bool`` (bit ``i`` set means
    player ``i`` is in the coalition). Must be monotone with the empty coalition losing."""

    n: int
    wins: Callable[[int], bool]

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1:
            raise ValueError(f"n must be a positive int, got {self.n!r}")
        if not callable(self.wins):
            raise TypeError("wins must be callable")


Game = WeightedGame | VetoWeightedGame | IntersectionGame | PredicateGame


def _mask_weight(weights: Sequence[int], mask: int) -> int:
    total = 0
    i = 0
    while mask:
        if mask & 1:
            total += weights[i]
        mask >>= 1
        i += 1
    return total


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
    method: str
    exact: bool
    swings: tuple[int, ...] | None = None
    banzhaf_raw: tuple[Fraction, ...] | None = None
    banzhaf: tuple[Fraction, ...] | None = None
    shapley_shubik: tuple[Fraction, ...] | None = None
    banzhaf_raw_halfwidth: tuple[float, ...] | None = None
    shapley_shubik_halfwidth: tuple[float, ...] | None = None
    samples: int | None = None
    seed: int | None = None


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
    method: str,
    swings_by_size: Sequence[Sequence[int] | None],
    swings_total: Sequence[int] | None,
    want_bz: bool,
    want_ss: bool,
) -> PowerResult:
    """Build an exact result from per-player swing counts by coalition size (``|S|`` without the
    player) or, for Banzhaf only, from total swing counts."""
    swings: tuple[int, ...] | None = None
    bz_raw = bz = ss = None
    if want_bz:
        if swings_total is None:
            swings_total = [sum(v) if v is not None else 0 for v in swings_by_size]
        swings = tuple(int(s) for s in swings_total)
        half = 1 << (n - 1)
        bz_raw = tuple(Fraction(s, half) for s in swings)
        bz = _normalise(swings)
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
    return PowerResult(
        n=n,
        method=method,
        exact=True,
        swings=swings,
        banzhaf_raw=bz_raw,
        banzhaf=bz,
        shapley_shubik=ss,
    )


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
    raise TypeError(f"not a game: {game!r}")


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
    return _exact_result(n, "brute force: enumeration of all coalitions", by_size, None, True, True)


# --------------------------------------------------------------------------------------------
# modular arithmetic: primes just below 2**32 and the Chinese remainder theorem


def _is_prime_u32(n: int) -> bool:
    """Deterministic Miller–Rabin for n < 4 759 123 141 (bases 2, 7, 61)."""
    if n < 2:
        return False
    for sp in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 61):
        if n % sp == 0:
            return n == sp
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for a in (2, 7, 61):
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


_PRIMES: list[int] = []
_PRIMES_LOCK = threading.Lock()
_U64 = np.uint64
_MASK32 = np.uint64(0xFFFFFFFF)


_TWO64 = 1 << 64


def _primes_for_bits(bits: int) -> list[int]:
    """Moduli whose product exceeds ``2**bits``: ``2**64`` (free: ``uint64`` arithmetic wraps
    around modulo ``2**64``, so that lane never needs reducing) and then the fewest largest
    primes below ``2**32``."""
    if bits < 64:
        return [_TWO64]
    prod, i = _TWO64, 0
    with _PRIMES_LOCK:  # the list is shared; callers may run in several threads
        while prod <= 1 << bits:
            while i >= len(_PRIMES):
                c = (_PRIMES[-1] if _PRIMES else 1 << 32) - 1
                while not _is_prime_u32(c):
                    c -= 1
                _PRIMES.append(c)
            prod *= _PRIMES[i]
            i += 1
        return [_TWO64, *_PRIMES[:i]]


def _mod_col(moduli: Sequence[int]) -> np.ndarray:
    """Moduli as a ``(P, 1)`` ``uint64`` column; the ``2**64`` lane is stored as 0."""
    return np.array([m % _TWO64 for m in moduli], dtype=_U64)[:, None]


def _reduce(x: np.ndarray, mcol: np.ndarray) -> np.ndarray:
    """``x mod m`` lane by lane (lanes along axis 0) in place; lane 0 is ``2**64``."""
    np.remainder(x[1:], mcol[1:].reshape((-1,) + (1,) * (x.ndim - 1)), out=x[1:])
    return x


def _crt(residues: np.ndarray, primes: Sequence[int]) -> list[int]:
    """Exact integers in ``[0, Π primes)`` from residues of shape ``(len(primes), N)``.

    ``x = (Σ_i r_i c_i) mod M`` with ``c_i = (M/p_i) · ((M/p_i)^{-1} mod p_i)``; the sum is
    formed in numpy with 16-bit limbs (every partial sum stays below 2**53) and converted to
    Python integers with one ``int.from_bytes`` per value."""
    P, N = residues.shape
    if N == 0:
        return []
    M = math.prod(primes)
    cs = []
    for p in primes:
        mi = M // p
        cs.append(mi * pow(mi % p, -1, p) % M)
    r = residues.astype(np.uint64)
    if primes[0] == _TWO64:  # 64-bit residues: split into halves so products stay < 2**48
        r = np.concatenate([r[:1] & _MASK32, r[:1] >> np.uint64(32), r[1:]])
        cs = [cs[0], (cs[0] << 32) % M, *cs[1:]]
        P += 1
    nl = (max(c.bit_length() for c in cs) + 15) // 16 + 4
    limbs = np.array([[(c >> (16 * j)) & 0xFFFF for j in range(nl)] for c in cs], dtype=np.uint64)
    acc = np.zeros((N, nl), dtype=np.uint64)
    for i in range(P):
        acc += r[i][:, None] * limbs[i][None, :]
    for j in range(nl - 1):
        acc[:, j + 1] += acc[:, j] >> np.uint64(16)
        acc[:, j] &= np.uint64(0xFFFF)
    raw = acc.astype("<u2").tobytes()
    step = 2 * nl
    frm = int.from_bytes
    return [frm(raw[k : k + step], "little") % M for k in range(0, N * step, step)]


# --------------------------------------------------------------------------------------------
# the generating-function engine
#
# X is a multiset of non-negative weights. A query (e, h) asks, for every size s, how many
# subsets of X minus one player of weight e (e None: of X itself) have size s and weight <= h.
# Answers are residues modulo the chosen moduli (2**64 and primes below 2**32); callers combine
# them lane by lane and recover the integers with _crt.


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
        pre = 0
        for t, w in enumerate(rest, 1):
            pre += w
            cost += (min(pre, K) + 1) * (min(t, S) + 1)
        for iy, k in needs:
            cost += (min(k // iy, S) + 1 if iy else 1) * (S + 1) * 4
        cost += nterms * (len(pos_desc) + 1) * 8
        if best is None or cost < best.cost:
            best = _Plan(pivots, rest, K, S, cost)
    assert best is not None
    return best


_LIMIT = 1 << 63  # every stored representative stays below this, so a sum of two fits in 64 bits


def _alt_sum_1d(pre: np.ndarray, mcol: np.ndarray, e: int, h: int) -> np.ndarray:
    """``Σ_j (-1)^j Pre[h - j e]`` for every modulus (rows of ``pre``): the number of subsets
    of the table's players minus one of weight ``e`` with weight ``<= h`` (``e = 0``:
    ``Pre[h]``); the ``2**64`` lane wraps around by itself."""
    if e == 0:
        return pre[:, h].copy()
    v = pre[:, h::-e]
    even = _reduce(v[:, 0::2].sum(axis=1), mcol[:, 0])
    odd = _reduce(v[:, 1::2].sum(axis=1), mcol[:, 0])
    return _reduce(even + mcol[:, 0] - odd, mcol[:, 0])


def _dsums_1d(
    rest: Sequence[int], K: int, needs: Iterable[tuple[int, int]], moduli: Sequence[int]
) -> dict[tuple[int, int], np.ndarray]:
    """Coalition counts by weight (no sizes) for all moduli at once: ``A[m, k]`` = number of
    subsets of ``rest`` with weight ``k`` (mod m), for ``k <= K``; then prefix sums and the
    alternating sums the needs ask for."""
    P = len(moduli)
    mcol = _mod_col(moduli)
    a = np.zeros((P, K + 1), dtype=_U64)
    b = np.zeros_like(a)
    a[:, 0] = 1
    b[:, 0] = 1
    bound = 1
    pre = 0
    for w in rest:
        pre += w
        top = min(pre, K)
        if w <= top:
            np.add(a[:, w : top + 1], a[:, : top + 1 - w], out=b[:, w : top + 1])
            b[:, :w] = a[:, :w]
            a, b = b, a
            bound *= 2
            if bound >= _LIMIT:  # lanes other than 2**64 are reduced lazily
                _reduce(a[:, : top + 1], mcol)
                bound = 1 << 32
    _reduce(a, mcol)
    cum = np.cumsum(a, axis=1)  # < 2**32 * (K + 1) < 2**63 for K < 2**31 (lane 0 wraps)
    _reduce(cum, mcol)
    return {(e, h): _alt_sum_1d(cum, mcol, e, h)[:, None] for e, h in needs}


def _partial_reduce(x: np.ndarray, delta: int) -> None:
    """``x ← (x >> 32)·δ + (x mod 2**32)`` in place: congruent modulo ``p = 2**32 - δ`` and below
    ``2**41`` for ``x < 2**63`` and ``δ < 2**9``; four vector passes, no division."""
    hi = np.right_shift(x, np.uint64(32))
    np.bitwise_and(x, _MASK32, out=x)
    hi *= np.uint64(delta)
    x += hi


def _reduced_bound(bound: int, delta: int) -> int:
    return (bound >> 32) * delta + (1 << 32)


_BLOCK_CELLS = 500_000


def _table_2d_one_prime(
    rest: Sequence[int],
    K: int,
    S: int,
    pad: int,
    p: int,
    work: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """Prefix sums over weight of the coalition counts by (weight, size), modulo ``p``.

    Returns ``T`` of shape ``(K + 1, pad + S + 1)``, ``uint32``, with ``T[k, pad + s]`` = number
    of subsets of ``rest`` of size ``s`` and weight ``<= k`` (mod p); the first ``pad`` columns
    are zero. The dynamic programme ``G[k][s] += G[k - w][s - 1]`` (players in ascending weight,
    so the support of size ``s`` starts at the sum of the ``s`` smallest weights) runs over
    blocks of consecutive sizes small enough to stay in cache; each block runs through all
    players and hands the history of its last size row to the next block. ``work`` keeps the
    large buffers between calls with the same shape (fresh memory costs page faults).
    """
    wrap = p == _TWO64  # modulo 2**64: uint64 arithmetic wraps by itself, nothing to reduce
    delta = 0 if wrap else (1 << 32) - p
    m = len(rest)
    pre = [0]
    for w in rest:
        pre.append(pre[-1] + w)
    kmin = [pre[s] for s in range(S + 1)]
    if work is None:
        work = {}
    # zero columns left of every row, so a shifted read below k = 0 reads zeros; players heavier
    # than K never change the table and are skipped
    P = min(max(rest), K + 1)
    okey = "out64" if wrap else "out32"
    if work.get(okey) is None or work[okey].shape != (K + 1, pad + S + 1):
        # the blocks write the same regions for every prime; the rest stays zero
        work[okey] = np.zeros((K + 1, pad + S + 1), dtype=_U64 if wrap else np.uint32)
    if work.get("h0") is None or work["h0"].shape != (m + 1, P + K + 1):
        work["h0"] = np.zeros((m + 1, P + K + 1), dtype=_U64)
        work["h1"] = np.zeros((m + 1, P + K + 1), dtype=_U64)
    out = work[okey]
    hist_in: np.ndarray | None = None
    bufs = (work["h0"], work["h1"])
    nblock = 0
    hb_in: list[int] = []
    k0_prev = 0
    s0 = 0
    while s0 <= S:
        k0 = kmin[s0]
        kw = K + 1 - k0
        s1 = min(S + 1, s0 + max(1, _BLOCK_CELLS // kw))  # the pad is barely touched
        nb = s1 - s0
        need = nb * (P + kw)
        if work.get("a") is None or work["a"].size < need:
            work["a"] = np.empty(max(need, _BLOCK_CELLS), dtype=_U64)
            work["b"] = np.empty(max(need, _BLOCK_CELLS), dtype=_U64)
        a = work["a"][:need].reshape(nb, P + kw)
        b = work["b"][:need].reshape(nb, P + kw)
        a.fill(0)
        b.fill(0)
        if s0 == 0:
            a[0, P] = b[0, P] = 1
        bound = 2  # every value in this block is < bound
        hist_out = None
        if s1 <= S:  # two history buffers used in turn; their pad columns stay zero
            hist_out = bufs[nblock % 2][:, : P + kw]
            hist_out[: max(1, s1 - 1), P:] = 0
            hist_out[0, P:] = a[nb - 1, P:]
        hb_out = [0] * (m + 1)
        hb_out[0] = bound
        for t in range(1, m + 1):
            w = rest[t - 1]
            hi = min(pre[t], K) - k0 + 1
            smax = min(s1 - 1, t)
            if smax >= max(s0, 1) and hi > 0 and w <= K:
                r_hi = smax - s0 + 1
                src_bound = bound
                if r_hi > 1:  # rows s0+1..smax from the rows below them (stage t-1)
                    np.add(
                        a[1:r_hi, P : P + hi],
                        a[0 : r_hi - 1, P - w : P - w + hi],
                        out=b[1:r_hi, P : P + hi],
                    )
                if s0 >= 1:  # row s0 from the previous block's last row at stage t-1
                    assert hist_in is not None
                    c = P + k0 - k0_prev - w
                    np.add(a[0, P : P + hi], hist_in[t - 1, c : c + hi], out=b[0, P : P + hi])
                    src_bound = max(src_bound, hb_in[t - 1])
                else:
                    b[0, P : P + hi] = a[0, P : P + hi]
                a, b = b, a
                bound += src_bound
                if bound >= _LIMIT and not wrap:
                    _partial_reduce(a[:r_hi, P : P + hi], delta)
                    bound = _reduced_bound(bound, delta)
            if hist_out is not None and t >= s1 - 1:
                # the next block reads row t only below min(pre[t], K) + 1 - k0 (= hi)
                if hi > 0:
                    hist_out[t, P : P + hi] = a[nb - 1, P : P + hi]
                else:
                    hist_out[t, P:] = 0
                hb_out[t] = bound
        body = a[:, P:]
        if wrap:
            np.cumsum(body, axis=1, out=body)
        else:
            _partial_reduce(body, delta)  # < 2**41, so the prefix sums below stay < 2**56
            np.cumsum(body, axis=1, out=body)
            np.remainder(body, np.uint64(p), out=body)
        out[k0:, pad + s0 : pad + s1] = body.T
        hist_in, hb_in, k0_prev = hist_out, hb_out, k0
        nblock += 1
        s0 = s1
    return out


def _alt_sum_2d(tab: np.ndarray, pad: int, S: int, p: int, e: int, h: int) -> np.ndarray:
    """``D[s] = Σ_j (-1)^j Pre[h - j e][s - j]`` for ``s = 0..S``: subsets of the table's players
    minus one of weight ``e`` with size ``s`` and weight ``<= h`` (``c = G / (1 + y x^e)``
    summed over weight, without dividing). ``e = 0``: ``Pre[h][s]``."""
    if e == 0:
        return tab[h, pad : pad + S + 1].astype(_U64)
    J = min(h // e, S)
    L = tab.shape[1]
    flat = tab.reshape(-1)
    base = flat[h * L + pad :]
    item = tab.itemsize
    view = np.lib.stride_tricks.as_strided(
        base, shape=(J + 1, S + 1), strides=(-(e * L + 1) * item, item), writeable=False
    )
    even = _modp(view[0::2].sum(axis=0, dtype=_U64), p)
    odd = _modp(view[1::2].sum(axis=0, dtype=_U64), p)
    return _modp(even + np.uint64(p % _TWO64) - odd, p)


def _modp(x: np.ndarray, p: int) -> np.ndarray:
    """``x mod p``; for ``p = 2**64`` the ``uint64`` wrap-around already did it."""
    return x if p == _TWO64 else x % np.uint64(p)


def _dsums_2d(
    rest: Sequence[int], K: int, S: int, needs: Sequence[tuple[int, int]], primes: Sequence[int]
) -> dict[tuple[int, int], np.ndarray]:
    """Per prime (in parallel threads; numpy releases the GIL in its loops) the table of
    :func:`_table_2d_one_prime` and the alternating sums; returns ``(P, S + 1)`` residues."""
    pad = max([min(h // e, S) for e, h in needs if e] + [0])

    need_set = set(needs)
    # D(h - e) follows from D(h) (sizes shift by one): P_c(h - e)[s] = Pre[h][s + 1] - P_c(h)[s + 1],
    # from P_c(h)[s] = Pre[h][s] - P_c(h - e)[s - 1] for c = G / (1 + y x^e).
    derived: dict[tuple[int, int], tuple[int, int]] = {}
    direct: list[tuple[int, int]] = []
    for e, h in sorted(needs, key=lambda nd: (nd[0], -nd[1])):
        if e and (e, h + e) in need_set and (e, h + e) not in derived:
            derived[(e, h)] = (e, h + e)
        else:
            direct.append((e, h))

    def one(p: int, work: dict[str, np.ndarray]) -> dict[tuple[int, int], np.ndarray]:
        tab = _table_2d_one_prime(rest, K, S, pad, p, work)
        res = {nd: _alt_sum_2d(tab, pad, S, p, nd[0], nd[1]) for nd in direct}
        pu = np.uint64(p % _TWO64)
        for (e, hm), (_, h) in derived.items():  # sources are all direct
            d = np.zeros(S + 1, dtype=_U64)
            row = tab[h, pad + 1 : pad + S + 1].astype(_U64)
            d[:S] = _modp(row + pu - res[(e, h)][1:], p)
            res[(e, hm)] = d
        return res

    def chunk(ps: Sequence[int]) -> list[dict[tuple[int, int], np.ndarray]]:
        work: dict[str, np.ndarray] = {}
        return [one(p, work) for p in ps]

    workers = max(1, min(len(primes), _cpu_count()))
    if workers > 1 and K * S > 50_000:
        groups = [primes[i::workers] for i in range(workers)]
        with ThreadPoolExecutor(max_workers=workers) as ex:
            parts = list(ex.map(chunk, groups))
        by_prime = {
            p: r
            for g, part in zip(groups, parts, strict=True)
            for p, r in zip(g, part, strict=True)
        }
        per_prime = [by_prime[p] for p in primes]
    else:
        per_prime = chunk(primes)
    return {need: np.stack([pp[need] for pp in per_prime]) for need in needs}


def _cpu_count() -> int:
    """CPUs this process may use (the scheduler affinity where the platform reports it)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@functools.lru_cache(maxsize=64)
def _binom_residues_cached(
    nY: int, length: int, primes: tuple[int, ...], sizes: bool
) -> np.ndarray:
    if not sizes:
        out = np.array([[pow(2, nY, p)] for p in primes], dtype=_U64)
    else:
        row = [1]
        for s in range(1, min(nY, length - 1) + 1):
            row.append(row[-1] * (nY - s + 1) // s)
        row += [0] * (length - len(row))
        out = np.array([[v % p for v in row] for p in primes], dtype=_U64)
    out.flags.writeable = False
    return out


def _binom_residues(nY: int, length: int, primes: Sequence[int], sizes: bool) -> np.ndarray:
    """``C(nY, s) mod p`` for ``s < length`` (sizes) or ``2**nY mod p`` (no sizes)."""
    return _binom_residues_cached(nY, length, tuple(primes), sizes)


def _query_residues(
    xweights: Sequence[int], queries: Sequence[tuple[int | None, int]], sizes: bool, bits: int
) -> tuple[list[int], dict[tuple[int | None, int], np.ndarray]]:
    """Answer the queries ``(e, h)`` (see the engine notes above) modulo moduli whose product
    exceeds ``2**bits`` (``2**64`` and primes, :func:`_primes_for_bits`). Returns the moduli
    and, per query, residues of shape ``(P, |X| + 1)`` indexed by size (sizes) or ``(P, 1)``
    (total count)."""
    nx = len(xweights)
    zeros = sum(1 for w in xweights if w == 0)
    pos_desc = sorted((w for w in xweights if w > 0), reverse=True)
    primes = _primes_for_bits(bits)
    P = len(primes)
    pcol = _mod_col(primes)
    L = nx + 1 if sizes else 1
    out: dict[tuple[int | None, int], np.ndarray] = {}
    if not pos_desc:  # only zero weights: subsets have weight 0
        for e, h in queries:
            n_sub = nx - (1 if e is not None else 0)
            out[(e, h)] = (
                _binom_residues(n_sub, L, primes, sizes) if h >= 0 else np.zeros((P, L), dtype=_U64)
            )
        return primes, out
    pos_queries = sorted(
        {(e if e else None, h) for e, h in queries}, key=lambda q: (q[0] or 0, q[1])
    )
    plan = _plan(pos_desc, pos_queries, sizes)
    rest_set = set(plan.rest)
    t_rest = sum(plan.rest)
    n_rest = len(plan.rest)
    lanes = len(primes)
    threads = min(lanes, _cpu_count())
    if sizes:
        mem = threads * (
            16 * (n_rest + 1) * (min(max(plan.rest), plan.K + 1) + plan.K + 1)  # two histories
            + 8 * (plan.K + 1) * (2 * plan.S + 2)  # prefix table
            + 16 * _BLOCK_CELLS
        )
    else:
        mem = 24 * lanes * (plan.K + 1)
    secs = plan.cost * lanes * _SECONDS_PER_CELL / (threads if sizes else 1)
    if mem > WEIGHTED_MAX_BYTES or secs > WEIGHTED_MAX_SECONDS:
        raise _TooLarge(
            f"exact tables ({plan.K + 1} weights x {plan.S + 1} sizes) would need about "
            f"{mem / 2**30:.1f} GiB and {secs:.0f} s"
        )
    terms_by_query = {
        q: _split_terms(plan.pivots, rest_set, q[0], q[1], t_rest) for q in pos_queries
    }
    needs: set[tuple[int, int]] = set()
    for terms in terms_by_query.values():
        for iy, hp, _shift, t_y in terms:
            if 0 <= hp < t_y:
                needs.add((iy, hp if hp <= plan.K else t_y - 1 - hp))
    need_list = sorted(needs)
    if sizes:
        dsum = _dsums_2d(plan.rest, plan.K, plan.S, need_list, primes)
    else:
        dsum = _dsums_1d(plan.rest, plan.K, need_list, primes)
    npos = len(pos_desc)
    Lp = npos + 1 if sizes else 1  # sizes of subsets of the positive players
    pos_result: dict[tuple[int | None, int], np.ndarray] = {}
    for q, terms in terms_by_query.items():
        acc = np.zeros((P, Lp), dtype=_U64)
        for iy, hp, shift, t_y in terms:
            if hp < 0:
                continue
            n_y = n_rest - (1 if iy else 0)
            if hp >= t_y:
                vec = _binom_residues(n_y, n_y + 1 if sizes else 1, primes, sizes)
            elif hp <= plan.K:
                d = dsum[(iy, hp)]
                vec = np.zeros((P, n_y + 1 if sizes else 1), dtype=_U64)
                k = min(d.shape[1], vec.shape[1])
                vec[:, :k] = d[:, :k]
            else:
                d = dsum[(iy, t_y - 1 - hp)]
                full = _binom_residues(n_y, n_y + 1 if sizes else 1, primes, sizes)
                comp = np.zeros_like(full)
                if sizes:  # complement of a subset of size s has size n_y - s
                    k = min(d.shape[1], n_y + 1)
                    comp[:, n_y - k + 1 :] = d[:, :k][:, ::-1]
                else:
                    comp[:] = d[:, :1]
                vec = _reduce(full + pcol - comp, pcol)
            if sizes:
                acc[:, shift : shift + vec.shape[1]] += vec[:, : Lp - shift]
            else:
                acc += vec
            _reduce(acc, pcol)
        pos_result[q] = acc
    for e, h in queries:
        base = pos_result[(e if e else None, h)]
        z = zeros - (1 if e == 0 else 0)
        if z == 0:
            res = np.zeros((P, L), dtype=_U64)
            res[:, : base.shape[1]] = base
        elif not sizes:
            res = _reduce(base * np.array([[pow(2, z, p)] for p in primes], dtype=_U64), pcol)
        else:  # each of the z zero-weight players may be in or out: convolve with C(z, j)
            res = np.zeros((P, L), dtype=_U64)
            for j in range(z + 1):
                cj = np.array([[math.comb(z, j) % p] for p in primes], dtype=_U64)
                span = min(base.shape[1], L - j)
                term = _reduce(base[:, :span] * cj, pcol)
                res[:, j : j + span] = _reduce(res[:, j : j + span] + term, pcol)
        out[(e, h)] = res
    return primes, out


class _TooLarge(Exception):
    """The exact table would not fit in the memory budget; the caller estimates instead."""


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
        "exact: generating function (modular dynamic programme, CRT)",
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
        "exact: generating function with vetoers conditioned in (modular DP, CRT)",
        sizes_list if want_ss else [None] * n,
        tot_list,
        want_bz,
        want_ss,
    )


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
            n=n, method=r.method + "; components share one weight vector", exact=True,
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
        return _exact_result(n, "exact: grand coalition loses", [zero] * n, zero, want_bz, want_ss)
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
            idx_dst = [slice(None)] * len(games)
            idx_dst[d] = start
            idx_src = [slice(None)] * len(games)
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
        "exact: multi-dimensional generating function (complement counts)",
        sizes_list,
        [sum(v) for v in sizes_list],
        want_bz,
        want_ss,
    )


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
    return None


def _row_masks(m: np.ndarray) -> list[int]:
    """Each row of a boolean membership matrix as an ``int`` bitmask (bit ``i`` = column ``i``)."""
    n = m.shape[1]
    if n < 63:
        return [int(x) for x in m.astype(np.int64) @ (np.int64(1) << np.arange(n, dtype=np.int64))]
    return [sum(1 << int(j) for j in np.flatnonzero(row)) for row in m]


def _estimate(
    game: Game, want_bz: bool, want_ss: bool, samples: int, seed: int, why: str
) -> PowerResult:
    n = game.n
    rng = np.random.default_rng(seed)
    vec = _vector_wins(game)
    chunk = max(1, min(samples, 2_000_000 // max(n, 1)))
    swings = None
    bz_raw = bz = ss = bz_h = ss_h = None
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
        bz_raw = tuple(Fraction(c, samples) for c in swings)
        bz = _normalise(swings)
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
    return PowerResult(
        n=n,
        method=f"Monte Carlo estimate ({why}): {samples} random coalitions / orders, seed {seed}",
        exact=False,
        swings=swings,
        banzhaf_raw=bz_raw,
        banzhaf=bz,
        shapley_shubik=ss,
        banzhaf_raw_halfwidth=bz_h,
        shapley_shubik_halfwidth=ss_h,
        samples=samples,
        seed=seed,
    )


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

    Exact (``exact=True``) for weighted and veto games (generating functions), for intersection
    games whose state space is small (multi-dimensional generating function) and for predicate
    games with ``n <= 20`` (enumeration); otherwise a Monte-Carlo estimate (``exact=False``)
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
            return _estimate(game, want_bz, want_ss, samples, seed, str(exc))
    if isinstance(game, VetoWeightedGame):
        try:
            return _exact_veto(game, want_bz, want_ss)
        except _TooLarge as exc:
            return _estimate(game, want_bz, want_ss, samples, seed, str(exc))
    if isinstance(game, IntersectionGame):
        try:
            r = _exact_intersection(game, want_bz, want_ss)
        except _TooLarge:
            r = None
        if r is not None:
            return r
        return _estimate(
            game, want_bz, want_ss, samples, seed, "intersection state space too large"
        )
    if isinstance(game, PredicateGame):
        if game.n <= BRUTE_FORCE_MAX_PLAYERS:
            r = brute_force(game)
            return _restrict(r, want_bz, want_ss)
        return _estimate(
            game, want_bz, want_ss, samples, seed, f"predicate game with n={game.n} > 20"
        )
    raise TypeError(f"not a game: {game!r}")


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
