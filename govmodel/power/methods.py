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

# Alike in shape only: the power engine's method templates, not another module's texts.
# -- exact ---------------------------------------------------------------------------------
GENERATING_FUNCTION = N_("exact: generating function (modular dynamic programme, CRT)")
GENERATING_FUNCTION_TABLE = N_(
    "exact: generating function (modular dynamic programme, CRT; one table for {quotas} quotas)"
)
VETO_GENERATING_FUNCTION = N_(
    "exact: generating function with vetoers conditioned in (modular DP, CRT)"
)
SIZE_QUOTA = N_("exact: size-dependent quota ({engine})")
MEET_IN_THE_MIDDLE = N_("meet in the middle over subset sums by size")
WEIGHT_AND_SIZE = N_("generating function by weight and size (modular, CRT)")
SHARED_WEIGHTS = N_("{method}; components share one weight vector")
GRAND_COALITION_LOSES = N_("exact: grand coalition loses")
MULTI_DIMENSIONAL = N_("exact: multi-dimensional generating function (complement counts)")
BRUTE_FORCE = N_("brute force: enumeration of all coalitions")
NOBODY_PIVOTAL = N_("exact: the rule passes with no yes-votes, so nobody is ever pivotal")
CACHED = N_("{method} (cached result, checked)")

# -- estimated, and why --------------------------------------------------------------------
MONTE_CARLO = N_("Monte Carlo estimate ({why}): {samples} random coalitions / orders, seed {seed}")
CHAINS = N_("Monte Carlo over the compound game of chains")
TABLES_TOO_LARGE = N_(
    "exact tables ({weights} weights x {sizes} sizes) would need about {gib} GiB and {seconds} s"
)
INTERSECTION_TOO_LARGE = N_("intersection state space too large")
TWO_WEIGHTS_TOO_MANY = N_("a rule over two different weights with {n} players (> {limit})")
PREDICATE_TOO_MANY = N_("a rule given as a predicate with {n} players (> {limit})")

#: Every template a method may be built from.
TEMPLATES: frozenset[str] = frozenset(
    {
        GENERATING_FUNCTION,
        GENERATING_FUNCTION_TABLE,
        VETO_GENERATING_FUNCTION,
        SIZE_QUOTA,
        MEET_IN_THE_MIDDLE,
        WEIGHT_AND_SIZE,
        SHARED_WEIGHTS,
        GRAND_COALITION_LOSES,
        MULTI_DIMENSIONAL,
        BRUTE_FORCE,
        NOBODY_PIVOTAL,
        CACHED,
        MONTE_CARLO,
        CHAINS,
        TABLES_TOO_LARGE,
        INTERSECTION_TOO_LARGE,
        TWO_WEIGHTS_TOO_MANY,
        PREDICATE_TOO_MANY,
    }
)

__all__ = ["TEMPLATES", "Msg", "msg"]
