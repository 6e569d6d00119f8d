"""The malformed-file corpus (tests/bad/): every file is refused with exit code 2, located
messages (FILE:LINE:COL: message) that point at the actual problem, and no traceback.

Expectations are written in the corpus files (see tests/bad/README.md):
``# error: TEXT`` / ``# error@COL: TEXT`` at the end of the offending line, or header lines
``# expect: [PATH:]LINE[:COL] TEXT``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SMALL_MODEL = TESTS / "data" / "small_model.yaml"

BAD = TESTS / "bad"
INLINE = re.compile(r"#\s*error(?:@(\d+))?:\s*(.+?)\s*$")
HEADER = re.compile(r"^#\s*expect:\s*(?:(\S+?\.(?:yaml|csv)):)?(\d+)(?::(\d+))?\s+(.+?)\s*$")
# FILE:LINE:COL: message, FILE:LINE: message or (whole-file problems) FILE: message
PROBLEM = re.compile(r"^(?P<file>[^:]+?)(?::(?P<line>\d+))?(?::(?P<col>\d+))?: (?P<msg>.*)$")


@dataclass(frozen=True)
class Expect:
    file: str  # normalised path
    line: int  # 0: a whole-file problem, printed without a line
    col: int | None
    text: str


def _norm(p: str | Path) -> str:
    return os.path.normpath(str(p))


# files that cannot carry comments
SPECIAL: dict[str, list[tuple[int, int | None, str]]] = {
    "empty.yaml": [(1, 1, "file is empty; expected a govmodel model")],
    # bytes 89 50 4e 47 0d 0a 1a 0a 00: the NUL is the first byte of line 3
    "binary.png": [(3, 1, "file contains NUL bytes (binary data)")],
    # UTF-16LE with a byte-order mark: named as such, not called "binary"
    "utf16.yaml": [(1, 1, "file is UTF-16LE text; save it as UTF-8")],
}


def expectations(path: Path) -> list[Expect]:
    if path.name in SPECIAL:
        return [Expect(_norm(path), ln, col, text) for ln, col, text in SPECIAL[path.name]]
    text = path.read_bytes().decode("utf-8", errors="replace")
    out: list[Expect] = []
    for i, line in enumerate(text.splitlines(), start=1):
        m = HEADER.match(line)
        if m:
            target = _norm(path.parent / m[1]) if m[1] else _norm(path)
            out.append(Expect(target, int(m[2]), int(m[3]) if m[3] else None, m[4]))
            continue
        m = INLINE.search(line)
        if m:
            out.append(Expect(_norm(path), i, int(m[1]) if m[1] else None, m[2]))
    return out


def corpus() -> list[Path]:
    return sorted(p for p in BAD.iterdir() if p.is_file() and p.name != "README.md")


def command_for(path: Path) -> list[str | Path]:
    head = path.read_bytes()[:200]
    if b"# run: scenario" in head:
        return ["check", SMALL_MODEL, "--scenario", path]
    return ["check", path]


def check_refused(result, expected: list[Expect]) -> list[tuple[str, int, int | None, str]]:
    """Assert exit 2, no traceback, every stderr line located, every expectation met."""
    assert result.code == 2, f"exit {result.code}\n{result.err}"
    both = result.out + result.err
    assert "Traceback" not in both and "internal error" not in both, both
    reported: list[tuple[str, int, int | None, str]] = []
    lines = [ln for ln in result.err.splitlines() if ln.strip()]
    assert lines, "nothing printed"
    for ln in lines:
        m = PROBLEM.match(ln)
        assert m, f"not a located problem: {ln!r}"
        if re.fullmatch(r"invalid \(\d+ problems?\)", m["msg"]):
            continue
        reported.append(
            (
                _norm(m["file"]),
                int(m["line"] or 0),
                int(m["col"]) if m["col"] else None,
                m["msg"],
            )
        )
    assert reported, result.err
    for exp in expected:
        hits = [
            r
            for r in reported
            if r[0] == exp.file
            and r[1] == exp.line
            and (exp.col is None or r[2] == exp.col)
            and exp.text in r[3]
        ]
        where = f"{exp.file}:{exp.line}" + (f":{exp.col}" if exp.col else "")
        assert hits, f"expected at {where}: {exp.text!r}\ngot:\n{result.err}"
    return reported


@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.name)
def test_corpus_file_is_refused_with_located_messages(path: Path, run_cli) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} states no expected problem"
    # at least one problem of each file is located by line (whole-file problems aside)
    check_refused(run_cli(*command_for(path)), expected)


def test_corpus_covers_the_issue_list() -> None:
    names = {p.name for p in corpus()}
    for required in (
        "yaml_syntax_error.yaml",
        "tab_indent.yaml",
        "wrong_types.yaml",
        "unknown_keys.yaml",
        "unknown_actor.yaml",
        "unknown_organ.yaml",
        "unknown_decision.yaml",
        "unknown_seat.yaml",
        "unknown_group.yaml",
        "unknown_document.yaml",
        "unknown_law_rule.yaml",
        "duplicate_ids.yaml",
        "duplicate_key.yaml",
        "holdings_sum.yaml",
        "threshold_out_of_range.yaml",
        "threshold_malformed.yaml",
        "quota_both_thresholds.yaml",
        "appointment_cycle.yaml",
        "proxy_from_nonholder.yaml",
        "unfilled_seat.yaml",
        "empty.yaml",
        "binary.png",
        "latin1.yaml",
        "nul_bytes.yaml",
        "alias_bomb.yaml",
        "deep_nesting.yaml",
        "python_tag.yaml",
        "other_tags.yaml",
        "merge_key.yaml",
        "variant_bad_base.yaml",
        "scenario_unknown_op.yaml",
        "many_problems.yaml",
    ):
        assert required in names


def test_deep_nesting_file_has_thousands_of_levels() -> None:
    assert (BAD / "deep_nesting.yaml").read_text().count("[") >= 5000


def test_alias_bomb_would_expand_to_a_billion_values() -> None:
    text = (BAD / "alias_bomb.yaml").read_text()
    assert text.count("*a7") == 10 and "a8: &a8" in text


def test_missing_file(run_cli, tmp_path: Path) -> None:
    missing = tmp_path / "no_such_model.yaml"
    check_refused(
        run_cli("check", missing),
        [Expect(_norm(missing), 0, None, "cannot read file: No such file or directory")],
    )


def test_directory(run_cli, tmp_path: Path) -> None:
    check_refused(
        run_cli("check", tmp_path),
        [Expect(_norm(tmp_path), 0, None, "is a directory; expected a YAML file")],
    )


def test_file_of_tens_of_megabytes(run_cli, tmp_path: Path) -> None:
    big = tmp_path / "huge.yaml"
    line = b'  - {id: actor_%07d, kind: person, source: "generated"}\n'
    with open(big, "wb") as fh:
        fh.write(b'govmodel: 1\nid: huge\nsource: "generated"\nactors:\n')
        fh.writelines(line % i for i in range(600_000))
    assert big.stat().st_size > 30_000_000
    check_refused(
        run_cli("check", big),
        [Expect(_norm(big), 0, None, "file is larger than 2,000,000 bytes")],
    )


def test_one_file_with_many_problems_reports_all_of_them(run_cli) -> None:
    """Problems from every stage of the build (keys, types, ids, rules, sums, seats,
    cross-references) come out of a single run."""
    path = BAD / "many_problems.yaml"
    expected = expectations(path)
    assert len(expected) >= 8
    reported = check_refused(run_cli("check", path), expected)
    assert len(reported) == len(expected), "\n".join(map(str, reported))
    assert f"invalid ({len(expected)} problems)" in run_cli("check", path).err


def test_several_yaml_level_problems_are_reported_together(run_cli) -> None:
    path = BAD / "other_tags.yaml"
    reported = check_refused(run_cli("check", path), expectations(path))
    assert len(reported) == 5


def test_check_stops_at_nothing_and_checks_every_file(run_cli) -> None:
    """Several files on one command line: each is checked; the exit code is 2 if any fails."""
    r = run_cli("check", SMALL_MODEL, BAD / "holdings_sum.yaml", BAD / "unfilled_seat.yaml")
    assert r.code == 2
    assert f"{SMALL_MODEL}: ok" in r.out
    assert "holdings_sum.yaml:12:18: holdings sum to 100001 shares" in r.err
    assert "unfilled_seat.yaml:15:9: seat revisjonsutvalg.member has no holder" in r.err
