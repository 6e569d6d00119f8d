"""Legal readings: the data, the value type, the CLI and the effect of switching one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govmodel.errors import ModelError
from govmodel.law.apply import apply_readings
from govmodel.law.readings import (
    ReadingError,
    Readings,
    load_readings,
    parse_readings,
)

ROOT = Path(__file__).resolve().parent.parent
A = ROOT / "models" / "ownership_a.yaml"


@pytest.fixture(scope="module")
def model_a(tmp_path_factory):
    """Model A with KS's status taken from the reading (as models/common will do)."""
    from govmodel.load import load_model

    d = tmp_path_factory.mktemp("m")
    (d / "common").mkdir()
    common = (ROOT / "models" / "common" / "ks_organisation.yaml").read_text(encoding="utf-8")
    if "reading: ks_contracting_authority" not in common:
        common = common.replace(
            "    contracting_authority: uncertain\n", "    reading: ks_contracting_authority\n", 1
        )
        common = "\n".join(x for x in common.splitlines() if "not settled in the study" not in x)
    (d / "common" / "ks_organisation.yaml").write_text(common, encoding="utf-8")
    (d / "a.yaml").write_text(A.read_text(encoding="utf-8"), encoding="utf-8")
    return load_model(d / "a.yaml")


def test_every_reading_has_alternatives_a_default_and_full_sources() -> None:
    catalogue = load_readings()
    assert "ks_contracting_authority" in catalogue
    for r in catalogue.values():
        assert r.default in r.values() and len(r.values()) >= 2
        assert r.sources and all(len(s) > 30 for s in r.sources)
        assert all("brief" not in s.lower() for s in r.sources)
        assert r.name["nb"] and r.name["en"] and r.question["nb"] and r.question["en"]
        for a in r.alternatives:
            assert a.text["nb"] and a.text["en"]
        assert r.in_force is not None


def test_ks_status_default_is_contracting_authority_citing_study_and_statute() -> None:
    r = load_readings()["ks_contracting_authority"]
    assert r.default == "yes"
    text = " ".join(r.sources)
    assert "§1.2" in text and "konseptutredning" in text
    assert "anskaffelsesloven" in text and "§ 2 første ledd" in text
    assert "2014/24/EU" in text and "article 2 (1)" in text


def test_readings_value_type_is_hashable_and_switchable() -> None:
    d = Readings.default()
    assert d == Readings.default() and hash(d) == hash(Readings.default())
    no = Readings.parse(["ks_contracting_authority=no"])
    assert no.value("ks_contracting_authority") == "no"
    assert not no.is_default("ks_contracting_authority")
    assert no.changed() == ("ks_contracting_authority",)
    assert d.is_default("ks_contracting_authority") and d.changed() == ()
    assert no != d and no.with_values({"ks_contracting_authority": "yes"}) == d


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("ks_contracting_authority=maybe", "alternatives: yes, no, unsettled"),
        ("ks_contracting=no", "did you mean 'ks_contracting_authority'"),
        ("ks_contracting_authority", "ID=VALUE"),
    ],
)
def test_a_wrong_reading_is_a_clear_error(spec: str, message: str) -> None:
    with pytest.raises(ReadingError, match=message):
        Readings.parse([spec])


def test_readings_file_keys_are_checked_with_locations() -> None:
    bad = """
readings:
  - id: x
    name: {nb: a, en: b}
    question: {nb: a, en: b}
    alternatives:
      - {value: p, text: {nb: a, en: b}}
      - {value: q, text: {nb: a, en: b}, colour: red}
    default: r
    source: ["BRIEF §2"]
    in_forse: "2020-01-01"
"""
    with pytest.raises(ModelError) as exc:
        parse_readings(bad, "r.yaml")
    msgs = [str(p) for p in exc.value.problems]
    assert any("r.yaml:8:" in m and "'colour'" in m for m in msgs)
    assert any("r.yaml:11:" in m and "'in_forse'" in m and "in_force" in m for m in msgs)
    assert any("default of reading x" in m for m in msgs)
    assert any("primary source" in m for m in msgs)


