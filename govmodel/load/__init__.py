"""Loading and validating model files: from YAML to an immutable :class:`~govmodel.model.Model`.

The public entry points are :func:`load_model` (a model file, optionally with a scenario),
:func:`build_model` (an already-parsed located tree) and :func:`load_tree`. Every problem is
reported as a located :class:`~govmodel.errors.Problem` inside one
:class:`~govmodel.errors.ModelError`.

One module per idea:

- :mod:`.keys` the format's vocabulary (version, allowed keys, the id rule);
- :mod:`.text` bilingual text fields; :mod:`.reader` the typed field readers and the load state;
- :mod:`.expand` ``for_each`` expansion (reference data or a CSV the model names);
- :mod:`.templates` company-form templates overlaid by the model;
- :mod:`.actors`, :mod:`.company`, :mod:`.allocation`, :mod:`.organs`, :mod:`.relations`,
  :mod:`.documents`, :mod:`.turnout` one reader per section of the file;
- :mod:`.builder` assembles the sections and runs :mod:`govmodel.validate`;
- :mod:`.files` reads files (includes, variants, scenario) under one bounded budget.

Reading the YAML itself (safe, bounded, YAML 1.2 scalars, control characters refused) is
:mod:`govmodel.yamlsafe`; reading rules is :mod:`govmodel.ruleparse` (shared with the law data).
"""

from __future__ import annotations

from govmodel.load.builder import Builder
from govmodel.load.files import build_model, load_model, load_tree
from govmodel.load.keys import FORMAT_VERSION, PROV_KEYS, is_id
from govmodel.ruleparse import RuleParser, parse_fraction

__all__ = [
    "FORMAT_VERSION",
    "PROV_KEYS",
    "Builder",
    "RuleParser",
    "build_model",
    "is_id",
    "load_model",
    "load_tree",
    "parse_fraction",
]
