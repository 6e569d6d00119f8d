"""Benchmark: the speed targets of the power layer, whole process, against anchors in one run.

Run (``powerindex`` is installed for this run only; it is not a project dependency)::

    uv run --with powerindex python bench/bench_targets.py            # 5 rounds
    uv run --with powerindex python bench/bench_targets.py --rounds 3 --quick
    uv run --with powerindex python bench/bench_targets.py --rounds 7 --startup  # 40x rows only

Every task is a fresh ``python`` process (interpreter start-up, imports, loading the model and
the computation), pinned to one CPU with ``taskset -c 0`` where available, with the result
cache off (``GOVMODEL_NO_CACHE=1``) unless the row says "warm". The tasks are run in
interleaved rounds (A, B, C, … then again), so a change in the machine's load hits all of them
alike; each figure is the median of the rounds (wall and CPU seconds; CPU time is the figure
that a loaded machine distorts least), and its peak memory the child's maximum resident set
(``os.wait4``). One row times exact Shapley–Shubik for model A in one thread in process
(``bench/ss_one_core.py``, numba's import and cached code included; the kernel against an
earlier checkout is ``bench/ss_pair.py``). Ratios are against rows measured in the same run:

* ``powerindex`` (PyPI ``powerindex``, its ``px`` command) on the same weighted game as the
  anchor for exact Banzhaf, model A's general meeting (372 players, 100 000 votes, quota
  50 001);
* ``govmodel check`` of model A (start-up plus loading) as the floor every command pays.

A micro-benchmark then times one modulus of the Banzhaf coalition table (``Π (1 + x^w)``
truncated at the quota) with the numpy kernel and with python-flint's ``nmod_poly`` (a product
tree with truncated multiplication), in process.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_power import model_a_weights  # noqa: E402
from owners300 import model_text  # noqa: E402

MODEL_A = str(ROOT / "models" / "ownership_a.yaml")
PY = sys.executable

EU27 = (84359, 68173, 58997, 48059, 36754, 19055, 17811, 11743, 10828, 10552, 10440, 10511, 9600,
        9104, 6448, 5933, 5564, 5457, 5402, 4109, 2857, 1883, 1695, 1366, 921, 661, 542)  # fmt: skip

EU_SCRIPT = f"""
from fractions import Fraction
from govmodel.power.games import Atom, CompositeGame, quota_for
from govmodel.power.indices import power_indices
pop = {EU27!r}
n = len(pop)
g = CompositeGame(n, (Atom((1,) * n, 15), Atom(pop, quota_for(sum(pop), Fraction(65, 100), False)),
                      Atom((1,) * n, n - 3)),
                  ("any", (("all", (("atom", 0), ("atom", 1))), ("atom", 2))))
r = power_indices(g)
assert r.exact and sum(r.shapley_shubik) == 1
"""

FULL_A = f"""
import contextlib, io
from govmodel.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["power", {MODEL_A!r}, "--organ", "generalforsamling"])
    main(["evaluate", {MODEL_A!r}])
