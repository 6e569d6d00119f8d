"""The evaluation report as a memo: names instead of ids, every authority with its route, Word
and spreadsheet outputs read back, model text escaped, sources from the registry, a receipt that
makes the same input give the same bytes."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import re
from pathlib import Path

import pytest
import yaml
from report_ids import ids_in

from govmodel.analysis.criteria import evaluate
from govmodel.cli import main
from govmodel.load import load_model
from govmodel.model import Text
from govmodel.report.citations import FORBIDDEN, registry, resolve
from govmodel.report.document import Bullets, Cell, Doc, Heading, Para, Table
from govmodel.report.evaluation import evaluation_doc
from govmodel.report.writers import render

ROOT = Path(__file__).resolve().parent.parent
A = str(ROOT / "models" / "ownership_a.yaml")
B = str(ROOT / "models" / "ownership_b.yaml")
EPOCH = "1796000000"  # 2026-11-30 00:53 UTC
SNAKE = re.compile(r"(?<![\w/.\-\[])[a-z][a-z0-9]*_[a-z0-9_]+(?![\w.\-/])")


@pytest.fixture(autouse=True)
def _pinned_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def run(capsysbinary, *argv: str) -> tuple[int, bytes, str]:
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out, err.decode()


def _without_receipt_files(text: str) -> str:
    """The report without file paths (the receipt lists the files read, by path)."""
    return re.sub(r"\S+\.(?:yaml|csv)\b", "", text)


@pytest.fixture(scope="module")
def b_eval():
    """Model B evaluated once, as `govmodel evaluate` does by default (with the sensitivity
    analysis: the first page's "what would change it")."""
    from govmodel.analysis.sensitivity import sensitivity

    ev = evaluate(load_model(B))
    return dataclasses.replace(ev, sensitivity=sensitivity(ev))


@pytest.fixture(scope="module")
def b_nb_md(b_eval) -> str:
    return render(evaluation_doc(b_eval, "nb"), "md")


# --- names, not ids --------------------------------------------------------------------------


def test_no_snake_case_id_in_the_markdown_report(capsysbinary):
    code, out, _ = run(capsysbinary, "evaluate", B, "--lang", "nb", "--format", "md")
    assert code == 0
    text = _without_receipt_files(out.decode())
    assert SNAKE.findall(text) == []
    # the --ids flag brings them back, in brackets after the names
    code, out, _ = run(
        capsysbinary, "evaluate", B, "--lang", "nb", "--format", "html", "--ids", "--no-sensitivity"
    )
    assert code == 0 and "[fylkesmote_11]" in out.decode()


def test_no_model_id_in_any_text_report(b_eval):
    """No id of the models (underscored ids, organ.decision keys, relation ids, KS's ``ks``)
    in the text, Markdown or HTML report of A and B, in either language."""
    for ev in (evaluate(load_model(A)), b_eval):
        for lang in ("nb", "en"):
            for fmt in ("text", "md", "html"):
                text = _without_receipt_files(str(render(evaluation_doc(ev, lang), fmt)))
                assert ids_in(text) == [], (ev.model.id, lang, fmt)
    # the check sees ids where a report shows them
    assert ids_in("vedtatt av generalforsamling.eierstrategi (ks)") == [
        "generalforsamling.eierstrategi",
        "ks",
    ]


_ELEMENT_HEADERS = ("| element | vurdering | begrunnelse |", "| element | verdict | reasoning |")


def _element_cells(md: str) -> list[str]:
    """The first cell of every row of the criteria's element tables."""
    cells, inside = [], False
    for line in md.splitlines():
        if line in _ELEMENT_HEADERS:
            inside = True
        elif inside and line.startswith("|") and not line.startswith("|---"):
            cells.append(line.strip("|").split(" | ")[0].strip())
        elif not line.startswith("|"):
            inside = False
    return cells


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_element_of_a_criterion_is_named(b_eval, lang):
    """An element is a part of the model (named from it) or an aspect of a criterion (named
    from the catalogue: participation's capital, bodies, decisions): never its engine key."""
    ev = b_eval
    keys = {e.key for v in ev.criteria for e in v.elements if not e.key.isdigit()}
    assert {"capital", "bodies", "decisions"} <= keys
    cells = _element_cells(render(evaluation_doc(ev, lang), "md"))
    assert len(cells) >= 10
    assert sorted(keys & set(cells)) == []
    assert ("andel i kapitalen" if lang == "nb" else "stake in the capital") in cells
    # the check sees an engine key where there is one
    assert _element_cells("| element | verdict | reasoning |\n|---|---|---|\n| bodies | x |") == [
        "bodies"
    ]


def test_chains_read_as_sentences(b_nb_md):
    assert (
        "Utsira er medlem av Fylkesmøtet i KS Rogaland, som velger Landstinget (periodisk), som "
        "velger Hovedstyret i KS (periodisk), som instruerer KS" in b_nb_md
    )
    assert "—elects→" not in b_nb_md and "∈" not in b_nb_md


# --- every authority ----------------------------------------------------------------------------


def test_markdown_and_html_list_every_authority_with_its_route(capsysbinary):
    m = load_model(B)
    n = len(m.contracting_authorities())
    assert n == 372  # the kommuner and fylkeskommuner, and KS under the default reading
    for fmt in ("md", "html"):
        code, out, _ = run(
            capsysbinary, "evaluate", B, "--lang", "en", "--format", fmt, "--no-sensitivity"
        )
        text = out.decode()
        assert code == 0
        # the appendix row (the weakest-participant lines name Utsira too)
        utsira = [line for line in text.splitlines() if "Utsira is a member of" in line]
        assert utsira and "Utsira is a member of Fylkesmøtet i KS Rogaland" in utsira[0], fmt
        assert "Rogaland" in utsira[0] and "215" in utsira[0]
    # one row per authority
    appendix = text.split("Appendix: every contracting authority", 1)[1]
    rows = [
        line for line in appendix.splitlines() if line.startswith("<tr>") and "diffuse:" in line
    ]
    assert len(rows) == n  # KS, the direct shareholder, reaches the board through its organs


def test_coverage_csv_reads_back(capsysbinary):
    code, out, _ = run(capsysbinary, "coverage", A, "--format", "csv", "--lang", "en")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.decode())))
    assert len(rows) == len(load_model(A).contracting_authorities()) == 372
    utsira = next(r for r in rows if r["authority"] == "Utsira")
    assert utsira["fylke"] == "Rogaland" and int(utsira["population"]) == 215
    assert int(utsira["shares"]) > 0  # model A: every kommune holds shares
    assert utsira["General meeting: link"] == "direct"
    # model B: the route goes through KS
    code, out, _ = run(capsysbinary, "coverage", B, "--format", "csv", "--lang", "en")
    rows_b = {r["authority"]: r for r in csv.DictReader(io.StringIO(out.decode()))}
    assert rows_b["Utsira"]["General meeting: link"] == "diffuse"
    assert rows_b["Utsira"]["shares"] == "0"
    assert "which instructs KS" in rows_b["Utsira"]["General meeting: route"]