@pytest.mark.parametrize(
    ("written", "read"), [("true", True), ("uncertain", "uncertain"), ("1", None)]
)
def test_an_alternatives_status_is_a_boolean_or_uncertain(written: str, read: object) -> None:
    """1 compares equal to true but is not a boolean: refused, as in model files."""
    text = f"""
readings:
  - id: x
    name: {{nb: a, en: b}}
    question: {{nb: a, en: b}}
    alternatives:
      - {{value: p, text: {{nb: a, en: b}}, contracting_authority: {written}}}
      - {{value: q, text: {{nb: a, en: b}}}}
    default: p
    source: "anskaffelsesforskriften § 3-1"
"""
    if read is None:
        with pytest.raises(ModelError) as exc:
            parse_readings(text, "r.yaml")
        assert [str(p) for p in exc.value.problems] == [
            "r.yaml:7:65: contracting_authority must be true, false or uncertain"
        ]
    else:
        effects = parse_readings(text, "r.yaml")["x"].alternative("p").effects
        assert effects["contracting_authority"] == read


def test_ks_status_follows_the_reading(model_a) -> None:
    ks = model_a.actors["ks"]
    assert ks.reading == "ks_contracting_authority"
    assert ks.contracting_authority is True  # the default
    assert "ks" in model_a.contracting_authorities()
    no = apply_readings(model_a, Readings.parse(["ks_contracting_authority=no"]))
    assert no.actors["ks"].contracting_authority is False
    assert "ks" not in no.contracting_authorities()
    unsettled = apply_readings(model_a, Readings.parse(["ks_contracting_authority=unsettled"]))
    assert unsettled.actors["ks"].contracting_authority == "uncertain"
    assert no.readings.value("ks_contracting_authority") == "no"


def test_model_may_not_give_status_and_reading_both(tmp_path: Path) -> None:
    from govmodel.load import load_model

    text = (ROOT / "tests" / "data" / "small_model.yaml").read_text(encoding="utf-8")
    assert "actors:" in text
    text = text.replace(
        "actors:\n",
        "actors:\n  - {id: assoc, name: Assoc, kind: association, reading: ks_contracting_authority,"
        " contracting_authority: true}\n  - {id: assoc2, name: Assoc 2, kind: association,"
        " reading: no_such_reading}\n",
        1,
    )
    p = tmp_path / "m.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ModelError) as exc:
        load_model(p)
    msgs = " ".join(str(x) for x in exc.value.problems)
    assert "give either contracting_authority or reading" in msgs
    assert "no_such_reading" not in msgs or "must be a known reading" in msgs


def test_cli_readings_lists_them_in_both_languages(run_cli) -> None:
    en = run_cli("readings", "--lang", "en")
    assert en.code == 0
    assert "ks_contracting_authority" in en.out and "yes [default]" in en.out
    assert "anskaffelsesloven" in en.out
    nb = run_cli("readings", "--lang", "nb", "--reading", "ks_contracting_authority=no")
    assert nb.code == 0 and "[valgt]" in nb.out and "Kilder" in nb.out
    js = run_cli("readings", "--format", "json")
    (rec,) = [r for r in json.loads(js.out)["readings"] if r["id"] == "ks_contracting_authority"]
    assert rec["default"] == "yes" and rec["value"] == "yes" and rec["source"]


def test_cli_reading_flag_errors_exit_2(run_cli) -> None:
    res = run_cli("coalition", A, "--members", "ks", "--reading", "ks_contracting_authority=x")
    assert res.code == 2 and "alternatives: yes, no, unsettled" in res.err


def test_evaluate_json_states_the_readings_and_switching_changes_the_authorities(
    run_cli, model_a
) -> None:
    A = model_a.path  # noqa: N806 - model A with KS's status from the reading
    base = run_cli("evaluate", A, "--no-sensitivity", "--format", "json")
    assert base.code == 0
    doc = json.loads(base.out)
    (rec,) = [r for r in doc["readings"] if r["id"] == "ks_contracting_authority"]
    assert {"id", "value", "default", "alternatives", "source"} <= set(rec)
    assert rec["value"] == "yes"
    no = run_cli(
        "evaluate",
        A,
        "--no-sensitivity",
        "--format",
        "json",
        "--reading",
        "ks_contracting_authority=no",
    )
    doc_no = json.loads(no.out)
    (rec_no,) = [r for r in doc_no["readings"] if r["id"] == "ks_contracting_authority"]
    assert rec_no["value"] == "no"
    assert doc["authorities"] == 372 and doc_no["authorities"] == 371  # KS counted or not
