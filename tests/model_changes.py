"""Shared helper of the control and criteria tests: a model file with a change list applied,
as a variant's ``changes:`` would be (the change path of :mod:`govmodel.changes`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from govmodel.changes import apply_to_tree, parse_changes, resolve_model_tree
from govmodel.load import build_model, load_tree
from govmodel.model import Model
from govmodel.yamlsafe import load_yaml_text


def changed(path: Path, changes_yaml: str, build: Callable[..., Model] = build_model) -> Model:
    """The model at ``path`` with the change list ``changes_yaml`` applied, built by ``build``."""
    tree, name = load_tree(path)
    tree = resolve_model_tree(tree, path)
    changes = load_yaml_text(changes_yaml, "<test changes>")
    loc = changes.loc  # type: ignore[attr-defined]  # a change list: a located YAML list
    return build(apply_to_tree(tree, parse_changes(changes, loc), loc), name, path.parent)