def test_coverage_xlsx_reads_back(tmp_path, capsysbinary):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "a.xlsx"
    code, _, err = run(
        capsysbinary, "coverage", B, "--format", "xlsx", "-o", str(target), "--lang", "nb"
    )
    assert code == 0, err
    ws = openpyxl.load_workbook(target).active
    header = [c.value for c in ws[1]]
    assert header[:4] == ["oppdragsgiver", "type", "fylke", "innbyggere"]
    assert ws.max_row == 1 + len(load_model(B).contracting_authorities())
    utsira = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "Utsira")
    assert utsira[3] == 215 and utsira[6] == "diffus"
    first = target.read_bytes()
    code, _, _ = run(
        capsysbinary,
        "coverage",
        B,
        "--format",
        "xlsx",
        "-o",
        str(target),
        "--lang",
        "nb",
        "--force",
    )
    assert target.read_bytes() == first  # deterministic


def test_csv_cells_cannot_become_formulas():
    from govmodel.commands.coverage import to_csv

    out = to_csv(["a"], [['=HYPERLINK("x")'], ["+1"], ["plain"]])
    assert "'=HYPERLINK" in out and "'+1" in out and "\nplain\n" in out


# --- Word ---------------------------------------------------------------------------------------


def test_docx_reads_back_with_headings_tables_and_citations(tmp_path, capsysbinary):
    docx = pytest.importorskip("docx")
    target = tmp_path / "b.docx"
    code, _, err = run(
        capsysbinary, "evaluate", B, "--lang", "nb", "--format", "docx", "-o", str(target)
    )
    assert code == 0, err
    d = docx.Document(str(target))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert "Spørsmålet" in headings and "Svaret" in headings and "Kilder" in headings
    assert "Vedlegg: alle oppdragsgivere" in headings and "Kvittering" in headings
    text = "\n".join(p.text for p in d.paragraphs)
    assert "Konseptutredning – organisering av KS digitale fellestjenester" in text
    assert "FOR-2016-08-12-974" in text
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert any(c.startswith("diffus: Utsira er medlem av") for c in cells)
    assert d.core_properties.created.year == 2026
    first = target.read_bytes()
    run(
        capsysbinary,
        "evaluate",
        B,
        "--lang",
        "nb",
        "--format",
        "docx",
        "-o",
        str(target),
        "--force",
    )
    assert target.read_bytes() == first


