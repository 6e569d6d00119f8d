"""A model's own citation of a statute section not verified against the statute text carries
the same mark as a rule taken from it: an organ's, relation's or document's ``source:`` in
``govmodel show``, and a verdict's sources in every format of the evaluation report."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_law import BOUNDARY, _edit, _law_copy

from govmodel.law import load_law
from govmodel.report.unverified import cited_unverified, sections

ROOT = Path(__file__).resolve().parent.parent

# an IKS of two kommuner: its organs come from the IKS template (the representantskap cites
# IKS-loven §§ 6–7, the board's election § 10), its board cites § 3 (verified) instead, and its
# agreement cites § 7 (not verified)
IKS = BOUNDARY.replace("FORM", "IKS").replace(
    "  - id: styre\n", '  - id: styre\n    source: "BOARD_SOURCE"\n'
) + (
    "documents:\n"
    "  - id: avtale\n"
    "    name: Selskapsavtale for Co IKS\n"
    "    kind: selskapsavtale\n"
    '    source: "AGREEMENT_SOURCE"\n'
    "    clauses: {non_commercial: true, pricing: cost}\n"
)

#: the first page's item for a section a verdict's sources cite (IKS-loven § 7)
CITED = {
    "en": "Authority of the representantskap (IKS-loven § 7), cited as a source of Joint control",
    "nb": "Representantskapets myndighet (IKS-loven § 7), sitert som kilde for Felles kontroll",
}

MARKS = {
    "en": ("not verified against the statute text", "(not verified)"),
    "nb": ("ikke kontrollert mot lovteksten", "(ikke kontrollert)"),
}


def _model(tmp_path: Path, board: str = "IKS-loven § 3", agreement: str = "IKS-loven § 7") -> Path:
    path = tmp_path / "small_iks.yaml"
    text = IKS.replace("BOARD_SOURCE", board).replace("AGREEMENT_SOURCE", agreement)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_source_cites_the_unverified_sections_it_names(tmp_path: Path) -> None:
    assert [e.id for e in cited_unverified("IKS-loven §§ 10, 13")] == [
        "iks-loven/10",
        "iks-loven/13",
    ]
    # a range, a continuation after "§", and a remark in brackets
    assert [e.id for e in cited_unverified("IKS-loven §§ 6–7")] == ["iks-loven/6", "iks-loven/7"]
    assert [e.id for e in cited_unverified("002 §5.2.2; samvirkelova § 14")] == ["samvirkelova/14"]
    assert [e.id for e in cited_unverified("IKS-loven § 13 (not verified)")] == ["iks-loven/13"]
    # verified sections, and a ledd wider than the unverified sentence in it, are not marked
    assert cited_unverified("IKS-loven §§ 1, 3") == ()
    assert cited_unverified("aksjeloven § 5-18 (1)") == ()
    assert cited_unverified("IKS-loven § 4 annet ledd") == ()
    assert [e.id for e in cited_unverified("IKS-loven § 4 annet ledd annet punktum")] == [
        "iks-loven/4-2-other"
    ]
    assert sections("§ 5-17–5-19 (1)") == [("5-17", "(1)"), ("5-18", "(1)"), ("5-19", "(1)")]
    # the flag in the law file decides: § 10 read and set verified, its citation is plain
    law = _law_copy(tmp_path)
    old = "    facts: {elected_by: representantskap}\n    verified: false"
    _edit(law / "iks-loven.yaml", old, old.replace("false", "true"))
    assert [e.id for e in cited_unverified("IKS-loven §§ 10, 13", load_law(law))] == [
        "iks-loven/13"
    ]


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_show_marks_organs_relations_and_documents_citing_unverified_sections(
    tmp_path: Path, run_cli, lang: str
) -> None:
    line, _word = MARKS[lang]
    shown = run_cli("show", "--lang", lang, _model(tmp_path))
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()

    def marks_after(prefix: str) -> list[str]:
        at = next(i for i, x in enumerate(lines) if x.strip().startswith(prefix))
        out = []
        for x in lines[at + 1 :]:
            if line not in x:
                break
            out.append(x)
        return out

    # the representantskap's own source: IKS-loven §§ 6–7, both unverified, each by name
    organ = marks_after(("kilde: " if lang == "nb" else "source: ") + "IKS-loven §§ 6–7")
    assert len(organ) == 2 and "IKS-loven § 6" in organ[0] and "IKS-loven § 7" in organ[1]
    # the relation electing the board cites § 10
    elects = next(x for x in lines if x.rstrip().endswith("— IKS-loven § 10"))
    assert "IKS-loven § 10" in lines[lines.index(elects) + 1]
    assert line in lines[lines.index(elects) + 1]
    # the agreement cites § 7
    assert marks_after("Selskapsavtale for Co IKS")
    # the board cites the verified § 3: plain
    assert marks_after(("kilde: " if lang == "nb" else "source: ") + "IKS-loven § 3") == []
    # and the same organ citing § 10 instead carries the mark
    moved = run_cli("show", "--lang", lang, _model(tmp_path, board="IKS-loven § 10"))
    after = moved.out.splitlines()
    at = after.index(next(x for x in after if x.strip().endswith("IKS-loven § 10")))
    assert line in after[at + 1]
    # model A cites no unverified section
    assert line not in run_cli("show", "--lang", lang, ROOT / "models" / "ownership_a.yaml").out


def _docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_the_reports_sources_mark_a_cited_unverified_section_in_every_format(
    tmp_path: Path, run_cli, lang: str
) -> None:
    _line, word = MARKS[lang]
    model = _model(tmp_path)
    for fmt in ("text", "md", "html"):
        out = run_cli("evaluate", "--lang", lang, "--no-sensitivity", "--format", fmt, model)
        assert out.code == 0, out.err
        assert f"IKS-loven § 7 {word}" in out.out, fmt
    # and the first page's paragraph on unverified law names the section and who cites it
    text = " ".join(run_cli("evaluate", "--lang", lang, "--no-sensitivity", model).out.split())
    assert CITED[lang] in text, text[:3000]
    docx = tmp_path / "report.docx"
    out = run_cli(
        "evaluate", "--lang", lang, "--no-sensitivity", "--format", "docx", "-o", docx, model
    )
    assert out.code == 0, out.err
    assert f"IKS-loven § 7 {word}" in _docx_text(docx.read_bytes())
    out = run_cli("evaluate", "--lang", lang, "--no-sensitivity", "--format", "json", model)
    verdicts = json.loads(out.out)["criteria"]
    marked = [v for v in verdicts if v["unverified_law"]]
    assert [v["unverified_law"] for v in marked] == [["iks-loven/7"]]
    assert f"IKS-loven § 7 {word}" in marked[0]["citations"]
    # the agreement citing the verified § 3 instead: no verdict's source carries the mark
    plain = _model(tmp_path, agreement="IKS-loven § 3")
    out = run_cli("evaluate", "--lang", lang, "--no-sensitivity", "--format", "json", plain)
    assert all(not v["unverified_law"] for v in json.loads(out.out)["criteria"])
    assert "IKS-loven § 3" in out.out and f"IKS-loven § 3 {word}" not in out.out
    text = " ".join(run_cli("evaluate", "--lang", lang, "--no-sensitivity", plain).out.split())
    assert CITED[lang].split("(")[0] not in text


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_govmodel_power_marks_a_rule_from_unverified_law(tmp_path: Path, run_cli, lang) -> None:
    _line, word = MARKS[lang]
    args = ("power", "--lang", lang, "--organ", "styre", "--decision", "ordinary")
    out = run_cli(*args, _model(tmp_path))
    assert out.code == 0, out.err
    rule = next(x for x in out.out.splitlines() if x.startswith(("Rule:", "Regel:")))
    assert word in rule  # the IKS board's rule (IKS-loven, board decisions) is not verified
    data = json.loads(run_cli(*args, "--format", "json", _model(tmp_path)).out)
    assert data["unverified_law"] == ["iks-loven/board-decision"]
    # the same board as an AS: aksjeloven § 6-24, verified
    plain = tmp_path / "as.yaml"
    plain.write_text(BOUNDARY.replace("FORM", "AS"), encoding="utf-8")
    out = run_cli(*args, plain)
    assert out.code == 0, out.err
    assert word not in out.out
    assert json.loads(run_cli(*args, "--format", "json", plain).out)["unverified_law"] == []


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_govmodel_coalition_marks_a_rule_from_unverified_law(tmp_path: Path, run_cli, lang) -> None:
    line, word = MARKS[lang]
    args = ("coalition", "--lang", lang, "--members", "x", "--organ", "styre")
    out = run_cli(*args, _model(tmp_path))
    assert out.code == 0, out.err
    assert line in out.out.lower()  # the paragraph naming the unverified entry
    rules = [x for x in out.out.splitlines() if x.startswith(("Rule:", "Regel:"))]
    assert rules and all(word in x for x in rules)  # the IKS board's rules rest on it
    data = json.loads(run_cli(*args, "--format", "json", _model(tmp_path)).out)
    assert {tuple(d["unverified_law"]) for d in data["decisions"]} == {
        ("iks-loven/board-decision",)
    }
    # the same board as an AS: aksjeloven, verified, so neither the paragraph nor the mark
    plain = tmp_path / "as.yaml"
    plain.write_text(BOUNDARY.replace("FORM", "AS"), encoding="utf-8")
    out = run_cli(*args, plain)
    assert out.code == 0, out.err
    assert line not in out.out.lower() and word not in out.out
    data = json.loads(run_cli(*args, "--format", "json", plain).out)
    assert all(d["unverified_law"] == [] for d in data["decisions"])
