"""Language of reports and messages: Norwegian bokmål (``nb``) and English (``en``).

Catalogues are GNU gettext files managed with Babel (``pybabel extract / update / compile``, see
``govmodel/i18n/README.md``): ``govmodel/i18n/<lang>/LC_MESSAGES/govmodel.po`` and the compiled
``govmodel.mo`` beside it. Message ids are the English texts, so the English catalogue holds
no translations of its own. Legal terms of art stay Norwegian in both languages
(generalforsamling, styre, kontrollkriteriet, utvidet egenregi ...); the glossary
(:mod:`govmodel.i18n.glossary`) fixes the one translation of every term.

- :func:`detect_lang` picks the language from the environment (LANGUAGE, LC_ALL, LC_MESSAGES,
  LANG, in that order; a value starting with nb, no or nn means bokmål, anything else English);
- :func:`translate` returns a ``gettext`` function for a language;
- :func:`N_` marks a string for the catalogue without translating it;
- :mod:`govmodel.i18n.format` writes numbers, percentages, money and dates for a language.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

DOMAIN = "govmodel"
LANGS = ("nb", "en")
LOCALEDIR = Path(__file__).resolve().parent
_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def N_(text: str) -> str:
    """Mark ``text`` for translation (it is translated where it is shown)."""
    return text


def detect_lang(environ: Mapping[str, str] | None = None) -> str:
    """``nb`` when the first locale variable that is set names bokmål, nynorsk or Norwegian,
    else ``en``. LANGUAGE may list several languages (``nb:en``): the first counts.

    >>> detect_lang({"LANG": "nb_NO.UTF-8"}), detect_lang({"LANG": "C"})
    ('nb', 'en')
    """
    env = os.environ if environ is None else environ
    for var in _ENV:
        value = (env.get(var) or "").strip()
        if not value:
            continue
        first = value.split(":")[0].strip().lower()
        if not first:
            continue
        return "nb" if first[:2] in ("nb", "no", "nn") else "en"
    return "en"


@cache
def _translation(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, localedir=str(LOCALEDIR), languages=[lang], fallback=True)


def translate(lang: str) -> Callable[[str], str]:
    """The ``gettext`` function of ``lang`` (``nb`` or ``en``); unknown texts come back as
    they are (English).

    >>> translate("nb")("conditional")
    'betinget'
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return _translation(lang).gettext


__all__ = ["DOMAIN", "LANGS", "LOCALEDIR", "N_", "detect_lang", "translate"]
