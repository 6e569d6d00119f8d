"""Benchmark: whole-process CPU time of everyday commands, this checkout against another one.

Run from a checkout, naming a second checkout (e.g. a ``git worktree`` of the previous commit)
whose own ``.venv`` is set up::

    uv run python bench/bench_startup.py --base ../before --rounds 9

Each command runs as a fresh process of each checkout's ``.venv/bin/python``, pinned to CPU 0
(``taskset -c 0`` when available), with the result cache off (``GOVMODEL_NO_CACHE=1``) and a warm
bytecode cache (one unmeasured round first). The two checkouts alternate within each round, so a
change in the machine's load hits both alike. Printed: the minimum and the median of the child's
CPU time (user + system, ``os.wait4``) and their ratio; on a shared machine compare the ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [
    ["check", "models/ownership_a.yaml"],
    ["power", "models/ownership_a.yaml", "--decision", "ordinary", "--index", "banzhaf"],
    ["evaluate", "models/ownership_a.yaml"],
    ["evaluate", "models/ownership_a.yaml", "--format", "md"],
]


def cpu_seconds(checkout: Path, args: list[str], env: dict[str, str]) -> float:
    cmd = [str(checkout / ".venv" / "bin" / "python"), "-m", "govmodel.cli", *args]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    proc = subprocess.Popen(
        cmd, cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"failed in {checkout}: {' '.join(args)}\n{err[-2000:]}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", type=Path, required=True, help="the checkout to compare against")
    ap.add_argument("--rounds", type=int, default=9)
    args = ap.parse_args()
    env = dict(os.environ, GOVMODEL_NO_CACHE="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    sides = {"base": args.base.resolve(), "this": ROOT}
    for cmd in COMMANDS:  # unmeasured: bytecode caches
        for checkout in sides.values():
            cpu_seconds(checkout, cmd, env)
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.rounds):
        for cmd in COMMANDS:
            for side, checkout in sides.items():
                times.setdefault((" ".join(cmd), side), []).append(cpu_seconds(checkout, cmd, env))
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'command (CPU s, ' + str(args.rounds) + ' rounds)':70} {'base min/med':>14} "
          f"{'this min/med':>14} {'this/base':>9}")  # fmt: skip
    for cmd in COMMANDS:
        name = " ".join(cmd)
        b, t = times[(name, "base")], times[(name, "this")]
        print(f"{name:70} {min(b):6.3f}/{statistics.median(b):6.3f} "
              f"{min(t):6.3f}/{statistics.median(t):6.3f} "
              f"{statistics.median(t) / statistics.median(b):9.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
