"""The generating-function kernels: coalition counts by weight (and size) modulo several moduli."""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import numpy as np

from govmodel.power import methods as M
from govmodel.power.methods import Msg, msg
from govmodel.power.modular import (
    _TWO64,
    _U64,
    NARROW,
    SIZES,
    _mod_col,
    _primes_for_bits,
    _reduce,
)
from govmodel.power.plan import _plan, _split_terms

# A weighted game falls back to Monte Carlo only if its exact tables would exceed these.
WEIGHTED_MAX_BYTES = 4 << 30
WEIGHTED_MAX_SECONDS = 600.0
_SECONDS_PER_CELL = 0.6e-9  # one lane's dynamic-programme cell update, generously

# --------------------------------------------------------------------------------------------
# the generating-function engine
#
# X is a multiset of non-negative weights. A query (e, h) asks, for every size s, how many
# subsets of X minus one player of weight e (e None: of X itself) have size s and weight <= h.
# Answers are residues modulo the chosen moduli (2**64, and primes below 2**32 for counts by
# weight or below 2**63 for counts by weight and size); callers combine them lane by lane and
# recover the integers with _crt.


# Width of the prime lanes of the size-resolved table: residues below 2**63, so the compiled
# kernel adds two and reduces with one conditional subtraction (2**64 and five such primes
# cover model A's 372 players).
_SIZE_LANE_WIDTH = SIZES

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


def _modp(x: np.ndarray, p: int) -> np.ndarray:
    """``x mod p``; for ``p = 2**64`` the ``uint64`` wrap-around already did it."""
    return x if p == _TWO64 else x % np.uint64(p)


def _dsums_2d(
    rest: Sequence[int],
    K: int,
    S: int,
    needs: Sequence[tuple[int, int]],
    primes: Sequence[int],
    block: int | None = None,
) -> dict[tuple[int, int], np.ndarray]:
    """Per modulus (in parallel threads; the compiled loops release the GIL) the size-resolved
    table of :mod:`govmodel.power.sizetable`, its prefix sums over weight and the alternating
    sums the needs ask for; returns ``(P, S + 1)`` residues per need. ``block``: players per
    wavefront (None: chosen by the table's width)."""
    # numba is imported here, where a size-resolved table is built, and nowhere else: checks,
    # evaluations and exact Banzhaf do not pay for it
    from govmodel.power import sizetable

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
    w = np.asarray(rest, dtype=np.int64)
    pre = np.zeros(len(rest) + 1, dtype=np.int64)
    np.cumsum(w, out=pre[1:])
    kmin = pre[: S + 1].copy()
    off = sizetable.row_offsets(kmin, K)
    # the derived needs read the prefix table's column h: asked for as (0, h)
    cols = sorted({h for _, h in derived.values()} - {h for e, h in direct if e == 0})
    asked = direct + [(0, h) for h in cols]
    es = np.array([e for e, _ in asked], dtype=np.int64)
    hs = np.array([h for _, h in asked], dtype=np.int64)
    block = block or sizetable.block_for(K)

    # rows of each lane's answer: the asked needs, then the derived ones
    at = {nd: i for i, nd in enumerate(asked)}
    order = asked + list(derived)
    d_col = np.array([at[(0, h)] for _, h in derived.values()], dtype=np.intp)
    d_src = np.array([at[src] for src in derived.values()], dtype=np.intp)
    na = len(asked)

    def one(p: int, work: dict[str, np.ndarray]) -> np.ndarray:
        if "G" not in work:
            work["G"] = np.empty(int(off[-1]), dtype=_U64)
        G = work["G"]
        pu = np.uint64(p % _TWO64)  # 0 stands for 2**64
        sizetable.fill_table(w, pre, kmin, off, K, S, pu, block, G)
        sizetable.prefix_rows(G, off, S, pu)
        sums = np.zeros((len(order), S + 1), dtype=_U64)
        sizetable.alternating_sums(G, off, kmin, S, pu, es, hs, sums[:na])
        if derived:  # every source is asked directly; size S stays 0 (S + 1 players exceed K)
            sums[na:, :S] = _modp(sums[d_col, 1:] + pu - sums[d_src, 1:], p)
        return sums

    def chunk(ps: Sequence[int]) -> list[np.ndarray]:
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
    lanes = np.stack(per_prime)  # (P, needs, S + 1)
    return {nd: lanes[:, i] for i, nd in enumerate(order) if nd in need_set}


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
    primes = _primes_for_bits(bits, _SIZE_LANE_WIDTH if sizes else NARROW)
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
    # sizes: each thread's table (at most, it is ragged); else the lanes' two rows
    mem = threads * 8 * (plan.K + 1) * (plan.S + 1) if sizes else 24 * lanes * (plan.K + 1)
    secs = plan.cost * lanes * _SECONDS_PER_CELL / (threads if sizes else 1)
    if mem > WEIGHTED_MAX_BYTES or secs > WEIGHTED_MAX_SECONDS:
        raise _TooLarge(
            msg(
                M.TABLES_TOO_LARGE,
                weights=plan.K + 1,
                sizes=plan.S + 1,
                gib=Decimal(mem / 2**30).quantize(Decimal("0.1")),
                seconds=round(secs),
            )
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
            # (residues below 2**52 multiply beyond 64 bits: Python integers)
            base_o = base.astype(object)
            acc_o = np.zeros((P, L), dtype=object)
            for j in range(z + 1):
                cj = np.array([[math.comb(z, j) % p] for p in primes], dtype=object)
                span = min(base.shape[1], L - j)
                acc_o[:, j : j + span] += base_o[:, :span] * cj
            mods = np.array([[p] for p in primes], dtype=object)
            res = (acc_o % mods).astype(_U64)
        out[(e, h)] = res
    return primes, out


class _TooLarge(Exception):
    """The exact table would not fit in the memory budget; the caller estimates instead
    (``why``: the reason, shown in the estimate's method)."""

    def __init__(self, why: Msg) -> None:
        super().__init__(why.render(str))
        self.why = why
