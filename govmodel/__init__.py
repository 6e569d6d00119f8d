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

from govmodel.analysis.control import (
    ControlAnalysis,
    DecisionControl,
    Outcome,
    coalition_control,
    graded,
)
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
