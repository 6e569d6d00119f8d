"""Benchmark: exact power indices of model A's general meeting against a pure-Python baseline.

Run with ``uv run python bench/bench_power.py`` (add ``--quick`` for fewer repeats).

Model A: KS 33 400 shares; the 357 kommuner share 49 900 in proportion to population and the
14 fylkeskommuner 16 700 in proportion to their fylke's population (largest remainder);
372 players, total 100 000, ordinary resolution "more than half" = 50 001.

Timings are the best of several repeats (``time.perf_counter``). The baseline
(``bench/baseline.py``) has no sharing between players, so its total is the per-player time
times the number of players; where it would run for too long it is timed on a stated subset and
extrapolated, and those figures are marked as such.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline  # noqa: E402
import numpy as np  # noqa: E402

from govmodel.apportion import largest_remainder  # noqa: E402
from govmodel.population import load_population  # noqa: E402
from govmodel.power import WeightedGame, power_indices, quota_for  # noqa: E402


def model_a_weights() -> tuple[list[int], list[str]]:
    """KS, then the kommuner in file order, then the fylkeskommuner in fylke order."""
    pop = load_population()
    kw = largest_remainder(49_900, {k.nr: k.population for k in pop.kommuner})
    fyl = [f for f in pop.fylker if f.has_fylkeskommune]
    fw = largest_remainder(16_700, {f.nr: f.population for f in fyl})
    weights = [33_400] + [kw[k.nr] for k in pop.kommuner] + [fw[f.nr] for f in fyl]
    names = ["KS"] + [k.name for k in pop.kommuner] + [f"{f.name} fylkeskommune" for f in fyl]
    return weights, names


def best_of(repeats: int, f: Callable[[], object]) -> tuple[float, object]:
    """Best wall-clock time of ``repeats`` runs (``time.perf_counter``) and the result."""
    best, _cpu, out = best_of_cpu(repeats, f)
    return best, out


def best_of_cpu(repeats: int, f: Callable[[], object]) -> tuple[float, float, object]:
    """Best wall-clock time, the process CPU time of that run (all threads), and the result."""
    best = cpu = float("inf")
    out = None
    for _ in range(repeats):
        c = time.process_time()
        t = time.perf_counter()
        out = f()
        dt = time.perf_counter() - t
        if dt < best:
            best, cpu = dt, time.process_time() - c
    return best, cpu, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats and baseline samples")
    args = ap.parse_args()
    reps_bz, reps_ss = (3, 1) if args.quick else (7, 3)

    weights, names = model_a_weights()
    n = len(weights)
    total = sum(weights)
    q = quota_for(total, Fraction(1, 2), strict=True)
    game = WeightedGame(tuple(weights), q)
    kommuner = weights[1:358]
    print(
        f"machine: nproc={os.cpu_count()}, Python {platform.python_version()}, numpy {np.__version__}"
    )
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"model A: n={n}, total={total}, quota={q}, distinct weights={len(set(weights))} "
        f"(kommuner {len(set(kommuner))}, range {min(kommuner)}..{max(kommuner)})"
    )

    # ---- ours
    t_bz, c_bz, r_bz = best_of_cpu(reps_bz, lambda: power_indices(game, indices=("banzhaf",)))
    t_ss, c_ss, r_ss = best_of_cpu(
        reps_ss, lambda: power_indices(game, indices=("shapley_shubik",))
    )
    t_both, c_both, r_both = best_of_cpu(reps_ss, lambda: power_indices(game))
    assert r_both.swings == r_bz.swings and r_both.shapley_shubik == r_ss.shapley_shubik
    assert sum(r_bz.banzhaf) == 1 and sum(r_ss.shapley_shubik) == 1

    # ---- baseline, Banzhaf: a few players, each compared, extrapolated to all n players
    smallest = 1 + kommuner.index(min(kommuner))
    largest = 1 + kommuner.index(max(kommuner))
    subset = [0, largest, smallest] if not args.quick else [smallest]
    times = []
    for i in subset:
        t0 = time.perf_counter()
        s = baseline.banzhaf_swings_player(weights, q, i)
        times.append(time.perf_counter() - t0)
        assert s == r_bz.swings[i], (i, s, r_bz.swings[i])
    t_bz_base = sum(times) / len(times) * n

    # ---- baseline, Shapley–Shubik: (a) exact agreement on a reduced game run in full
    red_idx = [0] + list(range(1, 358, 22)) + list(range(358, n))
    red_w = [max(1, weights[i] // 100) for i in red_idx]
    red_q = quota_for(sum(red_w), Fraction(1, 2), strict=True)
    t_red_base, red_base = best_of(1, lambda: baseline.shapley_shubik_all(red_w, red_q))
    t_red_ours, red_ours = best_of(3, lambda: power_indices(WeightedGame(tuple(red_w), red_q)))
    assert list(red_ours.shapley_shubik) == red_base
    assert list(red_ours.swings) == baseline.banzhaf_all(red_w, red_q)
    # (b) throughput on model A itself: the first `steps` multiplications for one player
    steps = 25 if args.quick else 40
    t0 = time.perf_counter()
    _, cells = baseline.shapley_shubik_counts_player(weights, q, smallest, max_steps=steps)
    t_part = time.perf_counter() - t0
    rate = cells / t_part
    cells_all = sum(baseline.shapley_shubik_cells_player(weights, q, i) for i in range(n))
    t_ss_base = cells_all / rate

    print()
    print(
        f"{'task (model A, all ' + str(n) + ' players)':44} {'ours [s]':>10} {'(CPU s)':>8} "
        f"{'baseline [s]':>14} {'speed-up':>10}"
    )
    print(
        f"{'exact Banzhaf':44} {t_bz:10.3f} {c_bz:8.2f} {t_bz_base:13.1f}* {t_bz_base / t_bz:9.0f}x"
    )
    print(
        f"{'exact Shapley-Shubik':44} {t_ss:10.3f} {c_ss:8.2f} {t_ss_base:13.3g}** "
        f"{t_ss_base / t_ss:8.3g}x"
    )
    print(f"{'both indices in one call':44} {t_both:10.3f} {c_both:8.2f}")
    print(
        f"{'reduced game, SS+Banzhaf, ' + str(len(red_w)) + ' players, q=' + str(red_q):44} "
        f"{t_red_ours:10.3f} {'':8} {t_red_base:14.2f} {t_red_base / t_red_ours:9.0f}x"
    )
    print()
    print(
        f"*  baseline Banzhaf timed on {len(subset)} player(s) {subset} (mean "
        f"{sum(times) / len(times):.2f} s each; results identical to ours) and multiplied by n={n}"
    )
    print(
        f"** baseline Shapley-Shubik EXTRAPOLATED: {steps} of the {n - 1} multiplications for one "
        f"player ran in {t_part:.2f} s ({cells:.3g} cell updates, {rate:.3g}/s); all players "
        f"need {cells_all:.3g} updates -> {t_ss_base / 3600:.1f} h"
    )
    print(
        "   exact agreement of the baseline with ours (Banzhaf and Shapley-Shubik, all players) "
        "checked on the reduced game (KS, every 22nd kommune, the fylkeskommuner; weights // 100)"
    )
    print(
        f"checks: identical results; sum of Banzhaf = {sum(r_bz.banzhaf)}, sum of SS = "
        f"{sum(r_ss.shapley_shubik)}; KS: Banzhaf {float(r_bz.banzhaf[0]):.6f}, "
        f"SS {float(r_ss.shapley_shubik[0]):.6f}; {names[largest]}: Banzhaf "
        f"{float(r_bz.banzhaf[largest]):.6f}, SS {float(r_ss.shapley_shubik[largest]):.6f}"
    )
    print(
        f"targets (wall clock): Banzhaf < 0.15 s: {'met' if t_bz < 0.15 else 'NOT met'}; "
        f"Shapley-Shubik < 3 s: {'met' if t_ss < 3 else 'NOT met'}"
    )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
