"""Property tests: mutated model files (raw text and parsed structure) only ever make the loader
raise ModelError (never another exception, never a hang), and every reported problem is located
in a real file."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govmodel.errors import ModelError
from govmodel.load import load_model

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "small_model.yaml"

# A model using the features the small model does not: generated groups, for_each, select,
# per-fylke seat counts, share classes, class consent, cited rules, turnout fractions, digifin.
FEATURES = """\
govmodel: 1
id: features
name: {nb: Funksjoner, en: Features}
source: "property test"
population: "builtin:kommuner-2024"
actors:
  - {id: ks, name: KS, kind: association, contracting_authority: uncertain, source: "t"}
  - {id: "leder_{nr}", for_each: fylke, name: "Leder {name}", kind: role, source: "t"}
groups:
  - {id: kommuner, generate: kommuner, source: "t"}
  - {id: fylkeskommuner, generate: fylkeskommuner, source: "t"}
  - {id: alle, members: [kommuner, fylkeskommuner], source: "t"}
  - {id: "alle_{nr}", for_each: fylke, select: {from: alle, fylke: "{nr}"}, source: "t"}
  - {id: ledere, members: ["leder_{nr}"], source: "t"}
company:
  id: selskap
  form: AS
  share_capital: 10000
  source: "t"
  share_classes:
    - {id: a, votes_per_share: 1}
    - {id: b, votes_per_share: "1/10"}
  holdings:
    - {holder: ks, shares: 4000, class: a, source: "t"}
    - {group: alle, shares: 6000, class: b, allocate: digifin, exclude: [k0301], source: "t"}
organs:
  - id: generalforsamling
    decisions:
      - id: articles
        rule:
          all:
            - {law: aksjeloven/5-18}
            - {class_consent: {class: b, base: capital_represented, more_than: 0.5}}
        source: "t"
        cites:
          - {source: "002", rule: {quota: {base: total_capital, at_least: "9/10"}}, text: "x"}
  - id: styre
    seats:
      - {id: leder, chair: true, source: "t"}
      - {id: member, count: 4, source: "t"}
  - id: raad
    kind: representation_council
    part_of: ks
    source: "t"
    seats:
      - {id: "rep_{nr}", for_each: fylke, count: {total: 100, by: population}, source: "t"}
      - {id: ks, holder: ks, votes: 3, source: "t"}
    decisions:
      - {id: recommend, rule: {any: [{count: {at_least: 10}}, {unanimity: present}]}, source: "t"}
  - id: "fylkesmote_{nr}"
    for_each: fylke
    kind: regional_assembly
    part_of: ks
    fylke: "{nr}"
    source: "t"
    seats:
      - {id: member, members_of: "alle_{nr}", source: "t"}
    decisions:
      - {id: elect, rule: {quota: {base: seats_present, more_than: "1/2"}}, source: "t"}
relations:
  - {id: "elect_rep_{nr}", for_each: fylke, type: elects, from: "fylkesmote_{nr}", decision: elect, to: raad, seats: ["rep_{nr}"], source: "t"}
  - {id: rec, type: recommends, from: raad, decision: recommend, to: generalforsamling, to_decision: ordinary, strength: adopt_or_return, document: avtale, source: "t"}
  - {id: ks_proxy, type: proxy, from: ks, to: leder_46, source: "t"}
  - {type: advises, from: raad, to: styre, link: contractual, source: "t"}
documents:
  - {id: avtale, kind: aksjonaeravtale, adopted_by: generalforsamling.articles, source: "t", clauses: {a: 1}}
activity:
  measure: turnover
  source: "t"
  years:
    - {year: 2023, total: 100, with_controlling: 90}
attendance:
  - {organ: generalforsamling, group: kommuner, fraction: "2/3", order: smallest_first}
  - {organ: raad, absent: [raad.ks]}
