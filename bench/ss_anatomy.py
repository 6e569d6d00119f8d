"""Why exact Shapley–Shubik for model A costs what it does: the work of the size-resolved table
counted cell by cell, and the speed of the numpy operation the earlier (numpy) kernel did it with.

Run: ``uv run python bench/ss_anatomy.py [--quota Q ...]`` (default: the ordinary resolution,
the two-thirds rule and the three general-meeting quotas together).

For each choice of split-off players (the table's "pivots", 0–3 of the heaviest) it prints the
table's weight bound ``K`` and size bound ``S``, the cell updates of one lane of the dynamic
programme over the region the kernel touches (rows only up to the weight their subsets can
reach, players in ascending weight; also in descending order, for comparison), and the reads of
the alternating sums that remove one player of each distinct weight. Then it times ``np.add``
of two shifted ``uint64`` vectors at several lengths (the kernel's inner operation), in
nanoseconds per element, to show the floor a numpy kernel cannot go below (the reason the
table is now compiled, govmodel/power/sizetable.py): it needs six lanes (2**64 and five primes
below 2**63) of these cell updates, seven with the numpy kernel's 52-bit primes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_power import model_a_weights  # noqa: E402

from govmodel.power import plan  # noqa: E402


def region(rest: list[int], K: int, S: int) -> int:
    """Cell updates of one lane when the players come in the order of ``rest``: after player
    ``t``, row ``s`` spans the weights from the sum of the ``s`` smallest to the sum of the
    ``s`` largest of the first ``t`` players, capped at ``K`` (in ascending order, the region
    :func:`govmodel.power.sizetable.fill_table` updates, give or take the first cells of a row, which it skips where the shifted row is empty)."""
    seen: list[int] = []
    total = 0
    for x in rest:
        seen.append(x)
        up = np.sort(np.array(seen, dtype=np.int64))
        smax = min(len(seen), S)
        lo = np.cumsum(up[:smax])
        top = np.minimum(np.cumsum(up[::-1][:smax]), K)
        width = top - lo + 1
        total += int(width[width > 0].sum())
    return total


def anatomy(weights: list[int], quotas: list[int]) -> None:
    queries = sorted({(x, h) for q in quotas for x in set(weights) for h in (q - 1, q - x - 1)})
    desc = sorted(weights, reverse=True)
    print(f"quotas {quotas}:")
    for b in range(4):
        pivots, rest = tuple(desc[:b]), sorted(desc[b:])
        rs, tr = set(rest), sum(rest)
        K = -1
        needs: set[tuple[int, int]] = set()
        for e, h in queries:
            for iy, hp, _shift, ty in plan._split_terms(pivots, rs, e, h, tr):
                if 0 <= hp < ty:
                    k = min(hp, ty - 1 - hp)
                    K = max(K, k)
                    needs.add((iy, k))
        S, acc = len(rest), 0
        for j, x in enumerate(rest):
            acc += x
            if acc > K:
                S = j
                break
        alt = sum((min(k // iy, S) + 1 if iy else 1) * (S + 1) for iy, k in needs)
        asc = region(rest, K, S)
        line = (
            f"  pivots {b}: K {K:6d}  S {S:3d}  cell updates per lane {asc / 1e6:6.1f} M"
            f"  alternating-sum reads {alt / 1e6:6.1f} M"
        )
        if b == 1:
            line += f"  (descending order: {region(rest[::-1], K, S) / 1e6:.1f} M)"
        print(line)


def add_speed() -> None:
    print("np.add of two shifted uint64 vectors (the kernel's inner operation):")
    for n in (60_000, 120_000, 500_000, 2_000_000):
        a = np.ones(n + 100, dtype=np.uint64)
        b = np.empty_like(a)
        reps = max(3, int(2e8 // n))
        t = time.process_time()
        for _ in range(reps):
            np.add(a[100:], a[37 : n + 37], out=b[100:])
            a, b = b, a
        dt = time.process_time() - t
        print(f"  {n:>9,d} elements ({16 * n / 2**20:5.1f} MiB in and out): "
              f"{dt / reps / n * 1e9:.3f} ns per element")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quota", type=int, action="append")
    args = ap.parse_args()
    weights, _ = model_a_weights()
    sets = (
        [[q] for q in args.quota] if args.quota else [[50_001], [66_667], [50_001, 66_667, 90_001]]
    )
    for qs in sets:
        anatomy(weights, qs)
    add_speed()


if __name__ == "__main__":
    main()
