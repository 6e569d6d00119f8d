"""govmodel: governance models for DIF AS — control, voting power and the in-house criteria.

The public API (what the CLI and the terminal UI use):

- loading: :func:`load_model`, :func:`build_model`, :class:`ModelError`, :class:`Problem`
- the model: :class:`Model` and the value types in :mod:`govmodel.model`; :func:`to_graph`
- voting rules as games: :func:`players`, :func:`passes`, :func:`weighted_form`
- control: :class:`ControlAnalysis`, :func:`graded`, :func:`coalition_control`
- structure: :func:`decision_structure`, :func:`model_structure`
- power: :mod:`govmodel.power` (exact indices), :mod:`govmodel.power.decision`
  (indices of one decision), :mod:`govmodel.power.indirect` (estimated power through chains)
- criteria: :mod:`govmodel.analysis.criteria`, :mod:`govmodel.analysis.coverage`,
  :mod:`govmodel.analysis.sensitivity`; texts in :mod:`govmodel.i18n`
- what-if: :mod:`govmodel.changes` (typed change values, scenarios, :class:`Workspace`,
  includes and variants)
- presentation: :mod:`govmodel.report`, :mod:`govmodel.diagram`
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Names are imported on first use (PEP 562), so a command pays only for what it needs:
# ``govmodel check`` loads no analysis, ``govmodel power`` no control engine.
_WHERE = {
    "ControlAnalysis": "govmodel.analysis.control",
    "DecisionControl": "govmodel.analysis.outcomes",
    "Outcome": "govmodel.analysis.outcomes",
    "coalition_control": "govmodel.analysis.control",
    "graded": "govmodel.analysis.control",
    "Loc": "govmodel.errors",
    "ModelError": "govmodel.errors",
    "Problem": "govmodel.errors",
    "to_graph": "govmodel.graph",
    "build_model": "govmodel.load",
    "load_model": "govmodel.load",
    "Model": "govmodel.model",
    "DecisionStructure": "govmodel.power.structure",
    "decision_structure": "govmodel.power.structure",
    "model_structure": "govmodel.power.structure",
    "units": "govmodel.power.structure",
    "Player": "govmodel.power.voting",
    "passes": "govmodel.power.voting",
    "players": "govmodel.power.voting",
    "present_players": "govmodel.power.voting",
    "weighted_form": "govmodel.power.voting",
}

if TYPE_CHECKING:
    from govmodel.analysis.control import ControlAnalysis, coalition_control, graded
    from govmodel.analysis.outcomes import DecisionControl, Outcome
    from govmodel.errors import Loc, ModelError, Problem
    from govmodel.graph import to_graph
    from govmodel.load import build_model, load_model
    from govmodel.model import Model
    from govmodel.power.structure import (
        DecisionStructure,
        decision_structure,
        model_structure,
        units,
    )
    from govmodel.power.voting import Player, passes, players, present_players, weighted_form


def __getattr__(name: str) -> object:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'govmodel' has no attribute {name!r}")
    value = getattr(importlib.import_module(where), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


__all__ = [
    "ControlAnalysis",
    "DecisionControl",
    "DecisionStructure",
    "Loc",
    "Model",
    "ModelError",
    "Outcome",
    "Player",
    "Problem",
    "build_model",
    "coalition_control",
    "decision_structure",
    "graded",
    "load_model",
    "model_structure",
    "passes",
    "players",
    "present_players",
    "to_graph",
    "units",
    "weighted_form",
]
