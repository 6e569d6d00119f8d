"""The words of a diagram, Norwegian first with the English beside it: glosses for organ and
actor kinds, relation labels, legend headings and coverage verdicts, read from the data file
``words.toml`` beside this module (one table per kind of word). Legal terms of art stay
Norwegian; with ``lang="en"`` a diagram keeps the Norwegian names and adds English glosses.
A term of the glossary (:mod:`govmodel.i18n.glossary`: "revocable", "adopt or return" …) is
written with the glossary's one Norwegian word, as in the reports and the TUI (a test holds
these pairs to it).

>>> t(EDGE_TEXT["elects"], "nb"), t(EDGE_TEXT["elects"], "en")
('velger', 'elects')
"""

from __future__ import annotations

import tomllib
from importlib import resources

Pair = tuple[str, str]  # (Norwegian, English)


def _read() -> dict[str, dict[str, object]]:
    """The tables of ``words.toml``, beside this module."""
    text = resources.files("govmodel.diagram").joinpath("words.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


_WORDS = _read()


def _pair(value: object, where: str) -> Pair:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return (value[0], value[1])
    raise ValueError(f"words.toml: {where} must be [Norwegian, English], not {value!r}")


def _two_pairs(value: object, where: str) -> tuple[Pair, Pair]:
    if isinstance(value, list) and len(value) == 2:
        return (_pair(value[0], f"{where}[0]"), _pair(value[1], f"{where}[1]"))
    raise ValueError(f"words.toml: {where} must be two pairs, not {value!r}")


def _glosses(table: str) -> dict[str, str]:
    """An English-only table: key → gloss."""
    out = {k: v for k, v in _WORDS[table].items() if isinstance(v, str)}
    if len(out) != len(_WORDS[table]):
        raise ValueError(f"words.toml: every gloss of [{table}] must be a text")
    return out


def _pairs(table: str) -> dict[str, Pair]:
    """A table of pairs: key → (Norwegian, English)."""
    return {k: _pair(v, f"{table}.{k}") for k, v in _WORDS[table].items()}


ORGAN_GLOSS: dict[str, str] = _glosses("organ_gloss")
ACTOR_GLOSS: dict[str, str] = _glosses("actor_gloss")
ID_GLOSS: dict[str, str] = _glosses("id_gloss")
GROUP_GLOSS: dict[str, str] = _glosses("group_gloss")
SET_NAMES: dict[str, Pair] = _pairs("set_names")
OWNER_WORDS: dict[str, tuple[Pair, Pair]] = {
    form: _two_pairs(v, f"owner_words.{form}") for form, v in _WORDS["owner_words"].items()
}
OWNER_DEFAULT: tuple[Pair, Pair] = _two_pairs(_WORDS["other"]["owner_default"], "owner_default")
GROUP_COUNT: dict[str, Pair] = _pairs("group_count")
EDGE_TEXT: dict[str, Pair] = _pairs("edges")
TEXT: dict[str, Pair] = _pairs("labels")
COVERAGE_TEXT: dict[str, Pair] = _pairs("coverage")
COVERAGE_MEANING: dict[str, Pair] = _pairs("coverage_meaning")
CLUSTER_TEXT: dict[str, Pair] = _pairs("clusters")
OWNS_LEGEND: Pair = _pair(_WORDS["other"]["owns_legend"], "owns_legend")


def t(pair: tuple[str, str], lang: str) -> str:
    """The Norwegian (``nb``) or English (``en``) word of a pair."""
    return pair[0] if lang == "nb" else pair[1]


def in_lang(text: object, lang: str) -> str:
    """Model text in ``lang``: a bilingual text's ``.get(lang)``, else the text itself."""
    get = getattr(text, "get", None)
    if callable(get) and isinstance(text, str):
        return str(get(lang))
    return str(text)
