"""The size-resolved coalition table, compiled: counts by (size, weight) modulo one modulus.

Exact Shapley–Shubik needs, for the table's players (ascending weights ``rest``), the number of
subsets of each size ``s <= S`` and each weight ``<= K``, and from it the alternating sums that
remove one player of a given weight. This module computes them for one modulus per call, in
loops compiled by numba (imported only here, and only when such a table is built): the dynamic
programme ``G[s][k] += G[s-1][k-w]`` must add and conditionally subtract the modulus in one
pass over each row, which numpy can only do in several passes with a Python call per row.

Moduli: ``2**64`` (passed as 0: ``uint64`` arithmetic wraps around by itself) and primes below
``2**63``. Every stored value is a reduced residue ``< p``, so a sum of two is ``< 2**64`` and
``min(x, x - p)`` (unsigned, so ``x - p`` wraps to a huge number when ``x < p``) reduces it
without a branch.

The table runs in *wavefronts*: a block of ``B`` consecutive players sweeps the size rows
together, player ``j`` of the block updating row ``d + j`` at step ``d`` (``d`` descending).
Player ``j`` reads row ``r - 1`` after player ``j - 1`` has updated it (earlier in the same
step) and before player ``j`` does (a later step), and row ``r`` after player ``j - 1`` (the
step before): the same arithmetic as the in-place update player by player with rows
descending, but only ``B + 1`` rows are in use at each step, so they stay in the core's cache
while the block's ``B`` updates of each row are made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

import numpy as np
from numba import njit

_F = TypeVar("_F", bound=Callable[..., None])


def _compiled(f: _F) -> _F:
    """``f`` compiled without the GIL, its machine code cached on disk beside this file (or,
    where that directory is read-only, in numba's per-user cache directory). With no writable
    place at all numba refuses to cache; then it compiles in each process (about a second)."""
    try:
        return cast(_F, njit(cache=True, nogil=True)(f))
    except RuntimeError:
        return cast(_F, njit(nogil=True)(f))


# the rows a wavefront keeps in use should fit in the core's L2 cache (measured on model A:
# see docs/performance.md)
_HOT_BYTES = 1 << 21
_MAX_BLOCK = 64


def block_for(K: int) -> int:
    """Players per wavefront for a table of weights ``0..K``: ``B + 1`` rows in ``_HOT_BYTES``."""
    return max(1, min(_MAX_BLOCK, _HOT_BYTES // (8 * (K + 1)) - 1))


def row_offsets(kmin: np.ndarray, K: int) -> np.ndarray:
    """Where each size row starts in the flat table: row ``s`` holds the weights ``kmin[s]..K``
    (no ``s`` players weigh less than the ``s`` lightest), so the table is ragged; the last
    entry is the table's length."""
    off = np.zeros(kmin.shape[0] + 1, dtype=np.int64)
    np.cumsum(K + 1 - kmin, out=off[1:])
    return off


@_compiled
def fill_table(
    rest: np.ndarray,
    pre: np.ndarray,
    kmin: np.ndarray,
    off: np.ndarray,
    K: int,
    S: int,
    p: np.uint64,
    block: int,
    G: np.ndarray,
) -> None:
    """``G`` (flat, rows at ``off``) ← the number of subsets of ``rest`` (ascending) of size ``s``
    and weight ``k`` at ``G[off[s] + k - kmin[s]]``, modulo ``p`` (0: ``2**64``). ``pre`` are
    the prefix sums of ``rest`` and ``kmin[s] = pre[s]``. Player ``t`` (weight ``w``) adds row
    ``s - 1`` shifted by ``w`` to row ``s``, from weight ``kmin[s - 1] + w`` (below it the
    shifted row is empty) to the sum of the ``s`` largest of the first ``t`` players (above it
    nothing is reachable yet)."""
    m = rest.shape[0]
    G[:] = 0
    G[0] = 1  # the empty set
    wrap = p == 0
    t0 = 1
    while t0 <= m:
        t1 = min(m, t0 + block - 1)
        nbk = t1 - t0 + 1
        rmax = min(t1, S)
        for d in range(rmax, 1 - nbk, -1):
            for j in range(nbk):
                r = d + j
                t = t0 + j
                if r < 1 or r > t or r > S:
                    continue
                w = rest[t - 1]
                lo = kmin[r - 1] + w
                hi = min(pre[t] - pre[t - r], K)
                if hi < lo:
                    continue
                n = hi + 1 - lo
                a = off[r] + lo - kmin[r]
                b = off[r - 1] + lo - w - kmin[r - 1]
                dst = G[a : a + n]
                src = G[b : b + n]
                if wrap:
                    for i in range(n):
                        dst[i] += src[i]
                else:
                    for i in range(n):
                        x = dst[i] + src[i]
                        dst[i] = min(x, x - p)
        t0 = t1 + 1


@_compiled
def prefix_rows(G: np.ndarray, off: np.ndarray, S: int, p: np.uint64) -> None:
    """Each size row of ``G`` ← its prefix sums over weight, modulo ``p``, in place."""
    wrap = p == 0
    for s in range(S + 1):
        acc = np.uint64(0)
        for i in range(off[s], off[s + 1]):
            x = acc + G[i]
            acc = x if wrap else min(x, x - p)
            G[i] = acc


@_compiled
def alternating_sums(
    G: np.ndarray,
    off: np.ndarray,
    kmin: np.ndarray,
    S: int,
    p: np.uint64,
    es: np.ndarray,
    hs: np.ndarray,
    res: np.ndarray,
) -> None:
    """``res[q, s] = Σ_j (-1)^j Pre[s - j][h - j e]`` modulo ``p`` for ``(e, h) = (es[q], hs[q])``,
    where ``Pre`` is the table after :func:`prefix_rows`: the number of subsets of the table's
    players minus one of weight ``e`` with size ``s`` and weight ``<= h`` (``c = G / (1 + y
    x^e)`` summed over weight; ``e = 0``: ``Pre[s][h]``). Row by row, so each row of the table
    is read from memory once for every query; a term ``-v`` is added as ``p - v``."""
    wrap = p == 0
    res[:, :] = 0
    for r in range(S + 1):
        base = off[r] - kmin[r]
        for q in range(es.shape[0]):
            e = es[q]
            h = hs[q]
            if h < kmin[r]:
                continue
            if e == 0:
                res[q, r] = G[base + h]
                continue
            J = min((h - kmin[r]) // e, S - r)
            out = res[q]
            for j in range(J + 1):
                v = G[base + h - j * e]
                if j % 2 == 1:
                    v = p - v
                x = out[r + j] + v
                out[r + j] = x if wrap else min(x, x - p)
