"""Moved to :mod:`govmodel.power.structure` (kept so older imports keep working)."""

from govmodel.power.structure import DecisionStructure, decision_structure, model_structure, units

__all__ = ["DecisionStructure", "decision_structure", "model_structure", "units"]
