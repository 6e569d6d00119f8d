"""The JSON Schemas in govmodel/schema/ describe the model format as the loader accepts it:
every shipped model, fragment and scenario validates; malformed files are rejected; the
schemas' keys and enumerations are the loader's; the wheel ships them."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from govmodel import model as M
from govmodel.changes.compose import FRAGMENT_KEYS
from govmodel.changes.scenario import SCENARIO_KEYS
from govmodel.changes.values import LIST_SECTIONS, OPS
from govmodel.law import builtin_law
from govmodel.load import keys as L
from govmodel.load.allocation import allocation_rules
from govmodel.ruleparse import RuleParser
from govmodel.rules import BASES

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "govmodel" / "schema"
NAMES = ("model", "fragment", "scenario")
SCHEMAS: dict[str, dict[str, Any]] = {
    n: json.loads((SCHEMA_DIR / f"{n}.schema.json").read_text(encoding="utf-8")) for n in NAMES
}
REGISTRY = Registry().with_resources(
    [(f"{n}.schema.json", Resource.from_contents(s)) for n, s in SCHEMAS.items()]
)
DEFS = SCHEMAS["model"]["$defs"]
BAD = ROOT / "tests" / "bad"
SMALL = ROOT / "tests" / "data" / "small_model.yaml"


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(SCHEMAS[name], registry=REGISTRY)


def def_validator(defname: str) -> Draft202012Validator:
    """A validator for one $defs entry of the model schema (e.g. 'variant')."""
    return Draft202012Validator({"$ref": f"model.schema.json#/$defs/{defname}"}, registry=REGISTRY)


def kind_of(data: Any) -> str:
    if isinstance(data, dict) and "govmodel_fragment" in data:
        return "fragment"
    if isinstance(data, dict) and "govmodel_scenario" in data:
        return "scenario"
    return "model"


def errors(name: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(name).iter_errors(data)
    ]


def shipped_files() -> list[Path]:
    return sorted(
        [*(ROOT / "models").rglob("*.yaml"), *(ROOT / "scenarios").rglob("*.yaml"), SMALL]
    )


@pytest.mark.parametrize("name", NAMES)
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    assert SCHEMAS[name]["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMAS[name])


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_validates_against_its_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    kind = kind_of(data)
    assert errors(kind, data) == []
    if kind == "model" and "base" in data:
        assert list(def_validator("variant").iter_errors(data)) == []
    elif kind == "model":
        assert list(def_validator("model").iter_errors(data)) == []
    # the editor line, where present, names the right schema and the path resolves
    m = re.search(r"^# yaml-language-server: \$schema=(\S+)$", text, re.M)
    if path.is_relative_to(ROOT / "models") or path == SMALL:
        assert m, f"{path} has no '# yaml-language-server: $schema=' line"
    if m:
        target = (path.parent / m[1]).resolve()
        assert target == (SCHEMA_DIR / f"{kind}.schema.json").resolve(), m[1]


def test_fragments_variants_and_scenarios_are_all_present() -> None:
    kinds = [kind_of(yaml.safe_load(p.read_text(encoding="utf-8"))) for p in shipped_files()]
    assert "fragment" in kinds and "scenario" in kinds
    variants = [
        p for p in shipped_files() if "base" in (yaml.safe_load(p.read_text("utf-8")) or {})
    ]
    assert variants


# ---------------------------------------------------------------------------------------------
# malformed input is rejected


@pytest.mark.parametrize(
    ("file", "schema", "expected"),
    [
        ("unknown_keys.yaml", "model", "'organ' was unexpected"),
        ("unknown_keys.yaml", "model", "'knd' was unexpected"),
        ("unknown_keys.yaml", "model", "'atleast' was unexpected"),
        (
            "wrong_types.yaml",
            "model",
            "actors: {'id': 'ks', 'kind': 'association'} is not of type 'array'",
        ),
        ("wrong_types.yaml", "model", "company/share_capital: 'a lot' is not of type 'integer'"),
        ("wrong_types.yaml", "model", "company/holdings/0/shares: 1.5 is not of type 'integer'"),
        ("threshold_malformed.yaml", "model", "rule/quota/more_than: '2/0' is not valid"),
        ("threshold_malformed.yaml", "model", "rule/quota/at_least: 'abc' is not valid"),
        ("threshold_malformed.yaml", "model", "rule/quota/at_least: True is not valid"),
        ("threshold_out_of_range.yaml", "model", "rule/quota/more_than: 1.5 is not valid"),
        ("quota_both_thresholds.yaml", "model", "is valid under each of"),
        ("bad_rules.yaml", "model", "'qouta' was unexpected"),
        ("bad_rules.yaml", "model", "'everybody' is not one of ['present', 'all']"),
        ("bad_ids_and_choices.yaml", "model", "'asociation' is not one of"),
        ("bad_ids_and_choices.yaml", "model", "'2alfa' does not match"),
        ("bad_ids_and_choices.yaml", "model", "company/form: 'ASA' is not one of"),
        ("bad_ids_and_choices.yaml", "model", "relations/0/type: 'elect' is not one of"),
        ("format_version.yaml", "model", "govmodel: 1 was expected"),
        ("top_level_list.yaml", "model", "is not of type 'object'"),
        ("seat_counts.yaml", "model", "seats/1/count: 100000000 is not valid"),
        ("variant_unknown_op.yaml", "model", "'set_holdings' was unexpected"),
        ("scenario_unknown_op.yaml", "scenario", "'revoke_proxy' was unexpected"),
        (
            "scenario_unknown_op.yaml",
            "scenario",
            "changes/2/set_rule: 'rule' is a required property",
        ),
        ("many_problems.yaml", "model", "'colour' was unexpected"),
    ],
)
def test_malformed_corpus_files_are_rejected(file: str, schema: str, expected: str) -> None:
    data = yaml.safe_load((BAD / file).read_text(encoding="utf-8"))
    errs = errors(schema, data)
    assert any(expected in e for e in errs), "\n".join(errs)


def small() -> dict[str, Any]:
    return yaml.safe_load(SMALL.read_text(encoding="utf-8"))


def _holding(d: dict[str, Any]) -> dict[str, Any]:
    return d["company"]["holdings"][1]


MUTATIONS = {
    "holder and group": (lambda d: _holding(d).update(holder="alfa"), "is valid under each of"),
    "group without allocate": (
        lambda d: _holding(d).pop("allocate"),
        "'allocate' is a dependency of 'group'",
    ),
    "allocate on a holder": (
        lambda d: d["company"]["holdings"][0].update(allocate="equal"),
        "should not be valid under",
    ),
    "allocation rule": (lambda d: _holding(d).update(allocate="per_capita"), "'per_capita'"),
    "no provenance": (lambda d: d["actors"][0].pop("source"), "is not valid under any of"),
    "own organ kind without its role": (
        lambda d: d["organs"][-1].update(kind="council"),
        "'role' is a required property",
    ),
    "no share capital": (
        lambda d: d["company"].pop("share_capital"),
        "'share_capital' is a required property",
    ),
    "contracting authority 1": (
        lambda d: d["actors"][0].update(contracting_authority=1),
        "1 is not one of [True, False, 'uncertain']",
    ),
    "rule with two kinds": (
        lambda d: d["organs"][2]["decisions"][0]["rule"].update(unanimity="all"),
        "is valid under each of",
    ),
    "count object without for_each": (
        lambda d: d["organs"][1]["seats"][1].update(count={"total": 5}),
        "'for_each' is a required property",
    ),
    "holder with count": (
        lambda d: d["organs"][2]["seats"][1].update(count=2),
        "1 was expected",
    ),
    "seats on a shareholders' meeting": (
        lambda d: d["organs"][0].update(shareholders=True, seats=[{"id": "x", "source": "t"}]),
        "is expected to be empty",
    ),
    "strength": (lambda d: d["relations"][0].update(strength="strong"), "'strong' is not one of"),
    "link": (lambda d: d["relations"][1].update(link="weak"), "'weak' is not one of"),
    "document kind": (lambda d: d["documents"][0].update(kind="bylaws"), "'bylaws' is not one of"),
    "adopted_by": (lambda d: d["documents"][0].update(adopted_by="articles"), "does not match"),
    "activity year": (
        lambda d: d["activity"]["years"][0].update(year="2022"),
        "'2022' is not of type 'integer'",
    ),
    "turnout order": (lambda d: d["attendance"][0].update(order="random"), "'random'"),
    "fraction without group": (
        lambda d: d["attendance"][0].update(fraction="1/2"),
        "'group' is a dependency of 'fraction'",
    ),
    "law reference": (
        lambda d: d["organs"][0]["decisions"][0]["rule"].update(law="aksjeloven 5-17"),
        "does not match",
    ),
    "name in two languages": (
        lambda d: d["actors"][0].update(name={"nb": "Alfa", "de": "Alfa"}),
        "is not valid under any of the given schemas",
    ),
}


@pytest.mark.parametrize("case", sorted(MUTATIONS))
def test_mutations_of_the_small_model_are_rejected(case: str) -> None:
    data = small()
    assert errors("model", data) == []
    mutate, expected = MUTATIONS[case]
    mutate(data)
    errs = errors("model", data)
    assert any(expected in e for e in errs), "\n".join(errs) or "no error"


def test_variant_takes_only_its_own_keys() -> None:
    variant = {"govmodel": 1, "id": "v", "base": "x.yaml", "changes": []}
    assert errors("model", variant) == []
    bad = {**variant, "actors": []}
    assert any("'actors' was unexpected" in e for e in errors("model", bad))


def test_fragment_and_scenario_reject_model_keys() -> None:
    assert any(
        "'company' was unexpected" in e
        for e in errors("fragment", {"govmodel_fragment": 1, "company": {}})
    )
    assert any(
        "'company' was unexpected" in e
        for e in errors("scenario", {"govmodel_scenario": 1, "company": {}})
    )
    assert (
        errors("scenario", {"govmodel_scenario": 1, "changes": [{"owner_leaves": "k0301"}]}) == []
    )
    assert any(
        "should be non-empty" in e or "does not have enough properties" in e
        for e in errors("scenario", {"govmodel_scenario": 1, "changes": [{}]})
    )
    assert any(
        "has too many properties" in e
        for e in errors(
            "scenario",
            {"govmodel_scenario": 1, "changes": [{"owner_leaves": "a", "revoke_proxies": "all"}]},
        )
    )


# ---------------------------------------------------------------------------------------------
# the schema is the loader's format: same keys, same enumerations


def props(defname: str) -> set[str]:
    return set(DEFS[defname]["properties"])


@pytest.mark.parametrize(
    ("defname", "keys"),
    [
        ("model", L.TOP_KEYS | {"include"}),
        ("actor", L.ACTOR_KEYS),
        ("group", L.GROUP_KEYS),
        ("company", L.COMPANY_KEYS),
        ("share_class", L.CLASS_KEYS),
        ("holding", L.HOLDING_KEYS),
        ("organ", L.ORGAN_KEYS),
        ("seat", L.SEAT_KEYS),
        ("decision", L.DECISION_KEYS),
        ("cited_rule", L.CITE_KEYS),
        ("relation", L.RELATION_KEYS),
        ("document", L.DOCUMENT_KEYS),
        ("activity", L.ACTIVITY_KEYS),
        ("activity_year", L.YEAR_KEYS),
        ("attendance", L.ATTEND_KEYS),
        (
            "variant",
            {"govmodel", "id", "name", "description", "source", "assumption", "base", "changes"},
        ),
        ("change", set(OPS)),
        ("rule", set(RuleParser.KINDS) | L.PROV_KEYS | {"note"}),
    ],
)
def test_schema_keys_are_the_loaders(defname: str, keys: set[str]) -> None:
    assert props(defname) == set(keys)
    assert DEFS[defname]["additionalProperties"] is False


def test_fragment_and_scenario_keys_are_the_loaders() -> None:
    assert set(SCHEMAS["fragment"]["properties"]) == FRAGMENT_KEYS
    assert set(SCHEMAS["scenario"]["properties"]) == SCENARIO_KEYS
    for section in LIST_SECTIONS:
        assert section in SCHEMAS["fragment"]["properties"]
        assert section in DEFS["change"]["properties"]["add"]["properties"]


def test_schema_enumerations_are_the_loaders() -> None:
    def enum(d: dict[str, Any]) -> list[Any]:
        # an enumeration, or the enumeration alternative of an anyOf (for_each, generate)
        if "enum" in d:
            return d["enum"]
        return next(a["enum"] for a in d["anyOf"] if "enum" in a)

    assert enum(DEFS["actor"]["properties"]["kind"]) == list(M.ACTOR_KINDS)
    assert enum(DEFS["actor"]["properties"]["contracting_authority"]) == list(M.CONTRACTING)
    assert enum(DEFS["organ"]["properties"]["kind"]) == list(M.ORGAN_KINDS)
    assert enum(DEFS["organ"]["properties"]["part_of"]) == list(M.PART_OF)
    assert enum(DEFS["relation"]["properties"]["type"]) == list(M.RELATION_TYPES)
    assert enum(DEFS["relation"]["properties"]["strength"]) == list(M.STRENGTHS)
    assert enum(DEFS["relation"]["properties"]["link"]) == list(M.LINKS)
    assert enum(DEFS["document"]["properties"]["kind"]) == list(M.DOCUMENT_KINDS)
    assert enum(DEFS["holding"]["properties"]["allocate"]) == list(allocation_rules())
    assert enum(DEFS["actor"]["properties"]["for_each"]) == list(L.FOR_EACH)
    assert enum(DEFS["quota"]["properties"]["base"]) == list(BASES)
    assert sorted(enum(DEFS["company"]["properties"]["form"])) == sorted(builtin_law().forms)
    laws = builtin_law().rules
    assert set(DEFS["rule"]["properties"]["law"]["examples"]) <= set(laws)
    pattern = re.compile(DEFS["rule"]["properties"]["law"]["pattern"])
    assert all(pattern.match(q) for q in laws)
    seat_max = DEFS["seat"]["properties"]["count"]["anyOf"][0]["maximum"]
    assert seat_max == L.MAX_SEATS
    # a form without shares needs no share capital
    no_shares = [f for f, t in builtin_law().forms.items() if not t.get("has_shares", True)]
    assert no_shares == ["STI"]


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2/3", True),
        ("0.1", True),
        ("33.4%", True),
        ("50 %", True),
        ("1/3%", True),
        (".5", True),
        ("1e-1", True),
        ("2/0", False),
        ("abc", False),
        ("-1/3", False),
        ("1.5/2", False),
        ("", False),
    ],
)
def test_fraction_pattern_agrees_with_the_loader(text: str, ok: bool) -> None:
    from fractions import Fraction

    schema_ok = not list(
        Draft202012Validator(
            {"$ref": "model.schema.json#/$defs/fraction"}, registry=REGISTRY
        ).iter_errors(text)
    )
    assert schema_ok == ok
    # the loader reads the same texts; "syntax ok" in the schema means Fraction() parses it
    try:
        t = text.strip()
        Fraction(t[:-1].strip()) / 100 if t.endswith("%") else Fraction(t)
        loader_ok = not t.startswith("-")
    except (ValueError, ZeroDivisionError):
        loader_ok = False
    assert loader_ok == ok


def test_every_model_definition_is_reachable() -> None:
    text = json.dumps(SCHEMAS)
    for name in DEFS:
        assert f"#/$defs/{name}" in text, name


def test_small_model_mutation_helpers_stay_valid() -> None:
    """Guard for MUTATIONS: the indexes they use point where the tests think they do."""
    d = small()
    assert d["company"]["holdings"][1]["group"] == "eierkommuner"
    assert d["organs"][2]["id"] == "eierraad" and d["organs"][2]["seats"][1]["holder"]
    assert d["organs"][1]["id"] == "styre"
    assert copy.deepcopy(d) == d


# ---------------------------------------------------------------------------------------------
# packaging


def test_schemas_are_package_resources() -> None:
    base = resources.files("govmodel").joinpath("schema")
    for n in NAMES:
        assert (
            json.loads(base.joinpath(f"{n}.schema.json").read_text(encoding="utf-8")) == SCHEMAS[n]
        )


@pytest.mark.skipif(shutil.which("uv") is None, reason="needs uv to build the wheel")
def test_wheel_ships_the_schema_files(tmp_path: Path) -> None:
    proc = subprocess.run(
        ["uv", "build", "--wheel", "--out-dir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("govmodel-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for n in NAMES:
        assert f"govmodel/schema/{n}.schema.json" in names
    assert "govmodel/law/aksjeloven.yaml" in names and "govmodel/data/kommuner-2024.csv" in names


# ---------------------------------------------------------------------------------------------
# the examples in docs/model-format.md


def doc_blocks() -> list[str]:
    doc = (ROOT / "docs" / "model-format.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", doc, re.S)


@pytest.mark.parametrize("block", doc_blocks(), ids=lambda b: b.strip().split("\n")[0][:40])
def test_doc_examples_match_the_schema(block: str) -> None:
    data = yaml.safe_load(block)
    if data is None:  # the editor line on its own
        assert block.startswith("# yaml-language-server: $schema=")
        return
    assert isinstance(data, dict)
    if {"govmodel_scenario", "govmodel_fragment", "govmodel"} & set(data):
        assert errors(kind_of(data), data) == []
        return
    # a snippet: a few top-level sections of a model, or a rule
    model_props = DEFS["model"]["properties"]
    for key, value in data.items():
        if key == "rule":
            schema = {"$ref": "model.schema.json#/$defs/rule"}
        elif key == "decisions":
            schema = {"$ref": "model.schema.json#/$defs/organ/properties/decisions"}
        else:
            assert key in model_props, key
            schema = {"$ref": f"model.schema.json#/$defs/model/properties/{key}"}
        errs = [
            e.message for e in Draft202012Validator(schema, registry=REGISTRY).iter_errors(value)
        ]
        assert errs == [], (key, errs)