# --- escaping ------------------------------------------------------------------------------------

LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(")
HOSTILE = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) **b** | `c`"


def test_model_text_is_inert_in_markdown_and_html():
    m = load_model(B)
    m = dataclasses.replace(m, name=Text(HOSTILE))
    ev = evaluate(m, structure=False)
    md = render(evaluation_doc(ev, "en"), "md")
    assert "<img" not in md and not LINK.search(md) and "&lt;img" in md
    html = render(evaluation_doc(ev, "en"), "html")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    # without escaping the test would see the markup
    assert "<img" in HOSTILE


def test_writers_escape_every_block():
    doc = Doc(HOSTILE, "en")
    doc.add(Heading(HOSTILE), Para(HOSTILE), Bullets((HOSTILE, "a\n" + HOSTILE)))
    doc.add(Table((HOSTILE,), ((Cell(HOSTILE),),)))
    md = render(doc, "md")
    html = render(doc, "html")
    assert "<img" not in md and not LINK.search(md)
    assert LINK.search(HOSTILE)  # the check would see an unescaped link
    assert "<img" not in html
    text = render(doc, "text")
    assert "\x1b" not in text
    ctrl = Doc("a\x1b]52;c;x\x07b\x9b2J", "en")
    assert "\x1b" not in render(ctrl, "text") and "\x9b" not in render(ctrl, "html")
    assert isinstance(render(ctrl, "docx"), bytes)  # XML cannot hold control characters


# --- sources --------------------------------------------------------------------------------


def _source_strings() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def walk(x, where):
        if isinstance(x, dict):
            for k, v in x.items():
                if k in ("source", "sources"):
                    for s in v if isinstance(v, list) else [v]:
                        if isinstance(s, str):
                            found.append((where, s))
                        elif isinstance(s, dict) and set(s) == {"nb", "en"}:
                            found.extend([(where, s["nb"]), (where, s["en"])])
                walk(v, where)
        elif isinstance(x, list):
            for v in x:
                walk(v, where)

    files = sorted((ROOT / "models").rglob("*.yaml")) + sorted(
        (ROOT / "govmodel" / "law").rglob("*.yaml")
    )
    for p in files:
        if p.name == "sources.yaml":
            continue
        walk(yaml.safe_load(p.read_text(encoding="utf-8")), str(p.relative_to(ROOT)))
    return found


def test_every_cited_source_has_a_registry_entry():
    unresolved = set()
    for _where, s in _source_strings():
        for c in resolve(s):
            if c.entry is None and not FORBIDDEN.search(c.raw):
                unresolved.add(c.raw)
    assert sorted(unresolved) == []
    # and resolution can fail: a file name is no source
    assert resolve("Ukjent kilde § 1")[0].entry is None
    assert resolve("template forms/stiftelse.yaml (self-renewing board)")[0].entry is None
    # the stiftelse's self-renewing board cites the statute, by its registry entry
    c = resolve("stiftelsesloven § 10 (vedtektene bestemmer hvordan styret velges)")[0]
    assert c.entry == "stiftelsesloven" and c.pinpoint.startswith("§ 10")
    assert registry()["stiftelsesloven"].reference == "LOV-2001-06-15-59"


def test_nothing_cites_the_teams_notes():
    cites = [(w, s) for w, s in _source_strings() if FORBIDDEN.search(s)]
    assert cites == []
    assert FORBIDDEN.search("BRIEF §2") and resolve("BRIEF §2")[0].entry is None


