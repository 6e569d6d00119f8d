"""Voting power of every player of one decision: the rule reduced to a game, then the indices.

Direct power is computed on the organ's own players under the model's attendance: exact for
rules that reduce to one weighted quota (with vetoes), exact by enumeration for other rules with
at most 20 players, estimated by sampling otherwise. Indirect power through chains of organs is
in :mod:`govmodel.analysis.indirect`.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from govmodel.analysis.games import Player, WeightedForm, passes, present_players, weighted_form
from govmodel.analysis.power import (
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    PowerResult,
    PredicateGame,
    VetoWeightedGame,
    WeightedGame,
    power_indices,
)
from govmodel.model import Model


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


def decision_power(
    model: Model,
    organ: str,
    decision: str,
    *,
    indices: tuple[str, ...] = ("banzhaf", "shapley_shubik"),
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
) -> DecisionPower:
    """Banzhaf and Shapley–Shubik indices of every present player of a decision."""
    d = model.decision(organ, decision)
    ps = present_players(model, organ)
    complete = not model.attendance.get(organ)
    wf = weighted_form(d.rule, ps, complete=complete)
    if wf is not None and wf.vetoers:
        game = VetoWeightedGame(wf.weights, wf.quota, frozenset(wf.vetoers))
    elif wf is not None:
        game = WeightedGame(wf.weights, wf.quota)
    else:
        everyone = ps
        ids = [p.id for p in ps]
        present = frozenset(ids)

        def wins(mask: int) -> bool:
            yes = frozenset(ids[i] for i in range(len(ids)) if mask >> i & 1)
            return passes(d.rule, everyone, yes, present)

        game = PredicateGame(len(ps), wins)
    if isinstance(game, PredicateGame):
        result = power_indices(game, indices=indices, samples=samples, seed=seed)
    else:
        result = _cached_indices(game, tuple(indices), samples, seed)
    return DecisionPower(model.id, organ, decision, d.rule.describe("en"), ps, wf, result)


_CACHE: dict[tuple, PowerResult] = {}
_CACHE_MAX = 64
# Bump when the algorithms or the result layout change: old cache files are then ignored.
_DISK_FORMAT = "govmodel-power-1"


def _cache_dir() -> Path | None:
    """Where exact results are kept between runs (``GOVMODEL_CACHE_DIR``, else the user cache
    directory); ``GOVMODEL_NO_CACHE=1`` turns the disk cache off."""
    if os.environ.get("GOVMODEL_NO_CACHE"):
        return None
    root = os.environ.get("GOVMODEL_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "govmodel",
    )
    return Path(root) / "power"


def _frac_list(values) -> list[str] | None:
    return None if values is None else [f"{v.numerator}/{v.denominator}" for v in values]


def _unfrac(values) -> tuple[Fraction, ...] | None:
    return None if values is None else tuple(Fraction(v) for v in values)


def _disk_key(game, indices: tuple[str, ...]) -> str:
    vetoers = sorted(getattr(game, "vetoers", ()))
    text = json.dumps([_DISK_FORMAT, list(game.weights), game.quota, vetoers, list(indices)])
    return hashlib.sha256(text.encode()).hexdigest()


def _disk_load(game, indices: tuple[str, ...]) -> PowerResult | None:
    d = _cache_dir()
    if d is None:
        return None
    path = d / f"{_disk_key(game, indices)}.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("format") != _DISK_FORMAT or doc.get("n") != len(game.weights):
            return None
        return PowerResult(
            n=doc["n"],
            method=doc["method"] + " (cached result)",
            exact=True,
            swings=None if doc["swings"] is None else tuple(int(x) for x in doc["swings"]),
            banzhaf_raw=_unfrac(doc["banzhaf_raw"]),
            banzhaf=_unfrac(doc["banzhaf"]),
            shapley_shubik=_unfrac(doc["shapley_shubik"]),
        )
    except (OSError, ValueError, KeyError, TypeError, ZeroDivisionError):
        return None


def _disk_store(game, indices: tuple[str, ...], r: PowerResult) -> None:
    d = _cache_dir()
    if d is None or not r.exact:
        return
    doc = {
        "format": _DISK_FORMAT,
        "n": r.n,
        "method": r.method,
        "swings": None if r.swings is None else [str(x) for x in r.swings],
        "banzhaf_raw": _frac_list(r.banzhaf_raw),
        "banzhaf": _frac_list(r.banzhaf),
        "shapley_shubik": _frac_list(r.shapley_shubik),
    }
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh)
        os.replace(tmp, d / f"{_disk_key(game, indices)}.json")
    except OSError:
        pass  # a cache that cannot be written is only slower


def _cached_indices(game, indices: tuple[str, ...], samples: int, seed: int) -> PowerResult:
    """Indices of a weighted or veto game, computed once per distinct game: many decisions of a
    general meeting share the same weights and quota (ordinary resolution, elections,
    eierstrategi). Exact results are also kept on disk between runs (they are pure functions of
    the weights and quota)."""
    key = (game, indices, samples, seed)
    hit = _CACHE.get(key)
    if hit is None:
        hit = _disk_load(game, indices)
        if hit is None:
            hit = power_indices(game, indices=indices, samples=samples, seed=seed)
            _disk_store(game, indices, hit)
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = hit
    return hit


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
