"""Voting power of every player of one decision: the rule reduced to a game, then the indices.

Direct power is computed on the organ's own players under the model's attendance: exact for
rules that reduce to one weighted quota (with vetoes), exact by enumeration for other rules with
at most 20 players, estimated by sampling otherwise. Indirect power through chains of organs is
in :mod:`govmodel.power.indirect`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from govmodel.errors import GovmodelError
from govmodel.model import Model
from govmodel.power import cache
from govmodel.power import methods as M
from govmodel.power.games import Game, PredicateGame, VetoWeightedGame, WeightedGame, canonical
from govmodel.power.methods import msg
from govmodel.power.result import DEFAULT_SAMPLES, DEFAULT_SEED, PowerResult
from govmodel.power.voting import (
    Player,
    WeightedForm,
    composite_form,
    passes,
    players,
    present_players,
    weighted_form,
)


@dataclass(frozen=True)
class DecisionPower:
    """Indices of the players of ``organ.decision`` with the game they come from."""

    model: str
    organ: str
    decision: str
    rule: str
    players: tuple[Player, ...]
    form: WeightedForm | None
    result: PowerResult

    @property
    def quota(self) -> Fraction | None:
        """The weight (in votes) a yes-side needs, when the rule is one weighted quota."""
        if self.form is None or self.form.vetoers:
            return None
        return Fraction(self.form.quota, self.form.scale)

    @property
    def exact(self) -> bool:
        return self.result.exact


class NoVoters(GovmodelError, ValueError):
    """A decision of an organ with nobody to vote on it (no seats, no shareholders present)."""


def decision_power(
    model: Model,
    organ: str,
    decision: str,
    *,
    indices: tuple[str, ...] = ("banzhaf", "shapley_shubik"),
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
) -> DecisionPower:
    """Banzhaf and Shapley–Shubik indices of every present player of a decision.

    The rule is reduced, in this order, to a weighted game (one quota, maybe vetoes), a
    composite game (head counts and quotas combined with ``all``/``any``, vetoes) or, for
    anything else, a predicate game evaluated with :func:`~govmodel.power.voting.passes`; the
    indices come from :func:`~govmodel.power.indices.power_indices` (exact wherever feasible).
    A rule that passes with no yes-votes at all makes nobody pivotal: every index is 0.
    Raises :class:`NoVoters` when nobody can vote.

    >>> from govmodel.load import load_model
    >>> m = load_model("models/ownership_b.yaml")
    >>> dp = decision_power(m, "generalforsamling", "ordinary")
    >>> dp.exact, [str(v) for v in dp.result.shapley_shubik]
    (True, ['1'])
    """
    d = model.decision(organ, decision)
    ps = present_players(model, organ)
    if not ps:
        raise NoVoters(f"{organ}.{decision}: nobody votes (no seats or shareholders present)")
    everyone = players(model, organ)
    ids = [p.id for p in ps]
    present = frozenset(ids)
    complete = not model.attendance.get(organ)
    rule_text = d.rule.describe("en")
    if passes(d.rule, everyone, frozenset(), present):
        zero = tuple(Fraction(0) for _ in ps)
        result = PowerResult(
            n=len(ps),
            method=msg(M.NOBODY_PIVOTAL),
            exact=True,
            swings=tuple(0 for _ in ps) if "banzhaf" in indices else None,
            banzhaf_raw=zero if "banzhaf" in indices else None,
            banzhaf=zero if "banzhaf" in indices else None,
            shapley_shubik=zero if "shapley_shubik" in indices else None,
        )
        return DecisionPower(model.id, organ, decision, rule_text, ps, None, result)
    wf = weighted_form(d.rule, ps, complete=complete)
    game: Game
    if wf is not None and wf.vetoers:
        game = VetoWeightedGame(wf.weights, wf.quota, frozenset(wf.vetoers))
    elif wf is not None:
        game = WeightedGame(wf.weights, wf.quota)
    else:
        comp = composite_form(d.rule, ps, everyone)
        if comp is not None:
            game = comp
        else:

            def wins(mask: int) -> bool:
                yes = frozenset(ids[i] for i in range(len(ids)) if mask >> i & 1)
                return passes(d.rule, everyone, yes, present)

            game = PredicateGame(len(ps), wins)
    if isinstance(game, PredicateGame):
        from govmodel.power.indices import power_indices

        result = power_indices(game, indices=indices, samples=samples, seed=seed)
    else:
        result = _cached_indices(game, tuple(indices), samples, seed)
    return DecisionPower(model.id, organ, decision, rule_text, ps, wf, result)


def _game_of(model: Model, organ: str, decision: str) -> WeightedGame | None:
    """The weighted game of a decision when its rule is one quota without vetoes, else None."""
    d = model.decision(organ, decision)
    ps = present_players(model, organ)
    if not ps:
        return None
    wf = weighted_form(d.rule, ps, complete=not model.attendance.get(organ))
    if (
        wf is None
        or wf.vetoers
        or passes(d.rule, players(model, organ), frozenset(), frozenset(p.id for p in ps))
    ):
        return None
    return WeightedGame(wf.weights, wf.quota)


def organ_power(
    model: Model,
    organ: str,
    decisions: tuple[str, ...] | None = None,
    *,
    indices: tuple[str, ...] = ("banzhaf", "shapley_shubik"),
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
) -> list[DecisionPower]:
    """:func:`decision_power` for several decisions of one organ (default: all of them).

    Decisions whose rules are quotas over the same weights are computed together: one
    generating-function table answers every quota (and a game and its dual share one
    result), so an organ's thirteen decisions cost about as much as its most demanding one.

    >>> from govmodel.load import load_model
    >>> m = load_model("models/ownership_b.yaml")
    >>> [dp.decision for dp in organ_power(m, "generalforsamling")][:2]
    ['ordinary', 'elect_board']
    """
    ids = decisions if decisions is not None else tuple(d.id for d in model.organs[organ].decisions)
    idx = tuple(indices)
    by_weights: dict[tuple[int, ...], set[int]] = {}
    for did in ids:
        g = _game_of(model, organ, did)
        if g is None:
            continue
        c = canonical(g)
        if cache.peek(c, idx, (samples, seed)) is None and cache.load(c, idx, c.weights) is None:
            by_weights.setdefault(c.weights, set()).add(c.quota)
    for weights, quotas in by_weights.items():
        if len(quotas) < 2:
            continue  # a single game goes the ordinary way (with its estimate fallback)
        from govmodel.power.kernels import _TooLarge
        from govmodel.power.weighted import exact_weighted_many

        try:
            results = exact_weighted_many(
                weights, sorted(quotas), "banzhaf" in idx, "shapley_shubik" in idx
            )
        except _TooLarge:
            continue
        for q, r in results.items():
            game = WeightedGame(weights, q)

            def known(r: PowerResult = r) -> PowerResult:
                return r

            cache.cached_indices(game, idx, known, weights, (samples, seed))
    return [
        decision_power(model, organ, did, indices=indices, samples=samples, seed=seed)
        for did in ids
    ]


def _cached_indices(game, indices: tuple[str, ...], samples: int, seed: int) -> PowerResult:
    """Indices of a game with weights, computed once per distinct game (many decisions of a
    general meeting share the same weights and quota, and a game and its dual have the same
    indices); exact results are kept on disk between runs and validated when read
    (:mod:`govmodel.power.cache`)."""
    if isinstance(game, WeightedGame):
        game = canonical(game)
    weights = game.weights if isinstance(game, WeightedGame) else None

    def compute() -> PowerResult:
        from govmodel.power.indices import power_indices

        return power_indices(game, indices=indices, samples=samples, seed=seed)

    return cache.cached_indices(
        game,
        indices,
        compute,
        weights,
        (samples, seed),
    )


@dataclass(frozen=True)
class Disagreement:
    """Why Banzhaf and Shapley–Shubik differ sharply for one player (a weighted game)."""

    player: str
    banzhaf: float
    shapley_shubik: float
    weight: int
    window_low: int
    window_high: int
    others_mean: float
    others_sd: float
    others_total: int


def disagreement(dp: DecisionPower, threshold: float = 0.1) -> Disagreement | None:
    """The player whose normalised Banzhaf and Shapley–Shubik values differ most (if by more
    than ``threshold``), with the quantities that explain it: the window of the others'
    yes-weight in which the player swings, and the mean and spread of that weight in a random
    coalition (which Banzhaf weighs) against its roughly even spread over orderings (SS)."""
    r = dp.result
    if dp.form is None or r.banzhaf is None or r.shapley_shubik is None:
        return None
    diffs = [abs(float(b) - float(s)) for b, s in zip(r.banzhaf, r.shapley_shubik, strict=True)]
    i = max(range(len(diffs)), key=lambda k: diffs[k])
    if diffs[i] <= threshold:
        return None
    w = dp.form.weights
    others = [x for k, x in enumerate(w) if k != i]
    mean = sum(others) / 2
    sd = math.sqrt(sum(x * x for x in others)) / 2
    return Disagreement(
        dp.players[i].id,
        float(r.banzhaf[i]),
        float(r.shapley_shubik[i]),
        w[i],
        max(0, dp.form.quota - w[i]),
        dp.form.quota - 1,
        mean,
        sd,
        sum(others),
    )
