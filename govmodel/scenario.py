"""Compatibility names for the loader: scenarios, variants and includes now live in
:mod:`govmodel.changes` (the one typed change path). New code imports from there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govmodel.changes.compose import FRAGMENT_KEYS, resolve_includes, resolve_model_tree
from govmodel.changes.parse import SCENARIO_KEYS, parse_changes, parse_scenario, scenario_base
from govmodel.changes.tree import apply_to_tree
from govmodel.changes.values import LIST_SECTIONS, OPS
from govmodel.errors import Loc
from govmodel.yamlsafe import YMap


def apply_changes(base: YMap, changes: Any, loc: Loc) -> YMap:
    """A copy of a model tree with a ``changes:`` list (located YAML) applied."""
    return apply_to_tree(base, parse_changes(changes, loc), loc)


def apply_scenario_file(model_tree: Any, scenario_path: Path, model_path: Path) -> tuple[Any, str]:
    """A resolved model tree with a scenario file's changes applied, and the scenario's name.
    The model must be the scenario's ``base:`` when it names one."""
    scenario = parse_scenario(scenario_path)
    scenario_base(scenario, model_path)
    return apply_to_tree(model_tree, scenario.changes, Loc(str(scenario_path))), scenario.title


__all__ = [
    "FRAGMENT_KEYS",
    "LIST_SECTIONS",
    "SCENARIO_KEYS",
    "OPS",
    "apply_changes",
    "apply_scenario_file",
    "resolve_includes",
    "resolve_model_tree",
]
