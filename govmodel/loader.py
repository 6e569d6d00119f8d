"""Compatibility name for :mod:`govmodel.load` (the loader is a package now); import from there."""

from __future__ import annotations

from govmodel.load import (
    FORMAT_VERSION,
    PROV_KEYS,
    Builder,
    RuleParser,
    build_model,
    load_model,
    load_tree,
    parse_fraction,
)

__all__ = [
    "FORMAT_VERSION",
    "PROV_KEYS",
    "Builder",
    "RuleParser",
    "build_model",
    "load_model",
    "load_tree",
    "parse_fraction",
]
