"""Exact Shapley–Shubik (and Banzhaf) for model A's general meeting in one thread, with CPU time
and peak memory: ``uv run python bench/ss_one_core.py [QUOTA] [--narrow]`` (default 50 001, the
ordinary resolution; 66 667 is the two-thirds rule). ``--narrow`` computes the size-resolved
table in prime lanes below 2**32 (eleven lanes for 372 players, the earlier lane width) instead
of the default primes below 2**52 (seven lanes), so the two can be compared in one run."""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_power import model_a_weights  # noqa: E402

import govmodel.power.kernels as kernels  # noqa: E402
from govmodel.power.games import WeightedGame  # noqa: E402
from govmodel.power.indices import power_indices  # noqa: E402
from govmodel.power.modular import NARROW  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("quota", type=int, nargs="?", default=50_001)
ap.add_argument("--narrow", action="store_true", help="prime lanes below 2**32")
args = ap.parse_args()
kernels._cpu_count = lambda: 1  # one thread: the target is one core
if args.narrow:
    kernels._SIZE_LANE_WIDTH = NARROW
weights, _ = model_a_weights()
wall, cpu = time.perf_counter(), time.process_time()
r = power_indices(WeightedGame(tuple(weights), args.quota))
print(
    f"quota {args.quota}{' (32-bit lanes)' if args.narrow else ''}: "
    f"wall {time.perf_counter() - wall:.2f} s, CPU {time.process_time() - cpu:.2f} s, "
    f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB; "
    f"sum SS = {sum(r.shapley_shubik)}, KS SS = {float(r.shapley_shubik[0]):.6f}"
)
