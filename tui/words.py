"""Engine texts put into words for a person: rules with names instead of seat ids, the power
engine's method line in the user's language, and names for seats the model fills by election.

The engine returns its rules and methods in English with ids (``approval of council.china``,
``exact: generating function (modular dynamic programme, CRT)``); what the TUI shows is named
and translated here, through the project's catalogue (:func:`govmodel.i18n.translate`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from govmodel.i18n import N_, translate
from govmodel.model import Model
from govmodel.rules import Rule

# The phrases of the power engine's method descriptions (govmodel.power: weighted, composite,
# intersection, brute, montecarlo, cache, decision), longest first so a phrase is translated
# before a shorter one inside it. An engine phrase not listed stays as the engine wrote it
# (tests/test_tui.py checks the methods the example models use).
METHOD_PHRASES: tuple[str, ...] = (
    N_("exact: the rule passes with no yes-votes, so nobody is ever pivotal"),
    N_("exact: multi-dimensional generating function (complement counts)"),
    N_("generating function with vetoers conditioned in (modular DP, CRT)"),
    N_("brute force: enumeration of all coalitions"),
    N_("modular dynamic programme, CRT; one table for"),
    N_("modular dynamic programme, CRT"),
    N_("components share one weight vector"),
    N_("random coalitions / orders, seed"),
    N_("monte-carlo over the compound game of chains"),
    N_("exact: size-dependent quota"),
    N_("exact: grand coalition loses"),
    N_("cached result, checked"),
    N_("Monte Carlo estimate"),
    N_("generating function"),
    N_("quotas"),
    N_("exact:"),
)


@lru_cache(maxsize=4)
def _method_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    _ = translate(lang)
    table = {p: _(p) for p in METHOD_PHRASES}
    pattern = re.compile("|".join(re.escape(p) for p in METHOD_PHRASES))
    return pattern, table


def method_text(method: str, lang: str) -> str:
    """The power engine's description of how it computed the indices, in ``lang``.

    >>> method_text("exact: generating function (modular dynamic programme, CRT)", "en")
    'exact: generating function (modular dynamic programme, CRT)'
    """
    pattern, table = _method_pattern(lang)
    return pattern.sub(lambda m: table[m.group(0)], method)


_SEAT_ID = re.compile(r"\b([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)(?:#(\d+))?")


def rule_text(model: Model, rule: Rule, lang: str) -> str:
    """The rule in words (the engine's :meth:`Rule.describe`) with every seat or decision id it
    names replaced by its name in the model: ``approval of council.china`` → ``approval of
    China (Security Council)``."""
    from govmodel.report.evaluation import rule_text as named
    from govmodel.report.l10n import L10n

    return named(L10n(lang, model), rule)


SEAT_ELECTED = N_("{organ}: seat {n} elected by {by}")
SEAT_ELECTED_ONE = N_("{organ}: seat elected by {by}")


def seat_name(model: Model, seat_id: str, engine_name: str, lang: str) -> str:
    """A person's name for a voter of the power table: the engine's name, except for a seat
    filled by election (it has no holder, and the engine names it by its id,
    ``Eierråd: ks_nestleder#1``), which is named by the organ that elects it:
    ``Eierråd: seat 1 elected by Landstinget``."""
    m = _SEAT_ID.fullmatch(seat_id)
    if m is None or m.group(1) not in model.organs:
        return engine_name
    organ = model.organs[m.group(1)]
    seat = next((s for s in organ.seats if s.id == seat_id), None)
    if seat is None or seat.holder is not None:
        return engine_name
    electors = [
        r.source
        for r in model.relations
        if r.type in ("elects", "appoints") and r.target == organ.id and seat.group in r.seats
    ]
    if not electors:
        return engine_name
    _ = translate(lang)
    by = ", ".join(dict.fromkeys(str(_name(model, e, lang)) for e in electors))
    organ_name = _text(organ.name, lang)
    if m.group(3) is None:
        return _(SEAT_ELECTED_ONE).format(organ=organ_name, by=by)
    return _(SEAT_ELECTED).format(organ=organ_name, n=m.group(3), by=by)


def _text(value: object, lang: str) -> str:
    get = getattr(value, "get", None)
    return str(get(lang)) if callable(get) and hasattr(value, "en") else str(value)


def _name(model: Model, any_id: str, lang: str) -> str:
    for table in (model.actors, model.organs, model.groups):
        if any_id in table:
            return _text(table[any_id].name, lang)
    return model.name_of(any_id)
