"""A scenario file carries the legal readings it was made under (``readings:``): read with
located errors, written back, applied by ``--scenario`` (a ``--reading`` on the command line
wins), and the owners accessor the presentation uses instead of model ids."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from govmodel import changes as C
from govmodel.analysis.owners import (
    authority_groups,
    authority_members,
    principal_owner,
    turnout_group,
)
from govmodel.errors import ModelError
from govmodel.law.readings import Readings
from govmodel.load import load_model

ROOT = Path(__file__).resolve().parent.parent
A = ROOT / "models" / "ownership_a.yaml"
READING = "ks_contracting_authority"


def _scenario(tmp_path: Path, readings: str, name: str = "s.yaml") -> Path:
    f = tmp_path / name
    f.write_text(
        f"govmodel_scenario: 1\nname: readings\nbase: {A}\n{readings}changes: []\n",
        encoding="utf-8",
    )
    return f


def test_readings_are_read_applied_and_written_back(tmp_path: Path) -> None:
    f = _scenario(tmp_path, f"readings:\n  {READING}: 'no'\n")
    scenario = C.parse_scenario(f)
    assert scenario.readings == ((READING, "no"),)
    model = C.load_with_scenario(None, f)
    assert model.readings is not None and model.readings.value(READING) == "no"
    assert model.actors["ks"].contracting_authority is False
    # without the key the default applies: the reading changes the result
    plain = C.load_with_scenario(None, _scenario(tmp_path, "", "plain.yaml"))
    assert plain.actors["ks"].contracting_authority is True
    # written back and read again: the same scenario
    again = tmp_path / "again.yaml"
    again.write_text(C.to_yaml(scenario), encoding="utf-8")
    assert "readings:\n  ks_contracting_authority: 'no'\n" in again.read_text(encoding="utf-8")
    assert C.parse_scenario(again).readings == scenario.readings


def test_a_reading_given_on_the_command_line_wins_over_the_scenarios(tmp_path: Path) -> None:
    f = _scenario(tmp_path, f"readings:\n  {READING}: 'no'\n")
    scenario = C.parse_scenario(f)
    given = Readings.default().with_values({READING: "unsettled"})
    assert scenario.chosen_readings(given).value(READING) == "unsettled"
    assert scenario.chosen_readings(Readings.default()).value(READING) == "no"
    assert scenario.chosen_readings(None).value(READING) == "no"


def test_cli_applies_a_scenarios_readings(tmp_path: Path) -> None:
    f = _scenario(tmp_path, f"readings:\n  {READING}: 'no'\n")
    run = [sys.executable, "-m", "govmodel.cli", "evaluate", "--scenario", str(f), "--format"]
    out = subprocess.run([*run, "json"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert out.returncode == 0, out.stderr
    assert '"value": "no"' in out.stdout


@pytest.mark.parametrize(
    ("body", "line", "expect"),
    [
        (
            "readings:\n  ks_contracting_authorty: 'no'\n",
            5,
            "did you mean 'ks_contracting_authority'",
        ),
        (f"readings:\n  {READING}: maybe\n", 5, "has no alternative 'maybe'"),
        ("readings: [a, b]\n", 4, "readings must be a mapping"),
    ],
)
def test_bad_readings_are_located(tmp_path: Path, body: str, line: int, expect: str) -> None:
    with pytest.raises(ModelError) as exc:
        C.parse_scenario(_scenario(tmp_path, body))
    problem = exc.value.problems[0]
    assert expect in problem.message
    assert problem.loc.line == line


def test_principal_owner_and_authority_groups_come_from_the_model(tmp_path: Path) -> None:
    a = load_model(A)
    assert principal_owner(a) == "ks"
    assert authority_groups(a) == ("kommuner", "fylkeskommuner")
    # every contracting authority, grouped or not: KS holds its shares outside the groups
    assert authority_members(a) == ("kommuner", "fylkeskommuner", "ks")
    assert turnout_group(a) == "kommuner"
    # the largest block held by one actor: a holding company in B's variant, none in an IKS
    holding = load_model(ROOT / "models" / "variants" / "b_ks_holding.yaml")
    assert principal_owner(holding) == "ks_holding"
    assert principal_owner(load_model(ROOT / "models" / "variants" / "iks.yaml")) is None
    # changing the shares changes the answer
    ws = C.Workspace.open(ROOT / "models" / "variants" / "a_private.yaml")
    bigger = ws.with_changes(
        (C.SetHolding("privat_as", 26000), C.SetHolding("ks", 8400)), "private first"
    )
    assert principal_owner(bigger) == "privat_as"


def test_the_tuis_authorities_are_the_reports_authorities() -> None:
    """The what-if table's "authorities" column took the authority groups alone, leaving out KS,
    which holds its shares outside them: in model B it said the authorities pass an ordinary
    resolution only "periodic" (through KS's members' elections) where the report's "who can
    pass" says they pass it with their own votes. Both now ask about the same players."""
    from govmodel.power.structure import model_structure
    from tui import results as R

    for path in (A, ROOT / "models" / "ownership_b.yaml"):
        m = load_model(path)
        report = {f"{s.organ}.{s.decision}": s for s in model_structure(m)}
        effects = [e for e in R.effects(m) if e.key in report]
        assert len(effects) >= 10
        for e in effects:
            s = report[e.key]
            assert e.auth == (s.authorities_can_force, s.authorities_can_block), (path, e.key)


def test_the_owner_examples_in_the_docstrings_hold() -> None:
    import doctest
    import os

    import govmodel.analysis.owners

    cwd = os.getcwd()
    os.chdir(ROOT)  # the examples load models/… relative to the repository
    try:
        r = doctest.testmod(govmodel.analysis.owners)
    finally:
        os.chdir(cwd)
    assert r.failed == 0 and r.attempted >= 3
