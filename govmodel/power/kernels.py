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
    WIDE,
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
# weight or below 2**52 for counts by weight and size); callers combine them lane by lane and
# recover the integers with _crt.


# Width of the prime lanes of the size-resolved table (bench/ss_one_core.py --narrow compares
# with 32-bit lanes in the same run).
_SIZE_LANE_WIDTH = WIDE

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


def _partial_reduce(
    x: np.ndarray, delta: int, shift: int = 32, scratch: np.ndarray | None = None
) -> None:
    """``x ← x - (x >> shift)·p = (x mod 2**shift) + (x >> shift)·δ`` in place, for
    ``p = 2**shift - δ``: congruent modulo ``p`` and below ``2**shift + 2**(64 - shift)·δ``;
    three vector passes, no division (``scratch``: a buffer of at least ``x.size`` cells)."""
    if scratch is None:
        hi = np.right_shift(x, np.uint64(shift))
    else:
        hi = scratch[: x.size].reshape(x.shape)
        np.right_shift(x, np.uint64(shift), out=hi)
    hi *= np.uint64((1 << shift) - delta)
    x -= hi


def _reduced_bound(bound: int, delta: int, shift: int = 32) -> int:
    return (bound >> shift) * delta + (1 << shift)


_BLOCK_CELLS = 500_000
_CUMSUM_CHUNK = 2048  # prefix sums of values below 2**52 over this many columns stay < 2**63


def _prefix_sums_mod(body: np.ndarray, p: int) -> None:
    """Prefix sums along axis 1 of ``body`` (values below ``2**52``) modulo ``p``, in place,
    in chunks short enough that no partial sum overflows 64 bits."""
    pu = np.uint64(p)
    carry: np.ndarray | None = None
    for c in range(0, body.shape[1], _CUMSUM_CHUNK):
        part = body[:, c : c + _CUMSUM_CHUNK]
        np.cumsum(part, axis=1, out=part)
        if carry is not None:
            part += carry[:, None]
        np.remainder(part, pu, out=part)
        carry = part[:, -1].copy()


