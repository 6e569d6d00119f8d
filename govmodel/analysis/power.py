"""Moved to :mod:`govmodel.power` (kept so older imports keep working)."""

from govmodel.power.brute import BRUTE_FORCE_MAX_PLAYERS, brute_force
from govmodel.power.games import (
    Game,
    IntersectionGame,
    PredicateGame,
    VetoWeightedGame,
    WeightedGame,
    quota_for,
)
from govmodel.power.indices import power_indices
from govmodel.power.result import DEFAULT_SAMPLES, DEFAULT_SEED, INDICES, PowerResult

__all__ = [
    "BRUTE_FORCE_MAX_PLAYERS",
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "INDICES",
    "Game",
    "IntersectionGame",
    "PowerResult",
    "PredicateGame",
    "VetoWeightedGame",
    "WeightedGame",
    "brute_force",
    "power_indices",
    "quota_for",
]
