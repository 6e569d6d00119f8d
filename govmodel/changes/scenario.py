"""Scenario files: a name, the base model it was written for, the legal readings it chooses and
its changes (read by :func:`~govmodel.changes.parse.parse_changes`), with located errors; and
which model a scenario applies to (:func:`scenario_base`).

>>> from govmodel.yamlsafe import load_yaml_text
>>> text = "{govmodel_scenario: 1, name: KS leaves, changes: [owner_leaves: ks]}"
>>> scenario_from_tree(load_yaml_text(text, "s.yaml"), Path("s.yaml")).changes
(OwnerLeaves(owner='ks'),)
"""

from __future__ import annotations

import os
from dataclasses import field
from pathlib import Path

from govmodel.changes import values as V
from govmodel.changes.parse import freeze_node, parse_changes, unknown_keys
from govmodel.errors import Loc, ModelError, Problem, did_you_mean, expected_one_of
from govmodel.frozen import frozen_dataclass
from govmodel.law.readings import Readings, load_readings
from govmodel.yamlsafe import YMap, load_yaml_file

SCENARIO_KEYS = frozenset(
    (
        "govmodel_scenario",
        "name",
        "description",
        "base",
        "readings",
        "changes",
        "source",
        "assumption",
    )
)


@frozen_dataclass
class Scenario:
    """A scenario file: its name, the base model it was written for (``base``, a path relative
    to the scenario file, as written), the legal readings it chooses (``readings``: reading id
    and value, as written, only those it switches) and its changes. ``path`` is where it was
    read from (not part of equality)."""

    name: V.Value
    changes: tuple[V.Change, ...] = ()
    base: str | None = None
    description: V.Value = None
    source: str | None = None
    assumption: str | None = None
    readings: tuple[tuple[str, str], ...] = ()
    path: Path | None = field(default=None, compare=False)
    base_loc: Loc | None = field(default=None, compare=False)

    def chosen_readings(self, given: Readings | None = None) -> Readings | None:
        """The readings to apply: the scenario's, and over them every reading ``given`` switches
        away from its default (a ``--reading`` on the command line wins); None when neither
        switches anything (the defaults)."""
        values = dict(self.readings)
        if given is not None:
            values.update((rid, given.value(rid)) for rid in given.changed())
        if not values:
            return given
        return (given or Readings.default()).with_values(values)

    def base_path(self) -> Path | None:
        """The base model file, resolved against the scenario's folder."""
        if self.base is None:
            return None
        p = Path(self.base)
        if p.is_absolute() or self.path is None:
            return p
        return self.path.parent / p

    @property
    def title(self) -> str:
        """The name as text (the Norwegian text of a bilingual name)."""
        if isinstance(self.name, V.Fields):
            return str(self.name.get("nb") or "")
        return str(self.name) if self.name is not None else ""


def parse_scenario_readings(node: object, loc: Loc) -> tuple[tuple[str, str], ...]:
    """A scenario's ``readings:``, a mapping of reading id to the chosen alternative (see
    ``govmodel readings``); each id and value checked against the law data, located."""
    if not isinstance(node, YMap):
        raise ModelError(
            [Problem(loc, "readings must be a mapping of reading id to value, e.g. {ID: VALUE}")]
        )
    catalogue = load_readings()
    problems: list[Problem] = []
    out: list[tuple[str, str]] = []
    for rid in node:
        value = node[rid]
        if rid not in catalogue:
            problems.append(
                Problem(
                    node.key_at(rid),
                    f"unknown reading {rid!r}{did_you_mean(str(rid), catalogue)}; "
                    f"{expected_one_of(catalogue)} (see `govmodel readings`)",
                )
            )
            continue
        values = catalogue[rid].values()
        if not isinstance(value, str) or value not in values:
            problems.append(
                Problem(
                    node.at(rid),
                    f"reading {rid} has no alternative {value!r}"
                    f"{did_you_mean(str(value), values)}; {expected_one_of(values)}",
                )
            )
            continue
        out.append((str(rid), value))
    if problems:
        raise ModelError(problems)
    return tuple(out)


def scenario_from_tree(tree: object, path: Path) -> Scenario:
    """A scenario from its located tree (raises ModelError)."""
    if (
        not isinstance(tree, YMap)
        or tree.get("govmodel_scenario") != 1
        or tree["govmodel_scenario"] is True
    ):
        loc = tree.loc if isinstance(tree, YMap) else Loc(str(path), 1, 1)
        raise ModelError([Problem(loc, "a scenario file must start with 'govmodel_scenario: 1'")])
    problems = unknown_keys(tree, SCENARIO_KEYS, "a scenario")
    for key in ("base", "source", "assumption"):
        if key in tree and (not isinstance(tree[key], str) or not tree[key]):
            problems.append(Problem(tree.at(key), f"{key} must be text; got {tree[key]!r}"))
    try:
        changes = parse_changes(
            tree.get("changes"), tree.at("changes") if "changes" in tree else tree.loc
        )
    except ModelError as exc:
        problems.extend(exc.problems)
        changes = ()
    readings: tuple[tuple[str, str], ...] = ()
    if "readings" in tree:
        try:
            readings = parse_scenario_readings(tree["readings"], tree.at("readings"))
        except ModelError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ModelError(problems)
    name = (
        freeze_node(tree["name"], tree.raw.get("name"), tree.at("name"))
        if "name" in tree
        else path.stem
    )
    return Scenario(
        name=name,
        changes=changes,
        base=tree.get_str("base"),  # text: checked above
        description=freeze_node(
            tree["description"], tree.raw.get("description"), tree.at("description")
        )
        if "description" in tree
        else None,
        source=tree.get_str("source"),
        assumption=tree.get_str("assumption"),
        readings=readings,
        path=path,
        base_loc=tree.at("base") if "base" in tree else None,
    )


def parse_scenario(path: Path | str) -> Scenario:
    """Read a scenario file (``govmodel_scenario: 1``); raises ModelError with located problems."""
    path = Path(path)
    return scenario_from_tree(load_yaml_file(path, str(path)), path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def scenario_base(scenario: Scenario, model_path: Path | str | None) -> Path:
    """The model file a scenario applies to.

    The rule: without a model, the scenario's ``base:``; with a model, that model, which must be
    the scenario's base when it names one (else a located error: a scenario written for one
    model is not silently applied to another). A scenario without ``base:`` applies to the
    model given."""
    spath = scenario.path or Path("<scenario>")
    base = scenario.base_path()
    if model_path is None:
        if base is None:
            raise ModelError(
                [
                    Problem(
                        Loc(str(spath), 1, 1),
                        "this scenario names no base model (base: FILE); give the model to apply it to",
                    )
                ]
            )
        if not base.is_file():
            raise ModelError(
                [
                    Problem(
                        scenario.base_loc or Loc(str(spath)),
                        f"base model {scenario.base!r} not found (looked for {base})",
                    )
                ]
            )
        return base
    model_path = Path(model_path)
    if base is not None and not (base.is_file() and _same_file(base, model_path)):
        raise ModelError(
            [
                Problem(
                    scenario.base_loc or Loc(str(spath)),
                    f"this scenario is for the model {scenario.base!r} (base:), not {str(model_path)!r}; "
                    "leave out the model to use the scenario's base, or remove base: to apply it to any model",
                )
            ]
        )
    return model_path
