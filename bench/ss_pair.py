"""Benchmark: exact Shapley–Shubik of model A in one thread, this checkout against another one.

Run from a checkout, naming a second checkout of the project (e.g. ``git archive`` of the
previous commit unpacked in a directory; it uses this checkout's interpreter and packages)::

    uv run python bench/ss_pair.py --base /tmp/before --rounds 3 66667 50001

Each quota runs ``bench/ss_one_core.py QUOTA`` of each checkout as a fresh process pinned to
CPU 0 (``taskset -c 0`` when available), the two checkouts alternating within each round so a
change in the machine's load hits both alike; with ``--many`` it computes the general meeting's
three quotas (50 001, 66 667, 90 001) in one table instead. Printed: the median CPU seconds
(user + system, ``os.wait4``), the peak resident memory and the ratio; each run also prints a
checksum of the indices, and the two checkouts must agree on it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MANY = """
import hashlib, sys
sys.path.insert(0, {bench!r})
import govmodel.power.kernels as kernels
from bench_power import model_a_weights
from govmodel.power.weighted import exact_weighted_many
kernels._cpu_count = lambda: 1
w, _ = model_a_weights()
r = exact_weighted_many(tuple(w), [50001, 66667, 90001], True, True)
print(hashlib.sha256(repr([r[q].shapley_shubik for q in sorted(r)]).encode()).hexdigest())
"""

ONE = """
import hashlib, sys
sys.path.insert(0, {bench!r})
import govmodel.power.kernels as kernels
from bench_power import model_a_weights
from govmodel.power.games import WeightedGame
from govmodel.power.indices import power_indices
kernels._cpu_count = lambda: 1
w, _ = model_a_weights()
r = power_indices(WeightedGame(tuple(w), {quota}))
print(hashlib.sha256(repr(r.shapley_shubik).encode()).hexdigest())
"""


def run(checkout: Path, code: str) -> tuple[float, float, str]:
    cmd = [sys.executable, "-c", code]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    env = dict(os.environ, PYTHONPATH=str(checkout), GOVMODEL_NO_CACHE="1")
    proc = subprocess.Popen(cmd, cwd=checkout, env=env, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    out = proc.stdout.read().decode().strip()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed in {checkout}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("quotas", type=int, nargs="*", default=[66_667])
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--many", action="store_true", help="the three quotas in one table")
    args = ap.parse_args()
    here, base = ROOT, args.base.resolve()
    tasks = {"three quotas": MANY} if args.many else {f"quota {q}": ONE for q in args.quotas}
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, template in tasks.items():
        quota = name.split()[-1]
        cpu: dict[Path, list[float]] = {here: [], base: []}
        mem: dict[Path, float] = {here: 0.0, base: 0.0}
        sums: set[str] = set()
        for _ in range(args.rounds):
            for c in (base, here):
                code = template.format(bench=str(c / "bench"), quota=quota)
                t, m, out = run(c, code)
                cpu[c].append(t)
                mem[c] = max(mem[c], m)
                sums.add(out)
        assert len(sums) == 1, "the two checkouts disagree"
        b, h = statistics.median(cpu[base]), statistics.median(cpu[here])
        print(
            f"{name}: base {b:.2f} s CPU ({mem[base]:.0f} MiB), this {h:.2f} s CPU "
            f"({mem[here]:.0f} MiB), this / base {h / b:.2f}; indices identical"
        )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
