"""Moved to :mod:`govmodel.power.voting` (kept so older imports keep working)."""

from govmodel.power.voting import (
    Player,
    WeightedForm,
    absolute_quota,
    passes,
    players,
    present_players,
    weighted_form,
)

__all__ = [
    "Player",
    "WeightedForm",
    "absolute_quota",
    "passes",
    "players",
    "present_players",
    "weighted_form",
]
