"""The law data as a procurement lawyer would check it: every entry cites its section, is dated
and names its source; what was not read in the statute says so, in the data and to the reader;
and the thresholds in the files are what the analysis uses (change one and a result changes)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from govmodel.analysis.control import ControlAnalysis
from govmodel.analysis.law_status import unverified_law, unverified_rules
from govmodel.errors import ModelError
from govmodel.law import LawData, builtin_law, load_law
from govmodel.load import load_model
from govmodel.report.citations import registry, resolve

ROOT = Path(__file__).resolve().parent.parent
LAW = ROOT / "govmodel" / "law"


def _entries(law: LawData):
    yield from law.rules.values()
    yield from law.provisions.values()


def _law_copy(tmp_path: Path) -> Path:
    """A private copy of the law directory, to edit."""
    out = tmp_path / "law"
    shutil.copytree(LAW, out, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path.name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- every entry: section, date, source ---------------------------------------------------------


def test_every_entry_has_a_section_an_in_force_date_and_a_source() -> None:
    law = builtin_law()
    entries = list(_entries(law))
    assert len(entries) > 70
    for e in entries:
        statute = e.id.split("/")[0]
        # the section and the source cite the entry's own statute, as the registry knows it
        for text in (e.section, e.source):
            cited = resolve(text)
            assert cited and cited[0].entry is not None, (e.id, text)
            assert registry()[cited[0].entry].reference == law.statutes[statute]["reference"], (
                e.id,
                text,
            )
        assert e.in_force is not None, e.id
        assert e.url.startswith("https://lovdata.no/"), (e.id, e.url)
        assert e.checked.strip(), e.id  # which text was read, and when


def test_a_verified_entry_names_a_section_and_an_unverified_one_says_what_is_uncertain() -> None:
    for e in _entries(builtin_law()):
        if e.verified:
            assert "§" in e.section and "ikke kontrollert" not in e.section, e.id
        else:
            assert len(e.note) > 40, e.id  # a sentence on what could not be checked, not a flag


def test_a_verified_rule_never_builds_on_an_unverified_one() -> None:
    law = builtin_law()
    for r in law.rules.values():
        if r.verified:
            assert unverified_law(law, r.id) == (), r.id
    # and the chain is followed: 10-1 is verified and builds on 5-18
    assert law.rules["aksjeloven/10-1"].builds_on == ("aksjeloven/5-18",)


def test_the_three_aksjeloven_entries_checked_in_this_round_cite_ledd_and_punktum() -> None:
    rules = builtin_law().rules
    assert rules["aksjeloven/13-3"].section == "aksjeloven § 13-3 (2) første punktum"
    assert rules["aksjeloven/14-6"].section == "aksjeloven § 14-6 (1) første punktum"
    # the share capital is item 3 of § 2-2 (1), not item 4 (the nominal value)
    assert "§ 2-2 (1) nr. 3" in rules["aksjeloven/10-1"].section
    for qid in ("aksjeloven/10-1", "aksjeloven/13-3", "aksjeloven/14-6"):
        r = rules[qid]
        assert r.verified and r.rule == rules["aksjeloven/5-18"].rule, qid
        assert "2026-11-30" in r.checked and "§" in r.url, qid


def test_the_readme_lists_exactly_the_unverified_entries() -> None:
    readme = (LAW / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Unverified entries", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([a-z-]+/[\w-]+)`", section, flags=re.M))
    unverified = {e.id for e in _entries(builtin_law()) if not e.verified}
    assert listed == unverified
    assert {"iks-loven/board-decision", "samvirkelova/54"} <= unverified


def test_verified_must_be_written_as_true_or_false(tmp_path: Path) -> None:
    law = _law_copy(tmp_path)
    path = law / "samvirkelova.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("verified: false", 'verified: "false"', 1), encoding="utf-8")
    with pytest.raises(ModelError) as err:
        load_law(law)
    assert "verified must be true or false" in str(err.value)
    assert "samvirkelova.yaml" in str(err.value)


def test_a_law_entry_that_is_not_a_mapping_is_a_located_error(tmp_path: Path) -> None:
    """A rule written as text (or a rules: that is not a list) is reported where it is, not a
    traceback; the same file with the entry intact loads."""
    law = _law_copy(tmp_path)
    load_law(law)  # the copy as it is loads
    path = law / "samvirkelova.yaml"
    _edit(path, "rules:\n  - id: ordinary\n", "rules:\n  - just text\n  - id: ordinary\n")
    with pytest.raises(ModelError) as err:
        load_law(law)
    assert [str(p) for p in err.value.problems] == [
        f"{path}:19:5: an entry of rules of samvirkelova must be a mapping (key: value lines); "
        "got 'just text' (text)"
    ]
    _edit(path, "rules:\n  - just text\n", "rules: 5\nxrules:\n")
    with pytest.raises(ModelError) as err:
        load_law(law)
    assert any(
        f"{path}:18:8: rules of samvirkelova must be a list" in str(p) for p in err.value.problems
    )


# --- the thresholds in the files are the ones used -------------------------------------------

BOUNDARY = """\
govmodel: 1
id: boundary
name: "Two owners: two thirds and one third"
source: "test"
actors:
  - {id: x, name: X kommune, kind: kommune, contracting_authority: true, source: "test"}
  - {id: y, name: Y kommune, kind: kommune, contracting_authority: true, source: "test"}
