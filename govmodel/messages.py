"""Language-neutral messages: what the engine says, rendered by the presentation with gettext.

The engine never formats a sentence in a language. It returns a :class:`Msg` (an English msgid
with ``{named}`` fields and their values); the report, CLI and TUI render it with the catalogue
of their language (``govmodel.i18n.translate(lang)``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from govmodel.i18n.glossary import label
from govmodel.rules import Rule


class Term(str):
    """A word rendered through the catalogue (a grade, a link kind, a role)."""


class Percent(Fraction):
    """A share of 1 written as a percentage in the reader's locale (nb ``22,2 %``, en
    ``22.2%``) when the message is rendered."""


class Money(int):
    """An amount in kroner, written for the reader's locale (nb ``19 000 000 kr``, en
    ``NOK 19,000,000``) when the message is rendered."""


class Bilingual(str):
    """A text the data gives in both languages (a reading's name): its str value is the
    Norwegian; :meth:`get` gives the text for ``"nb"`` or ``"en"``.

    >>> Bilingual({"nb": "lesning", "en": "reading"}).get("en")
    'reading'
    """

    texts: dict[str, str]

    def __new__(cls, texts: Mapping[str, str]) -> Bilingual:
        obj = super().__new__(cls, texts.get("nb") or texts.get("en") or "")
        obj.texts = dict(texts)
        return obj

    def get(self, lang: str) -> str:
        return self.texts.get(lang) or self.texts.get("en") or str(self)


class Names(tuple[str, ...]):
    """Ids of model elements (players, relations, decisions), written as their names when the
    message is rendered by a report that knows the model (at most five, then how many more);
    kept as ids in JSON."""

    __slots__ = ()


@dataclass(frozen=True)
class RuleText:
    """A voting rule rendered in the report's language."""

    rule: Rule


@dataclass(frozen=True)
class Msg:
    """A translatable sentence: an English msgid with ``{named}`` fields and their values.

    Values are plain text, :class:`Term` (translated), :class:`RuleText`, :class:`Names` (ids
    named by the report), nested :class:`Msg`, Fractions (written ``2/3``) or sequences of
    those (joined with ", ").

    >>> m = msg("{who} holds {share}", who="KS", share=Fraction(1, 3))
    >>> m.render(lambda s: s)
    'KS holds 1/3'
    """

    text: str
    args: tuple[tuple[str, object], ...] = ()

    def render(self, gettext: Callable[[str], str], lang: str = "en") -> str:
        """The sentence in the language of ``gettext``."""
        vals = {k: _render_arg(v, gettext, lang) for k, v in self.args}
        return gettext(self.text).format(**vals)


def msg(template: str, /, **args: object) -> Msg:
    """A :class:`Msg` from a template and its named values (kept sorted: equal messages compare
    equal whatever the order of the keywords).

    >>> msg("{a} and {b}", b="y", a="x").render(str)
    'x and y'
    """
    return Msg(template, tuple(sorted(args.items())))


def _render_arg(v: object, gettext: Callable[[str], str], lang: str) -> str:
    if isinstance(v, Term):
        return gettext(label(str(v)))  # the glossary's one label, then its translation
    if isinstance(v, Percent):
        # lazy: Babel (which formats the number) is imported only when a message is rendered
        from govmodel.i18n.format import percent

        return percent(Fraction(v), lang)
    if isinstance(v, Money):
        from govmodel.i18n.format import money

        return money(int(v), lang)
    if isinstance(v, Decimal):  # a measured amount, to the digits it was rounded to
        from govmodel.i18n.format import number

        exponent = v.as_tuple().exponent
        return number(v, lang, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    get = getattr(v, "get", None)
    if isinstance(v, str) and callable(get):
        return str(get(lang))  # a bilingual text (model names, reading names)
    if isinstance(v, Msg):
        return v.render(gettext, lang)
    if isinstance(v, RuleText):
        return v.rule.describe(lang)
    if isinstance(v, Fraction):
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    if isinstance(v, Names):  # no model here to name them: the ids, a few
        return ", ".join(few(v, 5))
    if isinstance(v, (list, tuple)):
        return ", ".join(_render_arg(x, gettext, lang) for x in v)
    return str(v)


def pct(f: Fraction) -> str:
    """A share as a percentage with up to three decimals (exact value rounded for display).

    >>> pct(Fraction(1, 3))
    '33.333 %'
    >>> pct(Fraction(1, 2))
    '50 %'
    """
    v = f * 100
    if v.denominator == 1:
        return f"{v.numerator} %"
    text = f"{float(v):.3f}".rstrip("0").rstrip(".")
    return f"{text} %"


def few(ids: Sequence[str], n: int = 6) -> list[str]:
    """At most ``n`` items, then ``+k`` for the rest.

    >>> few(["a", "b", "c"], 2)
    ['a', 'b', '+1']
    """
    ids = list(ids)
    return ids[:n] + ([f"+{len(ids) - n}"] if len(ids) > n else [])
