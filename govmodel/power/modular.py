"""Modular arithmetic for exact counts: primes just below 2**32 and the Chinese remainder theorem."""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from typing import cast

import numpy as np

# --------------------------------------------------------------------------------------------
# modular arithmetic: primes just below 2**32 and the Chinese remainder theorem


def _is_prime(n: int) -> bool:
    """Deterministic Miller–Rabin for ``n < 3.3 · 10**24`` (the first twelve primes as bases)."""
    if n < 2:
        return False
    small = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
    for sp in small:
        if n % sp == 0:
            return n == sp
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for a in small:
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


_PRIMES: dict[int, list[int]] = {}  # the primes below 2**width, largest first, per width
_PRIMES_LOCK = threading.Lock()
_U64 = np.uint64
_MASK32 = np.uint64(0xFFFFFFFF)


_TWO64 = 1 << 64

# Lane widths. Counting by weight only (Banzhaf) uses primes below 2**32: the prefix sums over
# up to 2**31 weights then stay below 2**63. Counting by weight and size (Shapley–Shubik, the
# compiled table of govmodel.power.sizetable) uses primes below 2**63: every residue stays
# reduced, a sum of two fits in 64 bits and one conditional subtraction reduces it (six lanes
# for 372 players).
NARROW = 32
SIZES = 63


def _primes_for_bits(bits: int, width: int = NARROW) -> list[int]:
    """Moduli whose product exceeds ``2**bits``: ``2**64`` (free: ``uint64`` arithmetic wraps
    around modulo ``2**64``, so that lane never needs reducing) and then the fewest largest
    primes below ``2**width``."""
    if bits < 64:
        return [_TWO64]
    prod, i = _TWO64, 0
    with _PRIMES_LOCK:  # the lists are shared; callers may run in several threads
        found = _PRIMES.setdefault(width, [])
        while prod <= 1 << bits:
            while i >= len(found):
                c = (found[-1] if found else 1 << width) - 1
                while not _is_prime(c):
                    c -= 1
                found.append(c)
            prod *= found[i]
            i += 1
        return [_TWO64, *found[:i]]


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
    nonzero = residues.any(axis=0)
    if not nonzero.all():  # many counts are 0 (sizes no coalition reaches): no work for them
        found = iter(_crt(residues[:, nonzero], primes))
        flags = cast(list[bool], nonzero.tolist())
        return [next(found) if nz else 0 for nz in flags]
    M = math.prod(primes)
    cs = []
    for p in primes:
        mi = M // p
        cs.append(mi * pow(mi % p, -1, p) % M)
    r = residues.astype(np.uint64)
    # residues of 2**64 and of primes above 2**32 are split into 32-bit halves, so every
    # product with a 16-bit limb stays below 2**48
    parts: list[np.ndarray] = []
    coef: list[int] = []
    for i, m in enumerate(primes):
        if m > 1 << 32:
            parts += [r[i] & _MASK32, r[i] >> np.uint64(32)]
            coef += [cs[i], (cs[i] << 32) % M]
        else:
            parts.append(r[i])
            coef.append(cs[i])
    r = np.stack(parts)
    cs = coef
    P = len(cs)
    nl = (max(c.bit_length() for c in cs) + 15) // 16 + 4
    limbs = np.array([[(c >> (16 * j)) & 0xFFFF for j in range(nl)] for c in cs], dtype=np.uint64)
    step = 2 * nl
    frm = int.from_bytes
    out: list[int] = []
    # in chunks of values, so the limb sums stay in cache and their memory stays small
    for c0 in range(0, N, _CRT_CHUNK):
        rc = r[:, c0 : c0 + _CRT_CHUNK]
        acc = np.zeros((rc.shape[1], nl), dtype=np.uint64)
        tmp = np.empty_like(acc)
        for i in range(P):
            np.multiply(rc[i][:, None], limbs[i][None, :], out=tmp)
            acc += tmp
        for j in range(nl - 1):
            acc[:, j + 1] += acc[:, j] >> np.uint64(16)
            acc[:, j] &= np.uint64(0xFFFF)
        raw = acc.astype("<u2").tobytes()
        out += [frm(raw[k : k + step], "little") % M for k in range(0, len(raw), step)]
    return out


_CRT_CHUNK = 4096
