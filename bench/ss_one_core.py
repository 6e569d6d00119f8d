"""Exact Shapley–Shubik (and Banzhaf) for model A's general meeting in one thread, with CPU time
and peak memory: ``uv run python bench/ss_one_core.py [QUOTA]`` (default 50 001, the ordinary
resolution; 66 667 is the two-thirds rule).

The timed part starts after loading the weights and includes everything the computation
imports on first use: numba, the compiler of the size-resolved table, and loading its
compiled code from numba's cache (``--split`` prints that part on its own: it imports numba
and loads the cached code before the timed part, so the rest is the computation alone)."""

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

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("quota", type=int, nargs="?", default=50_001)
ap.add_argument("--split", action="store_true", help="time numba's import and cache load apart")
args = ap.parse_args()
kernels._cpu_count = lambda: 1  # one thread: the target is one core
weights, _ = model_a_weights()
if args.split:
    cpu = time.process_time()
    power_indices(WeightedGame((2, 1, 1), 3), indices=("shapley_shubik",))  # imports and loads
    print(f"numba import and cached code: CPU {time.process_time() - cpu:.2f} s")
wall, cpu = time.perf_counter(), time.process_time()
r = power_indices(WeightedGame(tuple(weights), args.quota))
print(
    f"quota {args.quota}: "
    f"wall {time.perf_counter() - wall:.2f} s, CPU {time.process_time() - cpu:.2f} s, "
    f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB; "
    f"sum SS = {sum(r.shapley_shubik)}, KS SS = {float(r.shapley_shubik[0]):.6f}"
)
