"""Benchmark: a full evaluation of model A, wall clock including interpreter start-up.

Run with ``uv run python bench/bench_full.py``. Each figure is the best of ``--repeat`` runs of a
fresh ``python`` process, measured in the same run as the baseline: ``govmodel check`` of model A
(start-up, imports and loading only). The full evaluation loads model A and computes, for every
decision of the general meeting, exact Banzhaf and Shapley–Shubik indices of all 372 players,
the winning/blocking structure, and the in-house criteria with sensitivity (``govmodel evaluate``).

Exact power results are cached per distinct game (weights and quota) on disk; the run is
measured cold (an empty cache directory each time) and warm (the cache filled by a previous run).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = str(ROOT / "models" / "ownership_a.yaml")

FULL = f"""
from govmodel.load import load_model
from govmodel.power.decision import organ_power
from govmodel.analysis.criteria import evaluate
m = load_model({MODEL!r})
organ_power(m, "generalforsamling")
evaluate(m)
"""

CHECK = f"""
from govmodel.cli import main
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()):
    main(["check", {MODEL!r}])
"""

EVALUATE = f"""
from govmodel.cli import main
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()):
    main(["evaluate", {MODEL!r}])
"""


def run(code: str, cache: str) -> float:
    env = dict(os.environ, GOVMODEL_CACHE_DIR=cache)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - t


def best(code: str, repeat: int, cold: bool) -> float:
    times = []
    warm_dir = tempfile.mkdtemp(prefix="govmodel-bench-warm-")
    if not cold:
        run(code, warm_dir)  # fill the cache
    for _ in range(repeat):
        cache = tempfile.mkdtemp(prefix="govmodel-bench-cold-") if cold else warm_dir
        times.append(run(code, cache))
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    base = best(CHECK, args.repeat, cold=True)
    rows = [
        ("govmodel check A (baseline: start-up + load)", base),
        (
            "govmodel evaluate A (criteria, coverage, structure, sensitivity)",
            best(EVALUATE, args.repeat, cold=True),
        ),
        (
            "full evaluation, cold cache (all GF decisions, both indices, criteria)",
            best(FULL, args.repeat, cold=True),
        ),
        ("full evaluation, warm cache", best(FULL, args.repeat, cold=False)),
    ]
    print(
        f"nproc {os.cpu_count()}, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}"
    )
    print(f"{'run':72} {'wall s':>7} {'× baseline':>10}")
    for name, t in rows:
        print(f"{name:72} {t:7.2f} {t / base:10.1f}")


if __name__ == "__main__":
    main()
