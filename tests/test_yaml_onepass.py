"""The one-pass YAML reader (libyaml's events straight into YMap/YList) reads every document
exactly as composing nodes and converting them does: the same values, locations, raw texts,
problems (in the same order) and limits. Documents with anchors or aliases take the node path."""

from __future__ import annotations

import glob
import random
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader_hostile import hostile_mutation
from test_loader_properties import BASES, SCENARIO, structure_mutation, text_mutation

from govmodel import yamlsafe as Y
from govmodel.errors import ModelError

ROOT = Path(__file__).resolve().parent.parent


def snapshot(v: object) -> object:
    """Everything a reader of the tree can see: values, their types, locations and raw texts."""
    if isinstance(v, Y.YMap):
        return (
            "map",
            str(v.loc),
            [(k, str(v.key_loc[k]), str(v.val_loc[k]), snapshot(x)) for k, x in v.items()],
            sorted(v.raw.items()),
        )
    if isinstance(v, Y.YList):
        return ("list", str(v.loc), [snapshot(x) for x in v], [str(x) for x in v.item_loc], v.raw)
    if isinstance(v, float) and v != v:
        return ("nan",)
    return (type(v).__name__, v)


DEFAULT = Y.Limits()


def outcome(read, text: str, limits: Y.Limits = DEFAULT) -> object:
    try:
        return ("ok", snapshot(read(text, "f.yaml", limits)))
    except ModelError as exc:
        return ("refused", [str(p) for p in exc.problems])


def same_reading(text: str, limits: Y.Limits = DEFAULT) -> object:
    onepass = outcome(Y.load_yaml_text, text, limits)
    assert onepass == outcome(Y._load_via_nodes, text, limits)
    return onepass


def repository_yaml() -> list[Path]:
    files = [Path(p) for p in glob.glob(str(ROOT / "**" / "*.yaml"), recursive=True)]
    return sorted(p for p in files if ".venv" not in p.parts)


def test_every_yaml_file_of_the_repository_reads_the_same() -> None:
    files = repository_yaml()
    assert len(files) > 50  # the models, law data, scenarios and the bad-input corpus
    read = 0
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        same_reading(text)
        read += 1
    assert read > 50


def test_the_one_pass_path_is_taken_and_anchors_take_the_node_path() -> None:
    parser = Y._CParser("a: [1, {b: c}]\n")
    try:
        assert Y._build(parser, "f.yaml", Y.Limits()) is not None
    finally:
        parser.dispose()
    parser = Y._CParser("a: &x [1]\nb: *x\n")
    try:
        assert Y._build(parser, "f.yaml", Y.Limits()) is None
    finally:
        parser.dispose()
    # the node path expands the alias into a copy of its own
    doc = Y.load_yaml_text("a: &x [1]\nb: *x\n", "f.yaml")
    assert doc == {"a": [1], "b": [1]} and doc["a"] is not doc["b"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a refused key's value is neither kept nor checked
        ('a: 1\na: "\\e[2J"\n', ["f.yaml:2:1: duplicate key 'a'"]),
        ("<<: {a: 1}\nb: 2\n", ["f.yaml:1:1: YAML merge keys"]),
        ('? [x, y]\n: "\\e"\nb: 2\n', ["f.yaml:1:3: mapping keys must be plain words"]),
        ('"\\e": 1\n', ["f.yaml:1:1: text contains the control character U+001B"]),
        # a tagged collection is refused whole: its items are not read as values
        ('a: !foo ["\\e", 010]\n', ["f.yaml:1:4: YAML tag '!foo' is not allowed"]),
        (
            "a: [010, yes, 1e99999]\n",
            ["f.yaml:1:5: 010 has a leading zero", "f.yaml:1:15: bad number"],
        ),
        # a collection's tag on a plain value (it was read as a number, a key as a float)
        ("a: !!map 2.5\n", ["f.yaml:1:4: YAML tag 'tag:yaml.org,2002:map' names a collection"]),
        ("{!!seq 1.5: x}\n", ["f.yaml:1:2: YAML tag 'tag:yaml.org,2002:seq' names a collection"]),
    ],
)
def test_refusals_are_the_same_and_in_the_same_order(text: str, expected: list[str]) -> None:
    kind, problems = same_reading(text)  # type: ignore[misc]
    assert kind == "refused"
    assert len(problems) == len(expected)
    for got, want in zip(problems, expected, strict=True):
        assert got.startswith(want), (got, want)


