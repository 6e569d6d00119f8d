"""Modular arithmetic for exact counts: primes just below 2**32 and the Chinese remainder theorem."""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence

import numpy as np

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
