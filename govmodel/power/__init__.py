"""Voting power: rules as simple games, exact Banzhaf and Shapley–Shubik indices, estimates.

Definitions applied (players ``0..n-1``; a coalition is a set of players, or an ``int`` bitmask):

* A player ``i`` is a *swing* (is pivotal) for a coalition ``S`` not containing ``i`` when
  ``S ∪ {i}`` wins and ``S`` loses.
* **Banzhaf**: ``swings[i]`` is the number of such coalitions (the raw Banzhaf count);
  ``banzhaf_raw[i] = swings[i] / 2**(n-1)`` (Banzhaf's "absolute" index, Dubey–Shapley 1979);
  ``banzhaf[i] = swings[i] / sum(swings)`` (the normalised index; all zeros when nobody swings).
* **Shapley–Shubik**: ``shapley_shubik[i] = Σ_S |S|! (n-|S|-1)! / n!`` over the coalitions ``S``
  for which ``i`` is a swing: the share of the ``n!`` voting orders in which ``i`` turns the
  coalition of those before it from losing into winning. The values sum to 1 whenever the grand
  coalition wins and the empty one loses.

Games are monotone (adding a member never turns a win into a loss).

One idea per module:

* :mod:`~govmodel.power.games` — the game values (:class:`WeightedGame`,
  :class:`VetoWeightedGame`, :class:`IntersectionGame`, :class:`CompositeGame`,
  :class:`PredicateGame`) and :func:`quota_for`;
* :mod:`~govmodel.power.voting` — an organ's voting rule over its players (:func:`passes`,
  :func:`weighted_form`, :func:`composite_form`);
* :mod:`~govmodel.power.result` — :class:`PowerResult` and its consistency checks;
* :mod:`~govmodel.power.kernels` and :mod:`~govmodel.power.modular` — the generating-function
  kernels (coalition counts by weight and size modulo 2**64 and primes, Chinese remainder);
* :mod:`~govmodel.power.weighted` — weighted and veto games, exact;
* :mod:`~govmodel.power.composite` — rules combining a head count, one weight and vetoes
  (``all:``/``any:``), exact by size-dependent quotas;
* :mod:`~govmodel.power.intersection` — intersections of weighted games over several weights;
* :mod:`~govmodel.power.brute` — enumeration of all coalitions (the independent reference);
* :mod:`~govmodel.power.montecarlo` — estimates with 95 % intervals, only where exact is infeasible;
* :mod:`~govmodel.power.indices` — :func:`power_indices`, which picks the method;
* :mod:`~govmodel.power.cache` — validated results kept between runs;
* :mod:`~govmodel.power.decision` — the indices of one decision of a model;
* :mod:`~govmodel.power.structure` — minimal winning and blocking sets of owners (units);
* :mod:`~govmodel.power.indirect` — estimated power through chains of organs.

Names are imported lazily, so ``import govmodel.power`` costs nothing until one is used
(numpy is loaded only by the kernels).

>>> from govmodel.power import WeightedGame, power_indices
>>> r = power_indices(WeightedGame((4, 4, 4, 2, 2, 1), 12))  # EEC Council of Ministers, 1958
>>> [str(x) for x in r.shapley_shubik]
['7/30', '7/30', '7/30', '3/20', '3/20', '0']
"""

from __future__ import annotations

import importlib

_WHERE = {
    "BRUTE_FORCE_MAX_PLAYERS": "brute",
    "brute_force": "brute",
    "quota_for": "games",
    "Game": "games",
    "WeightedGame": "games",
    "VetoWeightedGame": "games",
    "IntersectionGame": "games",
    "CompositeGame": "games",
    "Atom": "games",
    "PredicateGame": "games",
    "INDICES": "result",
    "PowerResult": "result",
    "DEFAULT_SAMPLES": "result",
    "DEFAULT_SEED": "result",
    "power_indices": "indices",
    "Player": "voting",
    "players": "voting",
    "present_players": "voting",
    "passes": "voting",
    "weighted_form": "voting",
    "composite_form": "voting",
    "WeightedForm": "voting",
    "DecisionPower": "decision",
    "decision_power": "decision",
    "organ_power": "decision",
    "disagreement": "decision",
    "DecisionStructure": "structure",
    "decision_structure": "structure",
    "model_structure": "structure",
    "units": "structure",
    "IndirectPower": "indirect",
    "indirect_power": "indirect",
}

# listed, not computed, so that tools see the lazily imported names as exported
__all__ = [
    "Atom",
    "BRUTE_FORCE_MAX_PLAYERS",
    "CompositeGame",
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "DecisionPower",
    "DecisionStructure",
    "Game",
    "INDICES",
    "IndirectPower",
    "IntersectionGame",
    "Player",
    "PowerResult",
    "PredicateGame",
    "VetoWeightedGame",
    "WeightedForm",
    "WeightedGame",
    "brute_force",
    "composite_form",
    "decision_power",
    "decision_structure",
    "disagreement",
    "indirect_power",
    "model_structure",
    "organ_power",
    "passes",
    "players",
    "power_indices",
    "present_players",
    "quota_for",
    "units",
    "weighted_form",
]


def __getattr__(name: str) -> object:
    """The public name ``name``, imported from its submodule on first use (typed code imports
    it from the submodule, e.g. ``from govmodel.power.decision import decision_power``)."""
    mod = _WHERE.get(name)
    if mod is None:
        raise AttributeError(f"module 'govmodel.power' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"govmodel.power.{mod}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
