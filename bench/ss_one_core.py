"""Exact Shapley–Shubik (and Banzhaf) for model A's general meeting in one thread, with CPU time
and peak memory: ``uv run python bench/ss_one_core.py [QUOTA]`` (default 50 001, the ordinary
resolution; 66 667 is the two-thirds rule)."""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_power import model_a_weights  # noqa: E402

import govmodel.power.kernels as kernels  # noqa: E402
from govmodel.power.games import WeightedGame  # noqa: E402
from govmodel.power.indices import power_indices  # noqa: E402

kernels._cpu_count = lambda: 1  # one thread: the target is one core
quota = int(sys.argv[1]) if len(sys.argv) > 1 else 50_001
weights, _ = model_a_weights()
wall, cpu = time.perf_counter(), time.process_time()
r = power_indices(WeightedGame(tuple(weights), quota))
print(
    f"quota {quota}: wall {time.perf_counter() - wall:.2f} s, CPU {time.process_time() - cpu:.2f} s, "
    f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB; "
    f"sum SS = {sum(r.shapley_shubik)}, KS SS = {float(r.shapley_shubik[0]):.6f}"
)
