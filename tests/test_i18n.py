"""The i18n mechanism: Babel-managed catalogues that are complete and compiled, one translation
per glossary term, locale formatting of numbers, percentages, money and dates."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from govmodel.i18n import LANGS, LOCALEDIR, N_, translate
from govmodel.i18n import format as fmt
from govmodel.i18n.glossary import NB_STEMS, TERMS, label

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"N_": None, "msg": None, "t": None, "_": None, "gettext": None}
NBSP = "\xa0"


def _catalog(lang: str):
    with (LOCALEDIR / lang / "LC_MESSAGES" / "govmodel.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _extracted() -> set[str]:
    found = set()
    for folder in ("govmodel", "tui"):  # the TUI's strings are in the same catalogue
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(ROOT / folder), method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            text = message[0] if isinstance(message, tuple) else message
            if text:
                found.add(text)
    return found


def test_compiled_catalogues_are_current():
    """The committed .mo files are what `pybabel compile` makes of the .po files."""
    for lang in LANGS:
        buf = io.BytesIO()
        write_mo(buf, _catalog(lang))
        mo = LOCALEDIR / lang / "LC_MESSAGES" / "govmodel.mo"
        assert mo.read_bytes() == buf.getvalue(), (
            f"{mo} is stale: uv run pybabel compile -d govmodel/i18n -D govmodel"
        )


def test_every_marked_text_has_a_norwegian_translation():
    """Every string marked in govmodel/ is in the nb catalogue with a translation (run the
    extract/update steps of govmodel/i18n/README.md and translate the new entries)."""
    extracted = _extracted()
    assert len(extracted) > 150
    nb = {m.id: m.string for m in _catalog("nb") if m.id}
    missing = sorted(t for t in extracted if t not in nb)
    untranslated = sorted(t for t in extracted if t in nb and not nb[t])
    assert missing == [], "not in the catalogue (pybabel extract + update)"
    assert untranslated == [], "no Norwegian translation"


def test_translations_keep_the_fields():
    """A translation has exactly the {fields} of its English text (or a format would fail)."""
    field = re.compile(r"\{(\w*)\}")
    for m in _catalog("nb"):
        if m.id and m.string:
            assert sorted(field.findall(m.id)) == sorted(field.findall(m.string)), m.id


def _word(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE)


def test_one_translation_per_glossary_term():
    """A text that uses a glossary term in English uses the term's one Norwegian word."""
    pairs = [(m.id, m.string) for m in _catalog("nb") if m.id and m.string]
    wrong = []
    for en_word, stem in NB_STEMS.items():
        pattern = _word(en_word)
        for en, nb in pairs:
            if pattern.search(en) and stem.lower() not in nb.lower():
                wrong.append((en_word, en, nb))
    assert wrong == []


def test_glossary_terms_are_translated():
    """Every label of the glossary has its Norwegian in the catalogue."""
    nb = {m.id: m.string for m in _catalog("nb") if m.id}
    assert sorted(e for e in TERMS.values() if not nb.get(e)) == []
    assert translate("nb")(label("revocable")) == "tilbakekallelig"
    assert translate("nb")(label("satisfied_indirect")) == "oppfylt indirekte"


def test_translate_rejects_an_unknown_language():
    with pytest.raises(ValueError, match="nb, en"):
        translate("de")
    assert N_("x") == "x"


# --- formatting -------------------------------------------------------------------------------


def test_money_and_percent_as_the_issue_asks():
    assert fmt.money(19_000_000, "nb") == f"19{NBSP}000{NBSP}000{NBSP}kr"
    assert fmt.percent(Fraction(334, 1000), "nb") == f"33,4{NBSP}%"
    assert fmt.money(19_000_000, "en") == f"NOK{NBSP}19,000,000"
    assert fmt.percent(Fraction(334, 1000), "en") == "33.4%"


def test_percent_rounds_the_exact_value_once_half_to_even():
    assert fmt.percent(Fraction(2, 3), "en") == "66.7%"
    assert fmt.percent(Fraction(1, 3), "en", digits=0) == "33%"
    # 0.0005 exactly: half to even at one decimal gives 0.0 %, at two 0.05 %
    assert fmt.percent(Fraction(5, 10000), "en", digits=1) == "0%"
    assert fmt.percent(Fraction(5, 10000), "en", digits=2) == "0.05%"
    assert fmt.percent(Fraction(96, 100), "nb") == f"96{NBSP}%"
    # changing the input changes the output
    assert fmt.percent(Fraction(961, 1000), "nb") == f"96,1{NBSP}%"


