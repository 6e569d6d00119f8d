"""Model text and scalars: the bilingual Text type, {nb, en} maps, refused control characters,
YAML 1.2 core-schema reading of numbers and booleans, bounded number literals."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from fractions import Fraction
from pathlib import Path

import pytest

from govmodel.errors import ModelError
from govmodel.load import load_model
from govmodel.model import Text
from govmodel.yamlsafe import check_text, exact_number, load_yaml_text

SMALL = Path(__file__).resolve().parent / "data" / "small_model.yaml"
NAME_LINE = 'name: "Felles IT AS: fem kommuner og regionrådet"'


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = SMALL.read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "m.yaml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


def _problems(path: Path) -> str:
    with pytest.raises(ModelError) as exc:
        load_model(path)
    return str(exc.value)


# -- the Text type ---------------------------------------------------------------------------


def test_text_is_its_norwegian_string_with_an_english_side() -> None:
    t = Text("Generalforsamling", "General meeting")
    assert t == "Generalforsamling" and isinstance(t, str)
    assert t.get("nb") == "Generalforsamling" and t.get("en") == "General meeting"
    assert t.en == "General meeting" and t.nb == "Generalforsamling"
    assert Text("KS").get("en") == "KS"
    assert Text("a", "b") != Text("a", "c")  # the English side counts
    assert hash(Text("a", "b")) == hash("a")
    for clone in (copy.deepcopy(t), pickle.loads(pickle.dumps(t))):
        assert clone == t and clone.en == t.en
    with pytest.raises(AttributeError):
        t.en = "x"  # type: ignore[misc]


def test_a_name_map_gives_both_languages(tmp_path: Path) -> None:
    p = _variant(tmp_path, NAME_LINE, 'name: {nb: "Felles IT AS", en: "Shared IT Ltd"}')
    m = load_model(p)
    assert m.name.get("nb") == "Felles IT AS" and m.name.get("en") == "Shared IT Ltd"
    # a plain string is the same text in both languages
    plain = load_model(SMALL)
    assert (
        plain.name.get("en") == plain.name.get("nb") == "Felles IT AS: fem kommuner og regionrådet"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{nb: 5, en: Five}", "the model name (nb) must be text; got 5 (a number)"),
        ("{nb: Fem, fr: Cinq}", "unknown language 'fr'"),
        ("{nb: Fem}", "the model name has no 'en' text"),
        ("[a, b]", "the model name must be text or {nb: ..., en: ...}; got a list"),
        ('"two\\nlines"', "the model name must be one line"),
        ('"' + "x" * 301 + '"', "the model name is 301 characters long; at most 300 allowed"),
    ],
)
def test_bad_texts_are_located_errors(tmp_path: Path, value: str, message: str) -> None:
    p = _variant(tmp_path, NAME_LINE, f"name: {value}")
    msg = _problems(p)
    assert message in msg
    assert f"{p}:8:" in msg


def test_an_assumption_may_be_bilingual(tmp_path: Path) -> None:
    old = 'assumption: "whether the council is itself a contracting authority is not settled"'
    p = _variant(tmp_path, old, 'assumption: {nb: "uavklart", en: "not settled"}')
    a = load_model(p).actors["regionraad"].provenance.assumption
    assert a is not None and a.get("en") == "not settled" and a == "uavklart"


# -- control characters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "escape",
    ["\\e[2J", "\\e]52;c;aGk=\\a", "\\x9b31m", "\\u202eevil", "\\x7f", "\\r", "\\u2066x"],
)
def test_control_and_bidi_characters_are_refused_in_text(tmp_path: Path, escape: str) -> None:
    p = _variant(tmp_path, NAME_LINE, f'name: "Felles {escape} IT"')
    msg = _problems(p)
    assert f"{p}:8:7: text contains the control character U+" in msg


def test_line_breaks_and_tabs_are_allowed_in_descriptions() -> None:
    assert check_text("line one\nline two\tend") is None
    assert check_text("line one\rline two") is not None


# -- YAML 1.2 scalars ------------------------------------------------------------------------


def test_yaml_1_1_booleans_and_sexagesimals_are_text() -> None:
    tree = load_yaml_text("a: yes\nb: no\nc: on\nd: off\ne: 5:40\nf: 1_000\ng: true\n", "t")
    assert tree == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": "off",
        "e": "5:40",
        "f": "1_000",
        "g": True,
    }


def test_an_id_no_is_norway_not_false(tmp_path: Path) -> None:
    p = _variant(tmp_path, "id: felles_it", "id: no")
    assert load_model(p).id == "no"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 010", "010 has a leading zero"),
        ("a: -07", "-07 has a leading zero"),
        ("a: " + "9" * 51, "has more than 50 digits"),
        ("a: 1e-99999999", "exponent beyond ±50"),
        ("a: 1e400000", "exponent beyond ±50"),
    ],
)
def test_ambiguous_or_unbounded_numbers_are_refused(text: str, message: str) -> None:
    with pytest.raises(ModelError) as exc:
        load_yaml_text(text, "t.yaml")
    assert "t.yaml:1:4: " in str(exc.value) and message in str(exc.value)


def test_numbers_are_read_exactly_as_written() -> None:
    tree = load_yaml_text("a: 10\nb: 0x10\nc: 0o10\nd: 0.1\ne: 0\n", "t")
    assert tree == {"a": 10, "b": 16, "c": 8, "d": 0.1, "e": 0}
    assert tree.raw["d"] == "0.1"
    assert exact_number("0.1") == Fraction(1, 10)
    assert exact_number("33.4e-2") == Fraction(334, 1000)


def test_a_sexagesimal_share_count_is_not_340(tmp_path: Path) -> None:
    p = _variant(tmp_path, "shares: 340", "shares: 5:40")
    msg = _problems(p)
    assert "must be a whole number; got '5:40' (text; 5:40 is text in YAML 1.2, not a number" in msg


def test_an_octal_looking_vote_count_is_refused_not_read_as_8(tmp_path: Path) -> None:
    p = _variant(tmp_path, "shares: 340", "shares: 0340")
    assert "0340 has a leading zero" in _problems(p)


def test_text_replace_keeps_other_fields() -> None:
    m = load_model(SMALL)
    m2 = dataclasses.replace(m, name=Text("Nytt navn", "New name"))
    assert m2.name.en == "New name" and m2.organs == m.organs
