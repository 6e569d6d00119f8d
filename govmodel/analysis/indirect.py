"""Moved to :mod:`govmodel.power.indirect` (kept so older imports keep working)."""

from govmodel.power.indirect import CompoundGame, IndirectPower, base_players, indirect_power

__all__ = ["CompoundGame", "IndirectPower", "base_players", "indirect_power"]