"""

VARIANT = f"""\
govmodel: 1
id: variant
name: A variant
source: "t"
base: {SMALL}
changes:
  - set_holding: {{holder: regionraad, shares: 440}}
  - share_capital: 1100
  - owner_leaves: alfa
  - add:
      actors:
        - {{id: zeta, name: Zeta, kind: kommune, contracting_authority: true, source: "t"}}
  - replace:
      documents:
        - {{id: aksjonaeravtale, name: Avtale, kind: aksjonaeravtale, source: "t"}}
  - set_rule: {{organ: eierraad, decision: recommend, rule: {{quota: {{base: seats, at_least: "2/3"}}}}}}
  - set_relation: {{id: eierraad_recommends, strength: binding}}
  - revoke_proxies: all
  - turnout: {{organ: generalforsamling, present: [beta, gamma, regionraad]}}
  - remove: {{relations: [secretariat_for_regionraad_eierraad]}}
"""

SCENARIO = """\
govmodel_scenario: 1
name: A scenario
changes:
  - set_holding: {group: eierkommuner, shares: 660, allocate: equal}
  - remove_holding: regionraad
  - add_holding: {holder: regionraad, shares: 340, source: "t"}
  - owner_leaves: beta
  - turnout: [{organ: generalforsamling, group: eierkommuner, fraction: 0.5}]
  - revoke_proxies: [epsilon]
  - remove: {organs: [eierraad]}