company:
  id: co
  name: Co
  form: FORM
  share_capital: 3
  source: "test"
  holdings:
    - {holder: x, shares: 2, source: "test"}
    - {holder: y, shares: 1, source: "test"}
organs:
  - id: styre
    seats:
      - {id: leder, chair: true, source: "test"}
"""


def _boundary(tmp_path: Path, form: str = "AS") -> Path:
    path = tmp_path / f"boundary_{form}.yaml"
    path.write_text(BOUNDARY.replace("FORM", form), encoding="utf-8")
    return path


def _x_forces(path: Path, organ: str, decision: str, law: LawData | None = None) -> bool:
    model = load_model(path, law=law)
    return ControlAnalysis(model, ["x"]).force(organ, decision).possible


def test_at_least_two_thirds_in_the_file_lets_exactly_two_thirds_pass(tmp_path: Path) -> None:
    model = _boundary(tmp_path)
    # aksjeloven § 5-18 (1): "minst to tredeler": X's 2 of 3 shares are enough
    assert _x_forces(model, "generalforsamling", "capital_increase")
    assert _x_forces(model, "generalforsamling", "merger")
    law = _law_copy(tmp_path)
    _edit(
        law / "aksjeloven.yaml",
        '- {quota: {base: capital_represented, at_least: "2/3"}}',
        '- {quota: {base: capital_represented, more_than: "2/3"}}',
    )
    changed = load_law(law)
    # "more than" two thirds: the same 2 of 3 no longer pass, in every decision built on 5-18
    assert not _x_forces(model, "generalforsamling", "capital_increase", changed)
    assert not _x_forces(model, "generalforsamling", "merger", changed)
    assert not _x_forces(model, "generalforsamling", "demerger", changed)


def test_the_rule_a_decision_points_to_is_read_from_the_file(tmp_path: Path) -> None:
    law = _law_copy(tmp_path)
    # an (unverified) IKS rule made unanimous: the two-thirds participant loses its majority
    model = _boundary(tmp_path, "IKS")
    assert _x_forces(model, "representantskap", "ordinary")
    _edit(
        law / "iks-loven.yaml",
        '    rule: {quota: {base: votes_cast, more_than: "1/2"}}\n    verified: false\n    note: >-\n'
        "      The representantskap's",
        "    rule: {unanimity: all}\n    verified: false\n    note: >-\n"
        "      The representantskap's",
    )
    assert not _x_forces(model, "representantskap", "ordinary", load_law(law))


# --- the reader sees what is unverified -----------------------------------------------------


def test_unverified_rules_follow_the_flag_in_the_file(tmp_path: Path, model_a) -> None:
    model = _boundary(tmp_path, "IKS")
    found = {(u.organ, u.decision, u.law) for u in unverified_rules(load_model(model))}
    assert ("styre", "ordinary", "iks-loven/board-decision") in found
    assert ("representantskap", "ordinary", "iks-loven/representantskap-ordinary") in found
    assert unverified_rules(model_a) == ()  # A rests on verified aksjeloven rules only
    law = _law_copy(tmp_path)
    _edit(
        law / "iks-loven.yaml",
        '    rule: {quota: {base: seats_present, more_than: "1/2"}}\n    verified: false',
        '    rule: {quota: {base: seats_present, more_than: "1/2"}}\n    verified: true',
    )
    flipped = {u.law for u in unverified_rules(load_model(model), load_law(law))}
    assert "iks-loven/board-decision" not in flipped
    assert "iks-loven/representantskap-ordinary" in flipped
    # and an unverified rule that verified ones build on marks every one of them
    law2 = _law_copy(tmp_path / "second")
    _edit(
        law2 / "aksjeloven.yaml",
        '        - {quota: {base: capital_represented, at_least: "2/3"}}\n    verified: true',
        '        - {quota: {base: capital_represented, at_least: "2/3"}}\n    verified: false',
    )
    marked = {
        (u.decision, u.law)
        for u in unverified_rules(load_model(_boundary(tmp_path)), load_law(law2))
    }
    assert ("capital_increase", "aksjeloven/5-18") in marked
    assert ("merger", "aksjeloven/5-18") in marked


@pytest.mark.parametrize(
    ("lang", "mark", "word"),
    [
        ("en", "not verified against the statute text", "(not verified)"),
        ("nb", "ikke kontrollert mot lovteksten", "(ikke kontrollert)"),
    ],
)
def test_show_and_the_report_mark_unverified_rules(tmp_path: Path, run_cli, lang, mark, word):
    iks = _boundary(tmp_path, "IKS")
    shown = run_cli("show", "--lang", lang, iks)
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    at = next(i for i, line in enumerate(lines) if mark in line)
    assert "IKS-loven" in lines[at]
    report = run_cli("evaluate", "--lang", lang, "--no-sensitivity", iks)
    assert report.code == 0, report.err
    assert mark.capitalize() in report.out and word in report.out
    # a model on verified rules only carries no mark
    plain = run_cli("evaluate", "--lang", lang, "--no-sensitivity", _boundary(tmp_path))
    assert plain.code == 0, plain.err
    assert mark.capitalize() not in plain.out and word not in plain.out
    assert mark not in run_cli("show", "--lang", lang, _boundary(tmp_path)).out
    # and the comparison marks the thresholds of the unverified rules (the IKS board's)
    both = run_cli("compare", "--lang", lang, "--no-power", _boundary(tmp_path), iks)
    assert both.code == 0, both.err
    assert word in both.out