def test_registry_statutes_agree_with_the_law_data():
    reg = registry()
    for p in sorted((ROOT / "govmodel" / "law").glob("*.yaml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        ref = data.get("reference") if isinstance(data, dict) else None
        if not ref:
            continue
        assert any(s.reference == ref for s in reg.values()), (p.name, ref)


def test_reports_cite_the_study_by_title_and_list_the_sources(b_nb_md):
    assert "002 §" not in b_nb_md and "BRIEF" not in b_nb_md
    assert "Konseptutredning – organisering av KS digitale fellestjenester, punkt 5.5.2" in b_nb_md
    tail = b_nb_md.split("## Kilder", 1)[1]
    assert "KS, Konseptutredning" in tail and "versjon 1.0, 11. mai 2022" in tail
    assert "Lov om aksjeselskaper (aksjeloven), LOV-1997-06-13-44" in tail or "aksjeloven" in tail


# --- receipt --------------------------------------------------------------------------------------


def test_receipt_names_the_files_with_their_hashes(b_nb_md):
    receipt = b_nb_md.split("## Kvittering", 1)[1]
    digest = hashlib.sha256(Path(B).read_bytes()).hexdigest()
    # Markdown escapes the underscore of the file name
    assert "models/ownership\\_b.yaml" in receipt and digest in receipt
    assert "govmodel/law/aksjeloven.yaml" in receipt
    assert "KS' status som oppdragsgiver" in receipt  # the reading, by name


def test_same_input_same_bytes_and_the_date_is_pinned(capsysbinary, monkeypatch):
    outs = {
        run(capsysbinary, "evaluate", B, "--format", "md", "--lang", "en", "--no-sensitivity")[1]
        for _ in range(2)
    }
    assert len(outs) == 1
    assert b"30 November 2026" in outs.pop()
    _, other, _ = run(
        capsysbinary,
        "evaluate",
        B,
        "--format",
        "md",
        "--lang",
        "en",
        "--no-sensitivity",
        "--date",
        "2027-01-02",
    )
    assert b"2 January 2027" in other
    code, _, err = run(capsysbinary, "evaluate", B, "--date", "yesterday")
    assert code == 2 and "YYYY-MM-DD" in err


# --- language ---------------------------------------------------------------------------------

_ENGLISH = re.compile(r"\b(the|which|elected|assumed|whether|members|every)\b")


def _report_own_text(doc: Doc, model) -> list[str]:
    """The texts of the report that are not the model's own (assumptions, descriptions)."""
    model_texts = set()
    things = list(model.actors.values()) + list(model.organs.values()) + list(model.relations)
    things += list(model.documents.values()) + list(model.activity) + [model.company]
    for x in things:
        for field in ("description", "basis"):
            v = getattr(x, field, None)
            if v:
                model_texts.add(str(v))
        a = x.provenance.assumption
        if a:
            model_texts.add(str(a))
    for o in model.organs.values():
        for seat in o.seats:
            if seat.provenance.assumption:
                model_texts.add(str(seat.provenance.assumption))
        for d in o.decisions:
            if d.provenance.assumption:
                model_texts.add(str(d.provenance.assumption))
    out = []
    for text in doc.texts():
        for mt in model_texts:
            text = text.replace(mt, "")
        out.append(text)
    return out


def test_the_norwegian_report_has_no_english_of_its_own(b_eval):
    m = b_eval.model
    doc = evaluation_doc(b_eval, "nb")
    english = [t for t in _report_own_text(doc, m) if _ENGLISH.search(t)]
    assert english == []
    # the check sees English when there is some
    assert _ENGLISH.search("elected by the fylke's members")


def test_the_norwegian_report_has_no_english_at_all(b_nb_md):
    assert _ENGLISH.findall(_without_receipt_files(b_nb_md)) == []


# --- the docs show current reports ---------------------------------------------------------------


def test_the_docs_excerpts_are_the_current_reports(b_eval, b_nb_md):
    """docs/reports.md shows model B's first page and Utsira's appendix row in nb and en; each
    excerpt is a piece of today's report (regenerate them when the report changes)."""
    docs = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    blocks = re.findall(r"````markdown\n(.*?)````", docs, re.S)
    assert len(blocks) == 4  # the first page and Utsira's row, in each language
    reports = {"nb": b_nb_md, "en": render(evaluation_doc(b_eval, "en"), "md")}
    for block in blocks:
        lang = "nb" if "Spørsmålet" in block or "Utsira er medlem" in block else "en"
        assert block in reports[lang], block[:200]
    assert "Utsira er medlem av Fylkesmøtet i KS Rogaland" in blocks[1]
    assert "Utsira is a member of Fylkesmøtet i KS Rogaland" in blocks[3]


def test_turnover_is_money_for_the_locale(b_eval, b_nb_md):
    """The activity criterion's turnover in kroner as the language writes it (CLDR: no-break
    spaces in nb), not bare digits."""
    nbsp = "\u00a0"
    kr = f"18{nbsp}240{nbsp}000{nbsp}kr av 19{nbsp}000{nbsp}000{nbsp}kr"
    assert kr in b_nb_md
    assert f"NOK{nbsp}18,240,000 of NOK{nbsp}19,000,000" in render(
        evaluation_doc(b_eval, "en"), "md"
    )
    assert "18240000" not in b_nb_md
