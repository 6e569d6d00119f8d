"""One typed change path: the values that change a model, read, applied and written back.

- :mod:`~govmodel.changes.values`: the change values (frozen, hashable, each with its location):
  :class:`SetHolding`, :class:`AddHolding`, :class:`RemoveHolding`, :class:`SetShareCapital`,
  :class:`SetShareClasses`, :class:`OwnerLeaves`, :class:`SetTurnout`, :class:`RevokeProxies`,
  :class:`SetRule`, :class:`SetRelation`, :class:`Add`, :class:`Replace`, :class:`Remove`.
- :mod:`~govmodel.changes.parse`: :func:`parse_changes` (a ``changes:`` list → change values),
  with located errors; :mod:`~govmodel.changes.scenario`: :func:`parse_scenario` (a scenario
  file → :class:`Scenario`) and :func:`scenario_base` (the model a scenario applies to).
- :mod:`~govmodel.changes.tree`: :func:`apply_to_tree`, the one place a change is made (on the
  model's located tree, which the loader then builds; why, is said there).
- :mod:`~govmodel.changes.write`: :func:`to_yaml` for saving (deterministic; reads back equal).
- :mod:`~govmodel.changes.workspace`: :class:`Workspace` (a base model and the models made from
  it, cached by the tuple of changes), :func:`apply`, and which model a scenario applies to.
- :mod:`~govmodel.changes.compose`: includes and variants (``base:`` + ``changes:``).

Scenarios, variants, sensitivity, the CLI's ``--scenario`` and the TUI's what-if all use it.
"""

from govmodel.changes.compose import resolve_includes, resolve_model_tree
from govmodel.changes.parse import parse_changes
from govmodel.changes.scenario import (
    Scenario,
    parse_scenario,
    scenario_base,
    scenario_from_tree,
)
from govmodel.changes.tree import apply_to_tree
from govmodel.changes.values import (
    BY_OP,
    CHANGE_TYPES,
    OPS,
    Add,
    AddHolding,
    Change,
    Entries,
    Fields,
    HoldingChange,
    OwnerLeaves,
    Remove,
    RemoveHolding,
    RemoveOrgan,
    Replace,
    RevokeProxies,
    SetHolding,
    SetRelation,
    SetRule,
    SetShareCapital,
    SetShareClasses,
    SetTurnout,
)
from govmodel.changes.workspace import (
    OpenedScenario,
    Workspace,
    apply,
    load_with_scenario,
    open_scenario,
)
from govmodel.changes.write import change_data, changes_yaml, to_yaml

__all__ = [
    "BY_OP",
    "CHANGE_TYPES",
    "OPS",
    "Add",
    "AddHolding",
    "Change",
    "Entries",
    "Fields",
    "HoldingChange",
    "OpenedScenario",
    "OwnerLeaves",
    "Remove",
    "RemoveHolding",
    "RemoveOrgan",
    "Replace",
    "RevokeProxies",
    "Scenario",
    "SetHolding",
    "SetRelation",
    "SetRule",
    "SetShareCapital",
    "SetShareClasses",
    "SetTurnout",
    "Workspace",
    "apply",
    "apply_to_tree",
    "change_data",
    "changes_yaml",
    "load_with_scenario",
    "open_scenario",
    "parse_changes",
    "parse_scenario",
    "resolve_includes",
    "resolve_model_tree",
    "scenario_base",
    "scenario_from_tree",
    "to_yaml",
]