def test_every_key_is_text_as_written() -> None:
    """Keys are names: a number, boolean or null written as a key keeps its text (YMap's keys
    are typed ``str``); a key that is not text is refused, never read as another type."""
    text = "{1: a, 1.5: b, true: c, null: d, !!str 2: e, !!int 3: f, ~: g}\n"
    kind, snap = same_reading(text)  # type: ignore[misc]
    assert kind == "ok"
    doc = Y.load_yaml_text(text, "f.yaml")
    assert isinstance(doc, Y.YMap)
    assert list(doc) == ["1", "1.5", "true", "null", "2", "3", "~"]
    assert {type(k) for k in doc} == {str}
    kind, problems = same_reading("{!!seq 1.5: x, !!map 2: y}\n")  # type: ignore[misc]
    assert kind == "refused" and len(problems) == 2


def test_limits_are_the_same_and_a_later_syntax_error_comes_first() -> None:
    many = "[" + ", ".join(["1"] * 30) + "]\n"
    small = Y.Limits(max_nodes=10)
    kind, problems = same_reading(many, small)  # type: ignore[misc]
    assert kind == "refused" and problems == [
        "f.yaml:1:29: more than 10 values after expanding aliases (an alias bomb?); model files are small"
    ]
    kind, problems = same_reading(many + "]: x\n", small)  # type: ignore[misc]
    assert kind == "refused" and "YAML syntax error" in problems[0]
    deep = "a: " + "[" * 5 + "]" * 5 + "\n"
    kind, problems = same_reading(deep, Y.Limits(max_depth=3))  # type: ignore[misc]
    assert kind == "refused" and problems[0].startswith("f.yaml:1:6: nesting deeper than 3")
    assert same_reading(deep, Y.Limits(max_depth=6))[0] == "ok"


def test_tags_are_resolved_as_the_loader_resolves_them() -> None:
    loader = Y._Loader("")
    rng = random.Random(15)
    values = ["", "~", "null", "True", "tRue", "yes", "010", "0o17", "0x1F", "1_0", ".5", "-.inf"]
    values += [
        "".join(rng.choice("0123456789.+-eExo_:abtrufnlTN~<I ") for _ in range(rng.randint(0, 6)))
        for _ in range(3000)
    ]
    for value in values:
        for implicit in ((True, False), (False, True), (False, False)):
            assert Y._resolve_scalar(value, implicit) == loader.resolve(
                yaml.ScalarNode, value, implicit
            ), (value, implicit)
    loader.dispose()


SOURCES = {**BASES, "scenario": SCENARIO}


@st.composite
def mutant(draw: st.DrawFn) -> tuple[str, Y.Limits]:
    text = SOURCES[draw(st.sampled_from(sorted(SOURCES)))]
    kind = draw(st.sampled_from(["text", "structure", "hostile"]))
    if kind == "text":
        data = draw(text_mutation(text)).decode("utf-8", "replace")
    elif kind == "structure":
        data = draw(structure_mutation(text))
    else:
        data = draw(hostile_mutation(text)).decode("utf-8", "replace")
    limits = Y.Limits(
        max_depth=draw(st.sampled_from([40, 4, 2])),
        max_nodes=draw(st.sampled_from([200_000, 60, 5])),
    )
    return data, limits


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutant())
def test_mutated_documents_read_the_same(case: tuple[str, Y.Limits]) -> None:
    text, limits = case
    same_reading(text, limits)
