"""Structures beyond A and B at the loader: members generated from any CSV member table, entries
repeated per member of a group, and IKS participants whose votes differ from their shares."""

from __future__ import annotations

import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from govmodel.errors import ModelError
from govmodel.load import load_model
from govmodel.power.voting import players

TABLE = """\
id,name,population,region
ale,Ale kommun,32000,O
alingsas,Alingsås kommun,42000,O
boras,Borås kommun,115000,O
"""

MODEL = """\
govmodel: 1
id: sweden
name: Ett delat bolag
source: "test"
groups:
  - {id: kommuner, generate: {file: members.csv, kind: kommune}, source: "test"}
company:
  id: bolag
  share_capital: 1000
  source: "test"
  holdings:
    - {group: kommuner, shares: 1000, allocate: population, source: "test"}
organs:
  - id: styre
    source: "test"
    seats:
      - {id: "rep_{id}", for_each: {group: kommuner}, holder: "{id}", source: "test"}
"""


def _write(tmp_path: Path, table: str = TABLE, model: str = MODEL) -> Path:
    (tmp_path / "members.csv").write_text(table, encoding="utf-8")
    p = tmp_path / "m.yaml"
    p.write_text(model, encoding="utf-8")
    return p


def test_members_come_from_a_csv_table_with_population_and_region(tmp_path: Path) -> None:
    m = load_model(_write(tmp_path))
    assert [(a.id, str(a.name), a.population, a.fylke) for a in m.actors.values()] == [
        ("ale", "Ale kommun", 32000, "O"),
        ("alingsas", "Alingsås kommun", 42000, "O"),
        ("boras", "Borås kommun", 115000, "O"),
    ]
    # allocation by population uses the table's figures: 1000 × 32000/189000 = 169.3 …
    assert {h.holder: h.shares for h in m.company.holdings} == {
        "ale": 169,
        "alingsas": 222,
        "boras": 609,
    }
    assert [s.holder for s in m.organs["styre"].seats] == ["ale", "alingsas", "boras"]


def test_changing_the_table_changes_the_model(tmp_path: Path) -> None:
    m = load_model(_write(tmp_path, TABLE.replace("115000", "16000")))
    assert {h.holder: h.shares for h in m.company.holdings}["boras"] == 178


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("id,name\nAle,x\n", "members.csv:2:1: id 'Ale' is not a valid id"),
        ("id,name\nale,x\nale,y\n", "members.csv:3:1: id ale appears twice (first on line 2)"),
        ("name,population\nx,1\n", "members.csv:1:1: member table lacks column(s) id"),
        ("id,name,population\nale,x,-5\n", "members.csv:2:1: population '-5' is not a whole"),
        ("id,name\nale,Ale\x1b[2J\n", "members.csv:2:1: name: text contains the control character"),
    ],
)
def test_a_bad_member_table_gives_located_errors(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(ModelError) as exc:
        load_model(_write(tmp_path, table))
    assert message in str(exc.value)


def test_a_member_table_that_is_a_fifo_is_named(tmp_path: Path) -> None:
    p = _write(tmp_path)
    (tmp_path / "members.csv").unlink()
    import os

    os.mkfifo(tmp_path / "members.csv")
    with pytest.raises(ModelError) as exc:
        load_model(p)
    assert "m.yaml:6:37: member table 'members.csv': is a FIFO (named pipe)" in str(exc.value)


IKS = """\
govmodel: 1
id: iks_test
name: Et interkommunalt selskap
source: "test"
actors:
  - {id: alfa, name: Alfa kommune, kind: kommune, contracting_authority: true, source: "t"}
  - {id: beta, name: Beta kommune, kind: kommune, contracting_authority: true, source: "t"}
  - {id: gamma, name: Gamma kommune, kind: kommune, contracting_authority: true, source: "t"}
company:
  id: selskap
  form: IKS
  share_capital: 100
  source: "t"
  holdings:
    - {holder: alfa, shares: 60, votes: {alfa}, source: "t"}
    - {holder: beta, shares: 30, votes: {beta}, source: "t"}
    - {holder: gamma, shares: 10, votes: {gamma}, source: "t"}
organs:
  - id: styre
    seats:
      - {id: member, count: 3, source: "t"}
"""


def _iks(tmp_path: Path, alfa: int, beta: int, gamma: int, form: str = "IKS") -> Path:
    p = tmp_path / "iks.yaml"
    text = IKS.replace("{alfa}", str(alfa)).replace("{beta}", str(beta))
    p.write_text(text.replace("{gamma}", str(gamma)).replace("form: IKS", f"form: {form}"))
    return p


def test_iks_votes_may_differ_from_the_shares(tmp_path: Path) -> None:
    m = load_model(_iks(tmp_path, 1, 1, 1))
    weights = {p.id: p.votes for p in players(m, "representantskap")}
    assert weights == {"alfa": Fraction(1), "beta": Fraction(1), "gamma": Fraction(1)}
    assert {p.id: p.capital for p in players(m, "representantskap")} == {
        "alfa": 60,
        "beta": 30,
        "gamma": 10,
    }
    # change the votes, change the game
    m2 = load_model(_iks(tmp_path, 5, 3, 1))
    assert {p.id: p.votes for p in players(m2, "representantskap")}["alfa"] == 5


def test_votes_on_an_as_holding_are_refused(tmp_path: Path) -> None:
    p = _iks(tmp_path, 1, 1, 1, form="AS")
    text = p.read_text().replace("kind: kommune", "kind: association")
    p.write_text(text)
    with pytest.raises(ModelError) as exc:
        load_model(p)
    assert "iks.yaml:15:41: a holding's votes follow its shares in company form AS" in str(
        exc.value
    )


def test_the_iks_example_text_is_dedented() -> None:
    assert textwrap.dedent(IKS) == IKS
