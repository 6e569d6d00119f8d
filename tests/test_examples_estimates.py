"""Estimated indices show the 95 % intervals the power header promises, and the intervals hold
the exact values.

tests/data/two_weights.yaml is a rule over two different weights (votes and capital differ:
the association's A shares carry ten votes each) with 21 shareholders, so `govmodel power`
estimates it. The exact indices are computed here by enumerating all 2^21 coalitions (numpy),
independently of the engine; the estimate uses a fixed seed, so the test is deterministic.
"""

from __future__ import annotations

import json
from math import factorial
from pathlib import Path

import numpy as np

from govmodel.load import load_model
from govmodel.power.voting import players

DATA = Path(__file__).resolve().parent / "data"
MODEL = DATA / "two_weights.yaml"


def exact_by_enumeration(votes: list[int], capital: list[int]):
    """Absolute Banzhaf and Shapley–Shubik of "at least 2/3 of the votes and at least 2/3 of the
    capital" (everyone present), by visiting every coalition."""
    n = len(votes)
    masks = np.arange(1 << n, dtype=np.int64)
    v = np.zeros(1 << n, dtype=np.int64)
    c = np.zeros(1 << n, dtype=np.int64)
    size = np.zeros(1 << n, dtype=np.int64)
    for i in range(n):
        has = (masks >> i) & 1
        v += has * votes[i]
        c += has * capital[i]
        size += has
    wins = (3 * v >= 2 * sum(votes)) & (3 * c >= 2 * sum(capital))
    weight = np.array([factorial(k) * factorial(n - k - 1) / factorial(n) for k in range(n)])
    bz, ss = [], []
    for i in range(n):
        without = masks[((masks >> i) & 1) == 0]
        swing = wins[without | (1 << i)] & ~wins[without]
        bz.append(swing.sum() / (1 << (n - 1)))
        ss.append(weight[size[without[swing]]].sum())
    return bz, ss


def test_estimated_indices_carry_intervals_that_hold_the_exact_values(run_cli) -> None:
    res = run_cli(
        "power", MODEL, "--decision", "articles", "--format", "json", "--samples", "20000"
    )
    assert res.code == 0, res.err
    doc = json.loads(res.out)
    assert doc["exact"] is False and doc["samples"] == 20000
    m = load_model(MODEL)
    ps = players(m, "generalforsamling")
    bz, ss = exact_by_enumeration([int(p.votes) for p in ps], [p.capital for p in ps])
    rows = {r["id"]: r for r in doc["players"]}
    misses = 0
    for p, b, s in zip(ps, bz, ss, strict=True):
        r = rows[p.id]
        assert r["banzhaf_raw_ci95"] > 0 and r["shapley_shubik_ci95"] > 0
        misses += abs(r["banzhaf_raw"] - b) > r["banzhaf_raw_ci95"]
        misses += abs(r["shapley_shubik"] - s) > r["shapley_shubik_ci95"]
    # 42 intervals at 95 %: about two may miss; the seed is fixed, so this does not flake
    assert misses <= 4, misses
    # the intervals are not vacuous: a wrong value (the other index) falls outside them
    assert (
        sum(
            abs(rows[p.id]["banzhaf_raw"] - s) > rows[p.id]["banzhaf_raw_ci95"]
            for p, s in zip(ps, ss, strict=True)
        )
        > 10
    )


def test_the_text_shows_an_interval_on_every_row(run_cli) -> None:
    res = run_cli(
        "power", MODEL, "--decision", "articles", "--samples", "5000", "--top", "0", "--lang", "en"
    )
    assert res.code == 0, res.err
    lines = res.out.splitlines()
    assert any("± is a 95% confidence interval" in line for line in lines)
    rows = [line for line in lines if line.startswith(("Foreningen", "Medlem"))]
    assert len(rows) == 21 and all(line.count("±") == 2 for line in rows)
