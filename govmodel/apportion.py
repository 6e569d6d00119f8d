"""Exact largest-remainder (Hamilton) apportionment.

Used to divide a block of shares (or seats) across the members of a group in proportion
to a basis such as population, so that every count is an integer and the counts sum to the
block exactly. Arithmetic is on integers and :class:`fractions.Fraction` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction


def largest_remainder(total: int, basis: Mapping[str, int | Fraction]) -> dict[str, int]:
    """Divide ``total`` units across the keys of ``basis`` in proportion to their values.

    Each key first gets the integer part of its exact quota ``total * b / sum(basis)``; the
    units left over go one each to the keys with the largest fractional remainders. Ties in
    the remainder are broken by the larger basis and then by the key, so the result is
    deterministic. The counts always sum to ``total``.
    """
    if total < 0:
        raise ValueError("total must be non-negative")
    if not basis:
        if total:
            raise ValueError("cannot apportion a non-zero total over an empty basis")
        return {}
    if any(v < 0 for v in basis.values()):
        raise ValueError("basis values must be non-negative")
    if all(type(v) is int for v in basis.values()):
        # the same computation on integers: every quota total*v/W has the denominator W, so the
        # fractional remainders compare as the integer remainders (total*v) mod W
        w = sum(basis.values())
        if w == 0:
            raise ValueError("basis values sum to zero")
        icounts = {k: total * v // w for k, v in basis.items()}
        rem = {k: total * v % w for k, v in basis.items()}
        left = total - sum(icounts.values())
        order = sorted(basis, key=lambda k: (-rem[k], -basis[k], k))
        for k in order[:left]:
            icounts[k] += 1
        return icounts
    whole = sum(Fraction(v) for v in basis.values())
    if whole == 0:
        raise ValueError("basis values sum to zero")
    quotas = {k: Fraction(total) * Fraction(v) / whole for k, v in basis.items()}
    counts = {k: q.numerator // q.denominator for k, q in quotas.items()}
    left = total - sum(counts.values())
    order = sorted(basis, key=lambda k: (-(quotas[k] - counts[k]), -Fraction(basis[k]), k))
    for k in order[:left]:
        counts[k] += 1
    return counts
