"""Hostile and unlucky input at the loader's depth: files that are not regular files, fan-outs of
includes, messages that used to mislead, an immutable and hashable Model, and a property test that
inserts hostile tokens (control escapes, YAML 1.1 scalars, huge numbers, tags, aliases) into
model files: only located ModelErrors come out."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader_properties import BASES, SCENARIO, SMALL, check_located

from govmodel.errors import GovmodelError, ModelError
from govmodel.frozen import FrozenMap
from govmodel.load import load_model
from govmodel.load.allocation import allocation_keys
from govmodel.model import Text
from govmodel.population import DataFileError
from govmodel.yamlsafe import MAX_FILES

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")


def _small(tmp_path: Path, old: str = "", new: str = "", name: str = "m.yaml") -> Path:
    text = SMALL.read_text(encoding="utf-8")
    if old:
        assert old in text
        text = text.replace(old, new, 1)
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _errors(path: Path, scenario: Path | None = None) -> str:
    with pytest.raises(ModelError) as exc:
        load_model(path, scenario=scenario)
    check_located(exc.value)
    return str(exc.value)


# -- files that are not regular files ----------------------------------------------------------


def test_a_fifo_as_population_file_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "kommuner.csv"
    os.mkfifo(fifo)
    p = _small(tmp_path, 'population: "builtin:kommuner-2024"', f'population: "{fifo}"')
    msg = _errors(p)
    assert "is a FIFO (named pipe)" in msg and "not found" not in msg


def test_a_fifo_as_model_or_include_is_named(tmp_path: Path) -> None:
    fifo = tmp_path / "model.yaml"
    os.mkfifo(fifo)
    assert "is a FIFO (named pipe); expected a YAML file" in _errors(fifo)
    inc = _small(tmp_path, "actors:", f"include: [{fifo.name}]\nactors:", name="inc.yaml")
    assert f"included file '{fifo.name}' is a FIFO (named pipe), not a file" in _errors(inc)


def test_a_device_as_model_is_named(tmp_path: Path) -> None:
    dev = Path("/dev/null")
    if not stat.S_ISCHR(os.stat(dev).st_mode):
        pytest.skip("no /dev/null character device")
    assert "is a character device; expected a YAML file" in _errors(dev)


def test_a_utf16_population_file_is_named(tmp_path: Path) -> None:
    data = tmp_path / "k.csv"
    data.write_bytes("kommunenummer,kommune,fylkesnummer,fylke,folketall\n".encode("utf-16"))
    p = _small(tmp_path, 'population: "builtin:kommuner-2024"', f'population: "{data}"')
    assert "not UTF-8" in _errors(p)


def test_a_control_character_in_a_population_file_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "k.csv"
    data.write_text(
        "kommunenummer,kommune,fylkesnummer,fylke,folketall\n0301,Os\x1b[2Jlo,03,Oslo,700000\n",
        encoding="utf-8",
    )
    p = _small(tmp_path, 'population: "builtin:kommuner-2024"', f'population: "{data}"')
    assert "control character U+001B" in _errors(p)


# -- bounded work: a fan-out of includes ---------------------------------------------------------


def test_a_fan_out_of_includes_is_bounded_by_the_file_budget(tmp_path: Path) -> None:
    """Five levels of fragments each including the next ten times would read 10^5 files; the
    load stops at the budget with a located message instead."""
    for level in range(5):
        nxt = f"f{level + 1}.yaml"
        includes = f"include: [{', '.join([nxt] * 10)}]\n" if level < 4 else ""
        (tmp_path / f"f{level}.yaml").write_text(
            f"govmodel_fragment: 1\n{includes}", encoding="utf-8"
        )
    (tmp_path / "f5.yaml").write_text("govmodel_fragment: 1\n", encoding="utf-8")
    p = _small(tmp_path, "actors:", "include: [f0.yaml]\nactors:")
    msg = _errors(p)
    assert f"one load reads at most {MAX_FILES} files" in msg


def test_a_long_chain_of_includes_is_not_called_a_cycle(tmp_path: Path) -> None:
    for level in range(6):
        nxt = f"include: [c{level + 1}.yaml]\n" if level < 5 else ""
        (tmp_path / f"c{level}.yaml").write_text(f"govmodel_fragment: 1\n{nxt}", encoding="utf-8")
    p = _small(tmp_path, "actors:", "include: [c0.yaml]\nactors:")
    load_model(p)  # six deep, no cycle: fine (it used to say "is there a cycle?")


# -- messages that misled ----------------------------------------------------------------------


def test_a_refused_holding_adds_no_false_company_form_message(tmp_path: Path) -> None:
    p = _small(tmp_path, "holder: regionraad", "holder: regionrad")
    msg = _errors(p)
    assert "unknown holder 'regionrad'; did you mean 'regionraad'?" in msg
    assert "has no owners or shares" not in msg


# -- the model as a value ----------------------------------------------------------------------


def test_the_model_is_immutable_and_hashable() -> None:
    m = load_model(SMALL)
    again = load_model(SMALL)
    assert m == again and hash(m) == hash(again)
    cache = {m: "result"}
    assert cache[again] == "result"  # a cache can key on the model, not on id(model)
    assert isinstance(m.actors, FrozenMap)
    with pytest.raises(TypeError):
        m.actors["x"] = m.actors["alfa"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.name = Text("x")  # type: ignore[misc]
    changed = dataclasses.replace(m, relations=m.relations[:-1])
    assert changed != m and hash(changed) != hash(m) or changed != m


def test_every_error_class_has_one_root() -> None:
    from govmodel.cli import UsageError
    from govmodel.law.readings import ReadingError
    from govmodel.output import OutputError

    for cls in (ModelError, DataFileError, UsageError, ReadingError, OutputError):
        assert issubclass(cls, GovmodelError), cls


def test_the_digifin_rates_are_data_with_a_source() -> None:
    key = allocation_keys()["digifin"]
    assert dict(key.per_inhabitant) == {"kommune": 20, "fylkeskommune": 5}
    assert "17/00985-5" in key.source


# -- hostile tokens anywhere ---------------------------------------------------------------------

HOSTILE = [
    '"\\e[2J"',
    '"\\e]52;c;aGk=\\a"',
    '"\\x9b"',
    '"\\u202e"',
    "010",
    "5:40",
    "yes",
    "off",
    '"1e-99999999"',
    "1e999999",
    "9" * 80,
    "!!python/object:os.system x",
    "&a [*a, *a]",
    "<<: {a: 1}",
    "{nb: 5, fr: y}",
    '"k0301\\n"',
    "0",
    "-1",
    '"/dev/zero"',
    ".nan",
]


@st.composite
def hostile_mutation(draw: st.DrawFn, text: str) -> bytes:
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        token = draw(st.sampled_from(HOSTILE))
        if ": " in line and draw(st.booleans()):
            # replace a value
            k = line.index(": ") + 2
            end = draw(st.integers(k, len(line.rstrip("\n"))))
            lines[i] = line[:k] + token + line[end:]
        else:
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + token + line[k:]
    return "".join(lines).encode("utf-8")


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), base=st.sampled_from(sorted(BASES)))
def test_hostile_tokens_raise_only_located_model_errors(
    data: st.DataObject, base: str, tmp_path: Path
) -> None:
    f = tmp_path / "hostile.yaml"
    f.write_bytes(data.draw(hostile_mutation(BASES[base])))
    try:
        m = load_model(f)
    except ModelError as exc:
        check_located(exc.value if hasattr(exc, "value") else exc)
        return
    # whatever loads is clean text
    for a in m.actors.values():
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in a.name)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_scenarios_raise_only_located_model_errors(
    data: st.DataObject, tmp_path: Path
) -> None:
    f = tmp_path / "hostile_scenario.yaml"
    f.write_bytes(data.draw(hostile_mutation(SCENARIO)))
    try:
        load_model(SMALL, scenario=f)
    except ModelError as exc:
        check_located(exc)


def test_nesting_is_bounded_while_composing_in_one_pass() -> None:
    """The depth limit is checked as the document is composed (no separate scan): 40 levels
    load, 41 are refused at the 41st opening, block or flow, and 100 000 levels (which would
    overflow the C stack of a recursive composer) are refused the same way."""
    from govmodel.yamlsafe import MAX_DEPTH, load_yaml_text

    flow = lambda n: "[" * n + "]" * n  # noqa: E731
    block = lambda n: "".join(f"{' ' * i}k{i}:\n" for i in range(n)) + " " * n + "x"  # noqa: E731
    for make in (flow, block):
        value = load_yaml_text(make(MAX_DEPTH), "ok.yaml")
        for _ in range(MAX_DEPTH - 1):
            assert len(value) == 1
            value = value[0] if isinstance(value, list) else next(iter(value.values()))
        with pytest.raises(ModelError) as exc:
            load_yaml_text(make(MAX_DEPTH + 1), "deep.yaml")
        (problem,) = exc.value.problems
        assert f"nesting deeper than {MAX_DEPTH} levels" in problem.message
        # the 41st opening: column 41 of the flow form, line 41 of the block form
        assert (problem.loc.line, problem.loc.col) == (
            (1, MAX_DEPTH + 1) if make is flow else (MAX_DEPTH + 1, MAX_DEPTH + 1)
        )
    with pytest.raises(ModelError) as exc:
        load_yaml_text("[" * 100_000, "hostile.yaml")
    assert "nesting deeper than" in exc.value.problems[0].message
