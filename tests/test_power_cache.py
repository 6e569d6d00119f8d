"""The result cache treats its files as untrusted input: any tampered, truncated, planted or
misplaced entry is ignored and recomputed, never shown as an exact cached result."""

from __future__ import annotations

import json
import os
import threading
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govmodel.power import cache
from govmodel.power.games import VetoWeightedGame, WeightedGame
from govmodel.power.indices import power_indices

GAME = WeightedGame((4, 4, 4, 2, 2, 1), 12)  # EEC Council of Ministers 1958
IDX = ("banzhaf", "shapley_shubik")
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("GOVMODEL_NO_CACHE", raising=False)
    monkeypatch.setenv("GOVMODEL_CACHE_DIR", str(tmp_path))
    cache.clear_memory()
    yield tmp_path / "power"
    cache.clear_memory()


def _entry(cache_home: Path, game=GAME) -> Path:
    cache.store(game, IDX, power_indices(game, indices=IDX))
    (path,) = cache_home.glob("*.json")
    return path


def test_a_valid_entry_is_used_and_says_so(cache_home):
    _entry(cache_home)
    hit = cache.load(GAME, IDX, GAME.weights)
    assert hit is not None and "cached result, checked" in hit.method.render(str)
    assert hit.shapley_shubik == power_indices(GAME).shapley_shubik


@pytest.mark.parametrize(
    "edit",
    [
        "negative_swing",
        "swap_players",
        "other_game",
        "ss_sum",
        "checksum_recomputed_swap",
        "foreign_method",
        "method_fields",
        "truncate",
        "not_json",
    ],
)
def test_tampered_entries_are_ignored(cache_home, edit):
    path = _entry(cache_home)
    doc = json.loads(path.read_text())
    res = doc["result"]
    if edit == "negative_swing":
        res["swings"][0] = "-3"
    elif edit == "swap_players":
        res["shapley_shubik"][0], res["shapley_shubik"][5] = (
            res["shapley_shubik"][5],
            res["shapley_shubik"][0],
        )
    elif edit == "other_game":
        doc["game"] = ["weighted", [4, 4, 4, 2, 2, 1], 13]
    elif edit == "ss_sum":
        res["shapley_shubik"][5] = "1/30"
    if edit == "checksum_recomputed_swap":  # a careful forger also fixes the checksum
        res["swings"][0], res["swings"][5] = res["swings"][5], res["swings"][0]
        doc["result_sha256"] = cache._digest(res)
    if edit == "foreign_method":  # a method the engine never writes (a format-string probe)
        res["method"] = {"text": "{x.__class__.__mro__}", "args": [["x", "1"]]}
        doc["result_sha256"] = cache._digest(res)
    if edit == "method_fields":  # the engine's template with a field it does not have
        res["method"] = {"text": res["method"]["text"], "args": [["quotas", 2]]}
        doc["result_sha256"] = cache._digest(res)
    text = json.dumps(doc)
    if edit == "truncate":
        text = path.read_text()[:-40]
    if edit == "not_json":
        text = "\x00" * 10
    path.write_text(text)
    assert cache.load(GAME, IDX, GAME.weights) is None
    # the command path recomputes and rewrites a good entry
    r = cache.cached_indices(GAME, IDX, lambda: power_indices(GAME, indices=IDX), GAME.weights)
    assert (
        "cached" not in r.method.render(str)
        and r.shapley_shubik == power_indices(GAME).shapley_shubik
    )
    assert cache.load(GAME, IDX, GAME.weights) is not None


@SETTINGS
@given(st.data())
def test_any_byte_change_is_ignored_or_harmless(cache_home, data):
    path = _entry(cache_home, VetoWeightedGame((5, 3, 3, 2, 1), 8, frozenset({0})))
    game = VetoWeightedGame((5, 3, 3, 2, 1), 8, frozenset({0}))
    truth = power_indices(game, indices=IDX)
    raw = bytearray(path.read_bytes())
    kind = data.draw(st.sampled_from(["flip", "cut", "insert"]))
    pos = data.draw(st.integers(0, len(raw) - 1))
    if kind == "flip":
        raw[pos] = data.draw(st.integers(0, 255).filter(lambda b: b != raw[pos]))
    elif kind == "cut":
        raw = raw[:pos]
    else:
        raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=8))
    path.write_bytes(bytes(raw))
    hit = cache.load(game, IDX, None)
    if hit is not None:  # only a change that leaves every value intact may be accepted
        assert hit.swings == truth.swings and hit.shapley_shubik == truth.shapley_shubik
        assert hit.banzhaf == truth.banzhaf and hit.banzhaf_raw == truth.banzhaf_raw


def test_files_we_cannot_trust_are_ignored(cache_home, tmp_path):
    path = _entry(cache_home)
    os.chmod(path, 0o666)  # writable by others: anybody could have planted it
    assert cache.load(GAME, IDX, GAME.weights) is None
    os.chmod(path, 0o600)
    assert cache.load(GAME, IDX, GAME.weights) is not None
    good = tmp_path / "elsewhere.json"
    path.rename(good)
    path.symlink_to(good)  # a symlink is not followed
    assert cache.load(GAME, IDX, GAME.weights) is None


def test_relative_xdg_cache_home_and_empty_home_are_ignored(monkeypatch, tmp_path):
    monkeypatch.delenv("GOVMODEL_CACHE_DIR", raising=False)
    monkeypatch.delenv("GOVMODEL_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / ".cache" / "govmodel" / "power"
    monkeypatch.setenv("HOME", "")
    assert cache.cache_dir() is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "x" / "govmodel" / "power"
    monkeypatch.setenv("GOVMODEL_CACHE_DIR", "also/relative")
    assert cache.cache_dir() == tmp_path / "x" / "govmodel" / "power"
    monkeypatch.setenv("GOVMODEL_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_no_valid_location_writes_nothing(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOVMODEL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "rel")
    monkeypatch.setenv("HOME", "")
    cache.clear_memory()
    cache.cached_indices(GAME, IDX, lambda: power_indices(GAME, indices=IDX))
    assert list(tmp_path.iterdir()) == []
    cache.clear_memory()


def test_concurrent_writers_leave_one_valid_entry(cache_home):
    r = power_indices(GAME, indices=IDX)
    start = threading.Barrier(8)

    def writer() -> None:
        start.wait()
        for _ in range(20):
            cache.store(GAME, IDX, r)

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [p.suffix for p in cache_home.iterdir()] == [".json"]  # no stray temporary files
    hit = cache.load(GAME, IDX, GAME.weights)
    assert hit is not None and hit.shapley_shubik == r.shapley_shubik


def test_estimates_are_never_cached_on_disk(cache_home):
    from govmodel.power.result import PowerResult

    est = PowerResult(6, "Monte Carlo", False, shapley_shubik=(Fraction(1, 6),) * 6)
    cache.store(GAME, ("shapley_shubik",), est)
    assert not cache_home.exists() or not list(cache_home.iterdir())