def test_numbers_fractions_indices_dates():
    assert fmt.number(5_550_203, "nb") == f"5{NBSP}550{NBSP}203"
    assert fmt.number(5_550_203, "en") == "5,550,203"
    assert fmt.number(Decimal("0.5"), "nb", 1) == "0,5"
    assert fmt.fraction(Fraction(2, 3)) == "2/3" and fmt.fraction(Fraction(4, 2)) == "2"
    assert fmt.index(0.9987, "nb") == "0,999" and fmt.index(None, "en") == "–"
    assert fmt.share_of(18_240_000, 19_000_000, "nb") == f"96{NBSP}%"
    assert fmt.share_of(1, 0, "nb") == "–"
    day = datetime.date(2026, 11, 30)
    assert fmt.date(day, "nb") == "30. november 2026"
    assert fmt.date(day, "en") == "30 November 2026"
    with pytest.raises(ValueError):
        fmt.number(1, "de")


def test_docstring_examples():
    import doctest

    import govmodel.i18n
    import govmodel.i18n.glossary

    for module in (fmt, govmodel.i18n, govmodel.i18n.glossary):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


# --- govmodel power speaks the reader's language -------------------------------------------------


def _power_text(capsys, lang: str, *extra: str) -> str:
    from govmodel.cli import main

    model = str(ROOT / "models" / "ownership_a.yaml")
    assert (
        main(["power", model, "--decision", "ordinary", "--top", "5", "--lang", lang, *extra]) == 0
    )
    return capsys.readouterr().out


def _own_words(text: str) -> set[str]:
    """The words of ``govmodel power``'s text that are not the model's names or sources
    (proper names and terms of art read the same in both languages) nor the indices' names."""
    from govmodel.load import load_model

    m = load_model(ROOT / "models" / "ownership_a.yaml")
    names = {m.name.get("nb"), m.name.get("en")}
    for table in (m.actors, m.organs, m.groups):
        names |= {x.name.get(lang) for x in table.values() for lang in ("nb", "en")}
    for o in m.organs.values():
        names |= {d.name.get(lang) for d in o.decisions for lang in ("nb", "en")}
        names |= {str(d.provenance.source) for d in o.decisions}
    names |= {n[:30] for n in names if n}  # the table cuts names at 30 characters
    text = " ".join(text.split())  # a sentence wraps over lines, names too
    for n in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(n, " ")
    words = set(re.findall(r"(?<![-\w])[^\W\d_]{3,}", text))
    # "over" is a word of both languages ("Over de andres koalisjoner", "Over the coalitions")
    same = {
        "Banzhaf",
        "Shapley",
        "Shubik",
        "Monte",
        "Carlo",
        "chains",
        "top",
        "GiB",
        "Over",
        "over",
    }
    return words - same


@pytest.mark.parametrize("extra", [(), ("--chains", "--samples", "200")])
def test_power_text_in_each_language_has_none_of_the_others_words(capsys, extra):
    nb, en = _power_text(capsys, "nb", *extra), _power_text(capsys, "en", *extra)
    shared = _own_words(nb) & _own_words(en)
    assert shared == set(), shared
    # the check sees the words of each language (it found "exact" and "players" in the nb
    # text before the command was translated)
    assert "players" in _own_words(en) and "spillere" in _own_words(nb)
    # numbers for each locale: a no-break space groups thousands in nb, a comma in en
    if not extra:
        assert f"100{NBSP}000" in nb and "100,000" in en
        assert f"33,40{NBSP}%" in nb and "33.40%" in en
        assert "0,9990" in nb and "0.9990" in en


def test_power_json_method_in_the_chosen_language(capsys):
    import json

    nb = json.loads(_power_text(capsys, "nb", "--format", "json"))
    en = json.loads(_power_text(capsys, "en", "--format", "json"))
    assert nb["method"].startswith("eksakt: genererende funksjon")
    assert en["method"].startswith("exact: generating function")
    assert nb["players"] == en["players"]  # ids and plain numbers, whatever the language
