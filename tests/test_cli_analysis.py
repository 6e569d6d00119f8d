"""The analysis commands: output shape, exit codes, and facts they report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govmodel.cli import main

ROOT = Path(__file__).resolve().parent.parent
A = str(ROOT / "models" / "ownership_a.yaml")
B = str(ROOT / "models" / "ownership_b.yaml")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_power_json_b_eierstrategi(capsys):
    code, out, _ = run(
        capsys,
        "power",
        B,
        "--organ",
        "generalforsamling",
        "--decision",
        "eierstrategi",
        "--format",
        "json",
    )
    assert code == 0
    doc = json.loads(out)
    assert set(doc) >= {"model", "organ", "decision", "rule", "quota", "exact", "players"}
    assert doc["model"] == "ownership_b" and doc["quota"] == 50001 and doc["exact"] is True
    (ks,) = doc["players"]
    assert ks["id"] == "ks" and ks["weight"] == 100000
    assert ks["banzhaf"] == 1.0 and ks["shapley_shubik"] == 1.0


def test_power_unknown_decision_is_a_located_usage_error(capsys):
    code, _, err = run(capsys, "power", B, "--decision", "ordinery")
    assert code == 2
    assert "did you mean 'ordinary'" in err and "Traceback" not in err


def test_power_chains_is_marked_estimated(capsys):
    code, out, _ = run(capsys, "power", B, "--chains", "--samples", "200", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["exact"] is False and doc["samples"] == 200
    assert {p["id"] for p in doc["players"]} >= {"k0301", "fk46"}


def test_coalition_json_a_ks_blocks_articles(capsys):
    code, out, _ = run(
        capsys,
        "coalition",
        A,
        "--members",
        "ks",
        "--organ",
        "generalforsamling",
        "--format",
        "json",
    )
    assert code == 0
    doc = json.loads(out)
    by_key = {(d["organ"], d["decision"]): d for d in doc["decisions"]}
    art = by_key[("generalforsamling", "articles")]
    assert art["block"]["possible"] is True and art["block"]["level"] == "firm"
    assert art["force"]["possible"] is False
    assert by_key[("generalforsamling", "ordinary")]["block"]["possible"] is False


def test_coalition_text_names_the_chain(capsys):
    code, out, _ = run(
        capsys, "coalition", B, "--members", "kommuner", "--organ", "generalforsamling"
    )
    assert code == 0
    flat = " ".join(out.split())
    assert "which elects Hovedstyret i KS (periodic), which instructs KS" in flat
    assert "Adopt the eierstrategi (General meeting)" in flat


@pytest.mark.parametrize(
    "cmd",
    [["coalition", "--members", "kommunr"], ["coalition", "--members", "ks", "--organ", "styret"]],
)
def test_coalition_bad_ids(capsys, cmd):
    code, _, err = run(capsys, cmd[0], A, *cmd[1:])
    assert code == 2 and "did you mean" in err


def test_analysis_commands_refuse_a_bad_model_with_located_errors(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "govmodel: 1\nid: x\nname: x\nsource: test\ncompany: {id: c, form: AS, share_capital: 10, holdings: [{holder: nobody, shares: 10, source: t}], source: t}\n"
    )
    for argv in (
        ["power", str(bad)],
        ["coalition", str(bad), "--members", "x"],
        ["show", str(bad)],
    ):
        code, _, err = run(capsys, *argv)
        assert code == 2
        assert f"{bad}:5:" in err and "unknown holder 'nobody'" in err
        assert "Traceback" not in err


def test_disk_cache_returns_the_same_exact_indices(tmp_path, monkeypatch):
    from govmodel.power import cache
    from govmodel.power.decision import _cached_indices
    from govmodel.power.games import WeightedGame

    monkeypatch.setenv("GOVMODEL_CACHE_DIR", str(tmp_path))
    cache.clear_memory()
    game = WeightedGame((4, 4, 4, 2, 2, 1), 12)  # EEC Council of Ministers 1958
    fresh = _cached_indices(game, ("banzhaf", "shapley_shubik"), 100, 1)
    assert len(list((tmp_path / "power").glob("*.json"))) == 1
    cache.clear_memory()
    again = _cached_indices(game, ("banzhaf", "shapley_shubik"), 100, 1)
    assert "cached" in again.method.render(str)
    assert again.swings == fresh.swings and again.shapley_shubik == fresh.shapley_shubik
    assert again.banzhaf == fresh.banzhaf and again.banzhaf_raw == fresh.banzhaf_raw
    assert again.banzhaf[5] == 0  # Luxembourg is a dummy
    cache.clear_memory()


def test_unanimity_reduces_to_a_weighted_game():
    from govmodel.load import load_model
    from govmodel.power.decision import decision_power

    m = load_model(A)
    dp = decision_power(m, "generalforsamling", "articles_unanimous")
    assert dp.exact and dp.quota == len(dp.players)
    assert len(set(dp.result.shapley_shubik)) == 1  # everyone holds a veto: all equal


def test_tui_refuses_a_bad_model_before_starting(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("govmodel: 1\nid: x\nname: x\nsource: t\norgans: 3\n")
    code, _, err = run(capsys, "tui", str(bad))
    assert code == 2
    assert f"{bad}:5:" in err and "Traceback" not in err
