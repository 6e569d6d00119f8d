"""Loading a model file: reading the located tree, resolving includes and variants, applying a
scenario, and building the model under one :class:`~govmodel.yamlsafe.Budget`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from govmodel import model as M
from govmodel.errors import Loc
from govmodel.law import LawData, builtin_law
from govmodel.load.builder import Builder
from govmodel.population import BUILTIN_KOMMUNER, Population, load_population
from govmodel.yamlsafe import budget, load_yaml_file


def load_tree(path: Path | str) -> tuple[object, str]:
    """Read a model file into a located YAML tree."""
    path = Path(path)
    return load_yaml_file(path, str(path)), str(path)


def build_model(
    tree: object, name: str, base_dir: Path | None = None, law: LawData | None = None
) -> M.Model:
    """Build a model from an already-parsed tree (used by scenarios and tests)."""
    law = law or builtin_law()
    return Builder(tree, name, law, base_dir, population=_default_population()).build()


_POP_CACHE: list[Population] = []


def _default_population() -> Population:
    if not _POP_CACHE:
        _POP_CACHE.append(load_population(BUILTIN_KOMMUNER))
    return _POP_CACHE[0]


def load_model(
    path: Path | str, *, scenario: Path | str | None = None, law: LawData | None = None
) -> M.Model:
    """Load, validate and build a model file (optionally with a scenario overlay).

    Raises :class:`~govmodel.errors.ModelError` listing every problem with its location.
    The whole load (the model, its includes and variant bases, the scenario and the data files)
    runs under one :class:`~govmodel.yamlsafe.Budget` of bytes, values and files.
    """
    # govmodel.changes builds models with this package (its Workspace), so it is imported here,
    # once this package is initialised, not at the top
    from govmodel.changes.compose import resolve_model_tree
    from govmodel.changes.scenario import parse_scenario, scenario_base
    from govmodel.changes.tree import apply_to_tree

    path = Path(path)
    with budget():
        tree, name = load_tree(path)
        tree = resolve_model_tree(tree, path)
        if scenario is not None:
            # the model must be the scenario's base: when it names one
            spath = Path(scenario)
            parsed = parse_scenario(spath)
            scenario_base(parsed, path)
            tree = apply_to_tree(tree, parsed.changes, Loc(str(spath)))
            model = build_model(tree, name, path.parent, law)
            return replace(model, scenario=parsed.title)
        return build_model(tree, name, path.parent, law)
