"""Moved to :mod:`govmodel.power.decision` (kept so older imports keep working)."""

from govmodel.power.decision import DecisionPower, Disagreement, decision_power, disagreement

__all__ = ["DecisionPower", "Disagreement", "decision_power", "disagreement"]
