"""How the power engine computed a result, as language-neutral messages.

Every result says how its indices were computed (:attr:`PowerResult.method`): a
:class:`~govmodel.messages.Msg` built from the templates here, rendered by the presentation in
the reader's language (``govmodel power``, the comparison report, the TUI's power tab). The
templates are one closed set, so a cached result's method is accepted only if it is one of them
(:mod:`govmodel.power.cache`).

>>> method = msg(SHARED_WEIGHTS, method=msg(GENERATING_FUNCTION))
>>> method.render(str)
'exact: generating function (modular dynamic programme, CRT); components share one weight vector'
"""

from __future__ import annotations

from govmodel.i18n import N_
from govmodel.messages import Msg, msg

_TEMPLATES: set[str] = set()


def _template(text: str) -> str:
    """``text`` (marked for the catalogue), recorded as one of the method templates."""
    _TEMPLATES.add(text)
    return text


# -- exact ---------------------------------------------------------------------------------
GENERATING_FUNCTION = _template(N_("exact: generating function (modular dynamic programme, CRT)"))
GENERATING_FUNCTION_TABLE = _template(
    N_("exact: generating function (modular dynamic programme, CRT; one table for {quotas} quotas)")
)
VETO_GENERATING_FUNCTION = _template(
    N_("exact: generating function with vetoers conditioned in (modular DP, CRT)")
)
SIZE_QUOTA = _template(N_("exact: size-dependent quota ({engine})"))
MEET_IN_THE_MIDDLE = _template(N_("meet in the middle over subset sums by size"))
WEIGHT_AND_SIZE = _template(N_("generating function by weight and size (modular, CRT)"))
SHARED_WEIGHTS = _template(N_("{method}; components share one weight vector"))
GRAND_COALITION_LOSES = _template(N_("exact: grand coalition loses"))
MULTI_DIMENSIONAL = _template(
    N_("exact: multi-dimensional generating function (complement counts)")
)
BRUTE_FORCE = _template(N_("brute force: enumeration of all coalitions"))
NOBODY_PIVOTAL = _template(
    N_("exact: the rule passes with no yes-votes, so nobody is ever pivotal")
)
CACHED = _template(N_("{method} (cached result, checked)"))

# -- estimated, and why --------------------------------------------------------------------
MONTE_CARLO = _template(
    N_("Monte Carlo estimate ({why}): {samples} random coalitions / orders, seed {seed}")
)
CHAINS = _template(N_("Monte Carlo over the compound game of chains"))
TABLES_TOO_LARGE = _template(
    N_(
        "exact tables ({weights} weights x {sizes} sizes) would need about {gib} GiB and {seconds} s"
    )
)
INTERSECTION_TOO_LARGE = _template(N_("intersection state space too large"))
TWO_WEIGHTS_TOO_MANY = _template(
    N_("a rule over two different weights with {n} players (> {limit})")
)
PREDICATE_TOO_MANY = _template(N_("a rule given as a predicate with {n} players (> {limit})"))

#: Every template a method may be built from.
TEMPLATES: frozenset[str] = frozenset(_TEMPLATES)

__all__ = ["TEMPLATES", "Msg", "msg"]