"""

BASES = {"small": SMALL.read_text(encoding="utf-8"), "features": FEATURES, "variant": VARIANT}

# YAML's line breaks (the loader's line numbers count these, as editors do)
YAML_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")

# problems that concern a whole file and are printed without a line
WHOLE_FILE = (
    "is larger than",
    "cannot read",
    "is a directory",
    "not found (looked for",
    "; expected a YAML file",  # a FIFO, a device ... named as a model
    "; expected a CSV data file",
    "one load reads at most",  # the budget of one load (files, bytes)
    "one load holds at most",
)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mutants")


def check_located(exc: ModelError) -> None:
    assert exc.problems, "a ModelError must carry at least one problem"
    for p in exc.problems:
        f = p.loc.file
        path = Path(f) if os.path.isabs(f) else ROOT / f
        assert path.is_file() or (any(w in p.message for w in WHOLE_FILE) and p.loc.line == 0), (
            f"not located in a real file: {p}"
        )
        if path.is_file():
            n_lines = len(YAML_BREAK.findall(path.read_bytes().decode("utf-8", "replace"))) + 1
            if not any(w in p.message for w in WHOLE_FILE):
                assert 1 <= p.loc.line <= n_lines, f"line out of range: {p}"
            assert p.loc.col >= 0
        assert p.message.strip()


def load_and_check(path: Path, scenario: Path | None = None) -> None:
    try:
        load_model(path, scenario=scenario)
    except ModelError as exc:
        check_located(exc)


def test_the_bases_load(work: Path) -> None:
    for name, text in BASES.items():
        f = work / f"{name}.yaml"
        f.write_text(text, encoding="utf-8")
        load_model(f)
    f = work / "scenario.yaml"
    f.write_text(SCENARIO, encoding="utf-8")
    m = load_model(SMALL, scenario=f)
    assert "eierraad" not in m.organs


# ---------------------------------------------------------------------------------------------
# raw-text mutations


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


@st.composite
def text_mutation(draw: st.DrawFn, text: str) -> bytes:
    lines = _lines(text)
    n = len(lines)
    for _ in range(draw(st.integers(1, 3))):
        n = len(lines)
        if n == 0:
            break
        i = draw(st.integers(0, n - 1))
        op = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "indent", "dedent", "tab", "chars", "truncate"]
            )
        )
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, n - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][draw(st.integers(1, 4)) :] or "\n"
        elif op == "tab":
            lines[i] = "\t" + lines[i].lstrip(" ")
        elif op == "chars":
            line = lines[i]
            k = draw(st.integers(0, max(0, len(line) - 1)))
            new = draw(
                st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`,?x1 \n")), max_size=3)
            )
            lines[i] = line[:k] + new + line[k + draw(st.integers(0, 2)) :]
        else:
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
    data = "".join(lines).encode("utf-8")
    if draw(st.booleans()):
        k = draw(st.integers(0, len(data)))
        data = data[:k] + draw(st.binary(min_size=1, max_size=4)) + data[k:]
    return data


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), base=st.sampled_from(sorted(BASES)))
def test_text_mutations_raise_only_located_model_errors(
    data: st.DataObject, base: str, work: Path
) -> None:
    mutant = data.draw(text_mutation(BASES[base]))
    f = work / "text_mutant.yaml"
    f.write_bytes(mutant)
    load_and_check(f)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_scenario_text_mutations_raise_only_located_model_errors(
    data: st.DataObject, work: Path
) -> None:
    f = work / "scenario_mutant.yaml"
    f.write_bytes(data.draw(text_mutation(SCENARIO)))
    load_and_check(SMALL, scenario=f)


# ---------------------------------------------------------------------------------------------
# structure mutations


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, prefix + (i,))
    return out


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        node = node[p]
    return node


ID_TEXT = st.text(alphabet=st.sampled_from(list("abcxyz_019{}ÆøÅ -./")), min_size=0, max_size=12)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    ID_TEXT,
    st.sampled_from(
        ["1/2", "2/0", "150%", "all", "present", "equal", "digifin", "fylke", "kommune", "{nr}"]
    ),
    st.lists(ID_TEXT, max_size=3),
    st.dictionaries(ID_TEXT, ID_TEXT, max_size=2),
)


@st.composite
def structure_mutation(draw: st.DrawFn, text: str) -> str:
    tree = yaml.safe_load(text)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(tree)
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["drop", "type", "id", "number", "duplicate"]))
        if not path:
            if op == "type":
                tree = draw(VALUES)
            continue
        parent, key = _get(tree, path[:-1]), path[-1]
        old = parent[key]
        if op == "drop":
            del parent[key]
        elif op == "type":
            parent[key] = draw(VALUES)
        elif op == "id":
            parent[key] = draw(ID_TEXT) if isinstance(old, str) else draw(VALUES)
        elif op == "number":
            parent[key] = draw(
                st.one_of(
                    st.integers(-5, 5),
                    st.integers(-(10**15), 10**15),
                    st.sampled_from([0, 1, 10**6, 10**9, 2**64]),
                    st.fractions(min_value=-2, max_value=2).map(lambda f: float(f)),
                )
            )
        elif isinstance(parent, list):
            parent.insert(key, old)
        if not isinstance(tree, (dict, list)):
            break
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), base=st.sampled_from(sorted(BASES)))
def test_structure_mutations_raise_only_located_model_errors(
    data: st.DataObject, base: str, work: Path
) -> None:
    mutant = data.draw(structure_mutation(BASES[base]))
    f = work / "structure_mutant.yaml"
    f.write_text(mutant, encoding="utf-8")
    load_and_check(f)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_scenario_structure_mutations_raise_only_located_model_errors(
    data: st.DataObject, work: Path
) -> None:
    f = work / "scenario_structure_mutant.yaml"
    f.write_text(data.draw(structure_mutation(SCENARIO)), encoding="utf-8")
    load_and_check(SMALL, scenario=f)


def test_mutations_do_change_the_files() -> None:
    """The strategies are not vacuous: examples differ from the base and some still load."""
    from hypothesis import find

    changed = find(text_mutation(FEATURES), lambda b: b != FEATURES.encode())
    assert changed != FEATURES.encode()
    struct = find(
        structure_mutation(FEATURES), lambda t: yaml.safe_load(t) != yaml.safe_load(FEATURES)
    )
    assert yaml.safe_load(struct) != yaml.safe_load(FEATURES)
