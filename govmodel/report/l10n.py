"""The language of one report: gettext, the glossary's terms, locale formatting, names and
citations, and the rendering of the engine's messages (:class:`~govmodel.analysis.criteria.Msg`).

A message is an English template with named values; here each value becomes text for the
reader: a term through the glossary and the catalogue, a rule in words, a fraction exactly
(``2/3``), a number with the language's grouping, model text in the report's language, and ids
as names (:class:`~govmodel.report.names.Namer`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from govmodel.i18n import format as fmt
from govmodel.i18n import translate
from govmodel.i18n.glossary import label

# from govmodel.messages, not the criteria package that re-exports them: `govmodel power`
# localises its text and needs no criteria engine
from govmodel.messages import Money, Msg, Names, Percent, RuleText, Term
from govmodel.model import Model, Provenance, Text
from govmodel.regions import collapse_regional
from govmodel.report.citations import Citations
from govmodel.report.names import Namer
from govmodel.rules import Rule

# numbers the engine formatted itself ("33.333 %", "96 %"): written again for the language
_PCT = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?) %")
# argument names whose integers are years or counts of things, not amounts
_PLAIN_INT = ("year", "years", "n", "k", "m", "seed")


def _digits(d: Decimal) -> int:
    """The decimals ``d`` is written with (``Decimal("1.5")``: 1)."""
    exponent = d.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class L10n:
    """Everything language-dependent about one report."""

    def __init__(self, lang: str, model: Model | None = None, ids: bool = False) -> None:
        self.lang = lang
        self._ = translate(lang)
        self.ids = ids
        self.model = model
        self.namer = Namer(model, lang, self._, ids) if model is not None else None
        self.citations = Citations(lang)

    def __call__(self, text: str) -> str:
        return self._(text)

    # -- terms and values ------------------------------------------------------------------

    def term(self, term_id: str) -> str:
        """A glossary term (grade, link strength, kind, criterion) in the report's language."""
        return self._(label(term_id))

    grade = term
    kind = term

    def text(self, value: object) -> str:
        """Model text (a bilingual ``Text`` or a plain string) in the report's language."""
        get = getattr(value, "get", None)
        return str(get(self.lang)) if callable(get) and hasattr(value, "en") else str(value)

    def name(self, key: str) -> str:
        return self.namer.name(key) if self.namer else key

    def names(self, keys: Iterable[str]) -> str:
        return ", ".join(self.name(k) for k in keys)

    def shown(self, keys: Iterable[str], limit: int = 5) -> str:
        """The names of ``keys`` (per-fylke ids once, as ``fylkesmote_<fylke>``), at most
        ``limit``, then how many more: ``Oslo, Bergen … (+3)``."""
        names = list(dict.fromkeys(self.name(collapse_regional(k)) for k in keys))
        more = len(names) - limit
        return ", ".join(names[:limit]) + (f" … (+{self.number(more)})" if more > 0 else "")

    def number(self, value: int | Fraction | Decimal, digits: int = 0) -> str:
        return fmt.number(value, self.lang, digits)

    def percent(self, value: Fraction | int | Decimal, digits: int = 1) -> str:
        return fmt.percent(value, self.lang, digits)

    def money(self, amount: int | Fraction | Decimal) -> str:
        return fmt.money(amount, self.lang)

    def cite(self, sources: str | Iterable[str]) -> str:
        """Sources as citations of the registry (recorded for the list at the end)."""
        return self.citations.text(sources)

    def source(self, prov: Provenance) -> str:
        """Where an element comes from (a :class:`~govmodel.model.Provenance`): its source
        cited from the registry, its assumption in the report's language, the document it is
        recorded in by name."""
        parts = []
        if prov.source:
            parts.append(self.cite(prov.source) or str(prov.source))
        if prov.assumption:
            parts.append(f"{self.term('assumption')}: {self.text(prov.assumption)}")
        if prov.document:
            parts.append(self.name(prov.document))
        return "; ".join(parts) or self._("no source")

    # -- the engine's messages --------------------------------------------------------------

    def plain(self, s: str) -> str:
        """A string value of a message: ids named, engine-formatted percentages rewritten."""
        if self.namer is not None and not getattr(s, "en", None):
            s = self.namer.text(s)
        return _PCT.sub(lambda m: fmt.percent(Decimal(m.group(1)) / 100, self.lang, 3), s)

    def arg(self, v: object, key: str = "") -> str:
        if isinstance(v, Term):
            return self.term(str(v))
        if isinstance(v, Msg):
            return self.msg(v)
        if isinstance(v, RuleText):
            return v.rule.describe(self.lang)
        if isinstance(v, bool):
            return self._("yes") if v else self._("no")
        if isinstance(v, Percent):
            return fmt.percent(Fraction(v), self.lang)
        if isinstance(v, Money):
            return fmt.money(int(v), self.lang)
        if isinstance(v, Fraction):
            return fmt.fraction(v)
        if isinstance(v, Decimal):  # a measured amount, to the digits it was rounded to
            return fmt.number(v, self.lang, _digits(v))
        if isinstance(v, int):
            return str(v) if key in _PLAIN_INT or abs(v) < 10000 else fmt.number(v, self.lang)
        if isinstance(v, Names):
            return self.shown(v)
        if isinstance(v, (list, tuple)):
            return ", ".join(self.arg(x, key) for x in v)
        if isinstance(v, Text):
            return v.get(self.lang)
        if key == "source":  # a source named in a sentence: cited from the registry
            from govmodel.report.citations import cite, resolve

            return "; ".join(cite(c, self.lang) for c in resolve(str(v)))
        get = getattr(v, "get", None)
        if hasattr(v, "texts") and callable(get):
            # the law data's bilingual text (a reading's name)
            return str(get(self.lang))
        return self.plain(str(v))

    def msg(self, m: Msg) -> str:
        """The message ``m`` as a sentence of the report's language."""
        vals = {k: self.arg(v, k) for k, v in m.args}
        return self._(m.text).format(**vals)


_SEAT_ID = re.compile(r"\b[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(?:#\d+)?")


def rule_text(t: L10n, rule: Rule) -> str:
    """The rule in words, with the seats it names (approvers: ``council.china``) by name."""
    return _SEAT_ID.sub(lambda m: t.name(m.group(0)), rule.describe(t.lang))


__all__ = ["L10n", "rule_text"]