"""


def pinned(cmd: list[str]) -> list[str]:
    return ["taskset", "-c", "0", *cmd] if shutil.which("taskset") else cmd


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak resident MiB of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)[:200]}\n{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="skip the slowest rows")
    ap.add_argument(
        "--startup",
        action="store_true",
        help="only the whole-process rows of the 40x target: check A, power A Banzhaf, powerindex",
    )
    args = ap.parse_args()

    weights, _ = model_a_weights()
    tmp = Path(tempfile.mkdtemp(prefix="govmodel-bench-"))
    owners = tmp / "owners300.yaml"
    owners.write_text(model_text(300), encoding="utf-8")
    warm = tmp / "warm-cache"

    gm = [PY, "-m", "govmodel.cli"]
    px = shutil.which("px")
    tasks: dict[str, tuple[list[str], dict[str, str]]] = {}
    base = dict(os.environ)
    base.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with a warm bytecode cache, as users run
    cold = dict(base, GOVMODEL_NO_CACHE="1")
    warm_env = dict(base, GOVMODEL_CACHE_DIR=str(warm))
    warm_env.pop("GOVMODEL_NO_CACHE", None)
    tasks["check A (floor: start-up + load)"] = (gm + ["check", MODEL_A], cold)
    tasks["power A ordinary, exact Banzhaf"] = (
        gm + ["power", MODEL_A, "--decision", "ordinary", "--index", "banzhaf"],
        cold,
    )
    if px:
        tasks["powerindex px -i bz, same game"] = (
            [px, "-i", "bz", "-q", "50001", "-w", *map(str, weights)],
            cold,
        )
    if not args.startup:
        _add_slow_rows(tasks, args, gm, owners, cold, warm_env)
    _measure(tasks, args, weights, warm_env)


def _add_slow_rows(
    tasks: dict[str, tuple[list[str], dict[str, str]]],
    args: argparse.Namespace,
    gm: list[str],
    owners: Path,
    cold: dict[str, str],
    warm_env: dict[str, str],
) -> None:
    tasks["power A ordinary, exact Shapley-Shubik"] = (
        gm + ["power", MODEL_A, "--decision", "ordinary", "--index", "shapley-shubik"],
        cold,
    )
    one_core = [PY, str(ROOT / "bench" / "ss_one_core.py"), "50001"]
    tasks["SS A ordinary, one thread in process (compiled table)"] = (one_core, cold)
    tasks["EU Council 27, double majority, exact both"] = ([PY, "-c", EU_SCRIPT], cold)
    tasks["evaluate, 300-owner company"] = (gm + ["evaluate", str(owners)], cold)
    tasks["evaluate A"] = (gm + ["evaluate", MODEL_A], cold)
    if not args.quick:
        tasks["full A cold: power (13 decisions, both) + evaluate"] = ([PY, "-c", FULL_A], cold)
    tasks["full A warm cache"] = ([PY, "-c", FULL_A], warm_env)


def _measure(
    tasks: dict[str, tuple[list[str], dict[str, str]]],
    args: argparse.Namespace,
    weights: list[int],
    warm_env: dict[str, str],
) -> None:
    print(f"machine: nproc={os.cpu_count()}, Python {platform.python_version()}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"pinned to one CPU: {'yes (taskset -c 0)' if shutil.which('taskset') else 'no'}")
    if not args.startup:  # fill the warm cache and the bytecode cache
        run_once(pinned([PY, "-c", FULL_A]), warm_env)
    for name, (cmd, env) in tasks.items():  # one unmeasured round: bytecode of every module
        if not name.startswith(("powerindex", "SS A")) and "full A" not in name:
            run_once(pinned(cmd), env)
    times: dict[str, list[float]] = {k: [] for k in tasks}
    cpus: dict[str, list[float]] = {k: [] for k in tasks}
    mem: dict[str, float] = {k: 0.0 for k in tasks}
    for _ in range(args.rounds):
        for name, (cmd, env) in tasks.items():
            w, c, m = run_once(pinned(cmd), env)
            times[name].append(w)
            cpus[name].append(c)
            mem[name] = max(mem[name], m)
    med = {k: statistics.median(v) for k, v in times.items()}
    cpu = {k: statistics.median(v) for k, v in cpus.items()}
    floor = med["check A (floor: start-up + load)"]
    anchor = med.get("powerindex px -i bz, same game")
    anchor_cpu = cpu.get("powerindex px -i bz, same game")
    print()
    print(f"{'task (whole process, median of ' + str(args.rounds) + ')':52} {'s':>7} {'CPU s':>6} "
          f"{'MiB':>6} {'x check':>8} {'powerindex / this':>18} {'(CPU)':>7}")  # fmt: skip
    for name in tasks:
        ratio = f"{anchor / med[name]:.1f}x" if anchor else "n/a"
        ratio_cpu = f"{anchor_cpu / cpu[name]:.1f}x" if anchor_cpu else "n/a"
        print(f"{name:52} {med[name]:7.2f} {cpu[name]:6.2f} {mem[name]:6.0f} "
              f"{med[name] / floor:8.2f} {ratio:>18} {ratio_cpu:>7}")  # fmt: skip
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.startup:
        kernels(weights)


def kernels(weights: list[int]) -> None:
    """One modulus of the Banzhaf table, numpy kernel against python-flint, in process."""
    import flint
    import numpy as np

    from govmodel.power import kernels as K
    from govmodel.power.modular import _primes_for_bits

    q = 50001
    p = _primes_for_bits(100)[1]  # a prime just below 2**32
    rest = sorted(weights)

    def numpy_table() -> object:
        # lane 0 of the numpy kernel is always 2**64 (wrap-around); the prime is lane 1
        return K._dsums_1d(rest, q - 1, [(0, q - 1)], [1 << 64, p])

    def flint_table() -> object:
        polys = []
        for w in rest:
            c = [0] * (w + 1)
            c[0] = 1
            c[w] = 1
            polys.append(flint.nmod_poly(c, p))
        while len(polys) > 1:
            nxt = [a.mul_low(b, q) for a, b in zip(polys[0::2], polys[1::2], strict=False)]
            if len(polys) % 2:
                nxt.append(polys[-1])
            polys = nxt
        return polys[0]

    def med(f) -> float:
        ts = []
        for _ in range(5):
            t = time.perf_counter()
            f()
            ts.append(time.perf_counter() - t)
        return statistics.median(ts)

    a = np.asarray(numpy_table()[(0, q - 1)]).ravel()[1]
    coeffs = flint_table().coeffs()
    assert int(a) == sum(int(c) for c in coeffs) % p  # the same table, summed below the quota
    tn, tf = med(numpy_table), med(flint_table)
    print()
    print(
        "one modulus of the Banzhaf table (model A, weights below 50 001), in process, median of 5:"
    )
    print(f"  numpy kernel (add shifted copies; 2 lanes: 2**64 and the prime) {tn * 1000:8.1f} ms")
    print(f"  python-flint nmod_poly product tree     {tf * 1000:8.1f} ms   ({tf / tn:.1f}x numpy)")


if __name__ == "__main__":
    main()