def _table_2d_one_prime(
    rest: Sequence[int],
    K: int,
    S: int,
    pad: int,
    p: int,
    work: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """Prefix sums over weight of the coalition counts by (weight, size), modulo ``p``.

    Returns ``T`` of shape ``(K + 1, pad + S + 1)``, ``uint64``, with ``T[k, pad + s]`` = number
    of subsets of ``rest`` of size ``s`` and weight ``<= k`` (mod p); the first ``pad`` columns
    are zero. The dynamic programme ``G[k][s] += G[k - w][s - 1]`` (players in ascending weight,
    so the support of size ``s`` starts at the sum of the ``s`` smallest weights and, after
    ``t`` players, ends at the sum of the ``s`` largest of them) runs over blocks of
    consecutive sizes small enough to stay in cache; each block runs through all players and
    hands the history of its last size row to the next block. ``p`` is ``2**64`` (the
    ``uint64`` wrap-around) or a prime ``2**b - δ`` with small ``δ`` (reduced lazily, without
    division). ``work`` keeps the large buffers between calls (fresh memory costs page faults).
    """
    wrap = p == _TWO64  # modulo 2**64: uint64 arithmetic wraps by itself, nothing to reduce
    shift = 0 if wrap else p.bit_length()
    delta = 0 if wrap else (1 << shift) - p
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
    if work.get("out") is None or work["out"].shape != (K + 1, pad + S + 1):
        # the blocks write the same regions for every modulus; the rest stays zero
        work["out"] = np.zeros((K + 1, pad + S + 1), dtype=_U64)
    # The history is ragged: row t (the last size row of a block after t players) is read at
    # stage t + 1 shifted by that player's weight, so it needs that many zero cells on its
    # left, and it is never wider than min(pre[t], K) + 1. Rows lie one after another in one
    # flat buffer; ``hoff[t]`` is where weight offset 0 of row t lives.
    hoff = []
    pos = 0
    for t in range(m + 1):
        pos += rest[t] if t < m and rest[t] <= K else 0  # the left pad (players above K: none)
        hoff.append(pos)
        pos += min(pre[t], K) + 1
    hkey = (m, K, tuple(rest))
    if work.get("hist_key") != hkey:
        work["hist"] = np.zeros(pos, dtype=_U64)
        work["hist_w"] = np.zeros(m + 1, dtype=np.int64)
        work["hist_key"] = hkey  # type: ignore[assignment]
    out = work["out"]
    # One history buffer: row t of the previous block is read at stage t + 1 and only then
    # replaced by this block's row t (kept pending for one stage), so one buffer serves both.
    # ``hist_w[t]`` is how far row t was last written; beyond it the row is zero.
    hist = work["hist"]
    hist_w = work["hist_w"]
    hist_in: np.ndarray | None = None
    hb_in: list[int] = []
    k0_prev = 0
    s0 = 0

    def store(t: int, row: np.ndarray | None) -> None:
        n_new = 0 if row is None else row.size
        o = hoff[t]
        if row is not None:
            hist[o : o + n_new] = row
        if hist_w[t] > n_new:
            hist[o + n_new : o + int(hist_w[t])] = 0
        hist_w[t] = n_new

    while s0 <= S:
        k0 = kmin[s0]
        kw = K + 1 - k0
        s1 = min(S + 1, s0 + max(1, _BLOCK_CELLS // kw))  # the pad is barely touched
        nb = s1 - s0
        need = nb * (P + kw)
        if work.get("a") is None or work["a"].size < need:
            work["a"] = np.empty(max(need, _BLOCK_CELLS), dtype=_U64)
            work["b"] = np.empty(max(need, _BLOCK_CELLS), dtype=_U64)
        if work.get("scratch") is None or work["scratch"].size < need:
            work["scratch"] = np.empty(max(need, _BLOCK_CELLS), dtype=_U64)
        scratch = work["scratch"]
        a = work["a"][:need].reshape(nb, P + kw)
        b = work["b"][:need].reshape(nb, P + kw)
        a.fill(0)
        b.fill(0)
        if s0 == 0:
            a[0, P] = b[0, P] = 1
        bound = 2  # every value in this block is < bound
        keep = s1 <= S  # the next block needs this block's last row at every stage
        pending: np.ndarray | None = None  # this block's row t - 1, written after stage t reads
        if keep and k0 == 0:  # after no player only the empty set: weight 0
            pending = a[nb - 1, P : P + 1].copy()
        hb_out = [0] * (m + 1)
        hb_out[0] = 2
        for t in range(1, m + 1):
            w = rest[t - 1]
            smax = min(s1 - 1, t)
            # rows up to smax hold subsets of the first t players: at most the smax largest
            top = min(pre[t] - pre[t - smax], K)
            hi = top - k0 + 1
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
                    c = hoff[t - 1] + k0 - k0_prev - w
                    np.add(a[0, P : P + hi], hist_in[c : c + hi], out=b[0, P : P + hi])
                    src_bound = max(src_bound, hb_in[t - 1])
                else:
                    b[0, P : P + hi] = a[0, P : P + hi]
                a, b = b, a
                bound += src_bound
                if bound >= _LIMIT and not wrap:
                    _partial_reduce(a[:r_hi, P : P + hi], delta, shift, scratch)
                    bound = _reduced_bound(bound, delta, shift)
            if keep:
                # stage t has read row t - 1 of the previous block: replace it now
                store(t - 1, pending)
                pending = None
                if t >= s1 - 1 and hi > 0:
                    # the next block reads row t only where it can be non-zero (below hi)
                    pending = a[nb - 1, P : P + hi].copy()
                    hb = bound
                    if not wrap and hb > 1 << (shift + 1):
                        _partial_reduce(pending, delta, shift)
                        hb = _reduced_bound(hb, delta, shift)
                    hb_out[t] = hb
        if keep:
            store(m, pending)
        body = a[:, P:]
        if wrap:
            np.cumsum(body, axis=1, out=body)
        else:
            np.remainder(body, np.uint64(p), out=body)
            _prefix_sums_mod(body, p)
        out[k0:, pad + s0 : pad + s1] = body.T
        hist_in, hb_in, k0_prev = (hist if keep else None), hb_out, k0
        s0 = s1
    return out


_ALT_PAD = 32  # zero columns left of the prefix table; the alternating sums go in chunks


def _alt_pad(needs: Iterable[tuple[int, int]], S: int) -> int:
    """Zero columns the prefix table needs for :func:`_alt_sum_2d`: even, at most ``_ALT_PAD``."""
    longest = max([min(h // e, S) for e, h in needs if e] + [0])
    if longest == 0:
        return 0
    return min(_ALT_PAD, longest + 1 + (longest + 1) % 2)


def _alt_sum_2d(tab: np.ndarray, pad: int, S: int, p: int, e: int, h: int) -> np.ndarray:
    """``D[s] = Σ_j (-1)^j Pre[h - j e][s - j]`` for ``s = 0..S``: subsets of the table's players
    minus one of weight ``e`` with size ``s`` and weight ``<= h`` (``c = G / (1 + y x^e)``
    summed over weight, without dividing). ``e = 0``: ``Pre[h][s]``.

    The terms ``j0 <= j < j0 + pad`` (``j0`` even) are read as one strided view of the table,
    diagonal by diagonal; a read left of size 0 lands in the ``pad`` zero columns, so the
    table needs only ``pad`` of them, not one per term."""
    J = min(h // e, S) if e else 0
    if J == 0:
        return tab[h, pad : pad + S + 1].astype(_U64)
    L = tab.shape[1]
    item = tab.itemsize
    pu = np.uint64(p % _TWO64)
    even = np.zeros(S + 1, dtype=_U64)
    odd = np.zeros(S + 1, dtype=_U64)
    unreduced = 0  # terms summed into even/odd since the last reduction (each below 2**52)
    for j0 in range(0, J + 1, pad):  # pad is even
        rows = min(pad, J + 1 - j0)
        # a read-only strided view (numpy checks that it stays inside the table)
        view = np.ndarray(
            (rows, S + 1 - j0),
            dtype=tab.dtype,
            buffer=tab,
            offset=((h - j0 * e) * L + pad) * item,
            strides=(-(e * L + 1) * item, item),
        )
        even[j0:] += view[0::2].sum(axis=0, dtype=_U64)
        odd[j0:] += view[1::2].sum(axis=0, dtype=_U64)
        unreduced += rows
        if unreduced > _CUMSUM_CHUNK:  # some 2**11 values below 2**52 stay below 2**64
            even, odd = _modp(even, p), _modp(odd, p)
            unreduced = 0
    return _modp(_modp(even, p) + pu - _modp(odd, p), p)


def _modp(x: np.ndarray, p: int) -> np.ndarray:
    """``x mod p``; for ``p = 2**64`` the ``uint64`` wrap-around already did it."""
    return x if p == _TWO64 else x % np.uint64(p)


def _dsums_2d(
    rest: Sequence[int], K: int, S: int, needs: Sequence[tuple[int, int]], primes: Sequence[int]
) -> dict[tuple[int, int], np.ndarray]:
    """Per prime (in parallel threads; numpy releases the GIL in its loops) the table of
    :func:`_table_2d_one_prime` and the alternating sums; returns ``(P, S + 1)`` residues."""
    pad = _alt_pad(needs, S)

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
    if sizes:
        mem = threads * (
            8 * (sum(plan.rest) + (n_rest + 1) * (plan.K + 1))  # the history (at most)
            + 8 * (plan.K + 1) * (plan.S + 1 + _ALT_PAD)  # prefix table
            + 24 * _BLOCK_CELLS  # the two block buffers and the scratch
        )
    else:
        mem = 24 * lanes * (plan.K + 1)
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
