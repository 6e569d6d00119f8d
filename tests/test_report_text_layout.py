"""The direct text layout (govmodel/report/writers/plaintext.py) writes the same bytes as rich.

Without colour, reports are laid out without rich's renderer; rich stays the reference (and the
writer for colour and for text whose characters are not all one cell wide). These tests compare
the two on real reports and on generated documents that exercise wrapping, folding of long
words, narrow pages, collapsing columns, line breaks inside cells, empty cells and indentation.
"""

from __future__ import annotations

import random

import pytest

from govmodel.report.document import Bullets, Cell, Doc, Heading, PageBreak, Para, Table
from govmodel.report.writers.plaintext import plain_text
from govmodel.report.writers.text import rich_text, to_text

# one-cell characters, among them the ones the reports use (non-breaking spaces in numbers,
# dashes, quotes, the section sign) and whitespace rich's line breaking treats as a space
_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøåÆØÅ0123456789§«»–—•·,.:;()/%-'"
_SPACES = "  \u00a0\u202f"


def _word(rng: random.Random) -> str:
    n = rng.choice([1, 2, 3, 5, 8, 12, 17, 25, 40, 90])
    return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, n)))


def _text(rng: random.Random, words: int) -> str:
    out = ""
    for _ in range(rng.randint(0, words)):
        out += _word(rng) + "".join(rng.choice(_SPACES) for _ in range(rng.choice([1, 1, 1, 2])))
        if rng.random() < 0.05:
            out += "\n"
    if rng.random() < 0.2:
        out = " " * rng.randint(1, 3) + out
    return out if rng.random() < 0.7 else out.rstrip()


def _doc(rng: random.Random) -> Doc:
    doc = Doc(_text(rng, 8), "en")
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(["heading", "para", "bullets", "table", "table", "list", "break"])
        if kind == "heading":
            doc.add(Heading(_text(rng, 6), level=rng.choice([1, 2, 3])))
        elif kind == "para":
            doc.add(Para(_text(rng, 40), small=rng.random() < 0.3))
        elif kind == "bullets":
            doc.add(Bullets(tuple(_text(rng, 20) for _ in range(rng.randint(0, 4)))))
        elif kind == "break":
            doc.add(PageBreak())
        else:
            ncol = rng.randint(1, 7)
            short = rng.random() < 0.5
            rows = tuple(
                tuple(
                    Cell(
                        _text(rng, 2 if short and i == 0 else rng.choice([1, 3, 12])),
                        strong=rng.random() < 0.1,
                        indent=rng.choice([0, 0, 0, 1, 2]),
                    )
                    for i in range(ncol)
                )
                for _ in range(rng.randint(0, 6))
            )
            headers = tuple(_text(rng, 3) for _ in range(ncol))
            doc.add(Table(headers, rows, text_as_list=kind == "list"))
    return doc


@pytest.mark.parametrize("seed", range(60))
def test_generated_documents_are_laid_out_as_rich_does(seed):
    rng = random.Random(seed)
    laid_out = 0
    for _ in range(10):
        doc = _doc(rng)
        width = rng.choice([80, 80, 40, 24, 120])
        direct = plain_text(doc, width)
        if direct is None:
            continue
        laid_out += 1
        assert direct == rich_text(doc, width=width)
    assert laid_out >= 5  # the direct layout is not merely declining the hard cases


@pytest.fixture(scope="module")
def reports(model_a, model_b):
    from govmodel.analysis.criteria import evaluate
    from govmodel.report.evaluation import evaluation_doc

    return [
        evaluation_doc(evaluate(model), lang) for model, lang in ((model_a, "en"), (model_b, "nb"))
    ]


def test_reports_of_a_and_b_are_laid_out_as_rich_does(reports):
    for doc in reports:
        direct = plain_text(doc)
        assert direct is not None
        assert direct == rich_text(doc)
        assert to_text(doc) == direct


def test_text_that_is_not_one_cell_a_character_goes_to_rich():
    # a wide character, a combining mark, a tab: rich measures them; the direct layout declines
    for text in ("日本", "e\u0301", "a\tb"):
        doc = Doc("t", "en", [Table(("a", "b"), ((Cell(text), Cell("x")),))])
        assert plain_text(doc) is None
        assert to_text(doc) == rich_text(doc)


def test_a_change_in_a_cell_changes_the_layout():
    doc = Doc("t", "en", [Table(("name", "value"), ((Cell("Oslo"), Cell("1")),))])
    wider = Doc("t", "en", [Table(("name", "value"), ((Cell("Oslo kommune"), Cell("1")),))])
    assert plain_text(doc) != plain_text(wider)
    assert plain_text(wider) == rich_text(wider)
