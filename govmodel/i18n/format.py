"""Numbers, percentages, money, dates and indices written for a language (Babel, CLDR data).

The one place where a value becomes text for a person: reports, the CLI and the TUI call these
functions instead of formatting numbers themselves. Values are exact (int, Fraction, Decimal);
rounding happens here, once, half to even, on the exact value. Floats are accepted only for
displayed power indices (:func:`index`).

>>> from fractions import Fraction
>>> money(19_000_000, "nb").replace("\\xa0", " ")
'19 000 000 kr'
>>> percent(Fraction(334, 1000), "nb").replace("\\xa0", " ")
'33,4 %'
>>> percent(Fraction(334, 1000), "en")
'33.4%'
>>> number(5550203, "en")
'5,550,203'
>>> fraction(Fraction(2, 3))
'2/3'
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, localcontext
from fractions import Fraction

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as _format_percent

#: The Babel locale of each report language.
LOCALES = {"nb": "nb_NO", "en": "en_GB"}

Number = int | Fraction | Decimal


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(LOCALES[lang])
    except KeyError:
        raise ValueError(f"unknown language {lang!r}; expected one of nb, en") from None


def _decimal(value: Number) -> Decimal:
    """The exact value as a Decimal with enough digits for any displayed rounding."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    with localcontext() as ctx:
        ctx.prec = 50
        return Decimal(value.numerator) / Decimal(value.denominator)


def _pattern(base: str, digits: int) -> str:
    """``base`` (a CLDR pattern such as ``#,##0 %``) with ``digits`` fixed decimals."""
    if digits <= 0:
        return base
    return base.replace("0", "0." + "0" * digits, 1) if "." not in base else base


def number(value: Number, lang: str, digits: int = 0) -> str:
    """``value`` with the language's grouping and decimal mark, rounded to ``digits``
    (nb ``5 550 203``, ``0,5``; en ``5,550,203``, ``0.5``)."""
    loc = _locale(lang)
    q = _decimal(value).quantize(Decimal(1).scaleb(-digits)) if digits else _decimal(value)
    if not digits:
        q = q.quantize(Decimal(1))
    return format_decimal(q, format=_pattern("#,##0", digits), locale=loc)


def percent(value: Number, lang: str, digits: int = 1) -> str:
    """``value`` (a share of 1) as a percentage rounded to ``digits`` decimals, trailing zero
    decimals dropped (nb ``33,4 %``, ``96 %``; en ``33.4%``, ``96%``)."""
    loc = _locale(lang)
    base = loc.percent_formats[None].pattern
    d = _decimal(value) * 100
    q = d.quantize(Decimal(1).scaleb(-digits))
    if q == q.to_integral_value():
        digits = 0
    return _format_percent(q / 100, format=_pattern(base, digits), locale=loc)


def money(amount: Number, lang: str, currency: str = "NOK") -> str:
    """``amount`` of ``currency`` in whole units (nb ``19 000 000 kr``, en ``NOK 19,000,000``)."""
    loc = _locale(lang)
    pattern = "#,##0\xa0¤" if lang == "nb" else "¤\xa0#,##0"
    q = _decimal(amount).quantize(Decimal(1))
    return format_currency(q, currency, format=pattern, locale=loc, currency_digits=False)


def fraction(value: Fraction | int) -> str:
    """An exact ratio as written in statutes and rules: ``2/3``, ``1/2``, ``1``."""
    value = Fraction(value)
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def share_of(part: Number, whole: Number, lang: str, digits: int = 1) -> str:
    """``part`` as a percentage of ``whole`` (``–`` when the whole is zero)."""
    if not whole:
        return "–"
    return percent(Fraction(_decimal(part)) / Fraction(_decimal(whole)), lang, digits)


def index(value: float | Fraction | None, lang: str, digits: int = 3) -> str:
    """A power index for display (``0,999``); ``–`` when not computed."""
    if value is None:
        return "–"
    exact = value if isinstance(value, Fraction) else Fraction(str(value))
    return number(exact, lang, digits)


def date(day: _dt.date, lang: str) -> str:
    """A calendar date in the language's long form (nb ``30. november 2026``,
    en ``30 November 2026``)."""
    return format_date(day, format="long", locale=_locale(lang))


__all__ = ["LOCALES", "date", "fraction", "index", "money", "number", "percent", "share_of"]
