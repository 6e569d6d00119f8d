"""A base model and the models made from it by lists of changes.

:class:`Workspace` holds a model file's resolved tree and its built model; ``with_changes``
returns the model with a list of change values applied (the tree changed by
:func:`~govmodel.changes.tree.apply_to_tree`, then built by the loader), remembered per list of
changes, so a what-if, a sensitivity probe or a scenario asked for twice is built once.

:func:`open_scenario` decides which model a scenario applies to: its ``base:`` when no model is
given; a model given on the command line must be that base (a scenario without ``base:`` applies
to any model).
"""

from __future__ import annotations

import dataclasses
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple, TypedDict

from govmodel.changes.compose import resolve_model_tree
from govmodel.changes.scenario import Scenario, parse_scenario, scenario_base
from govmodel.changes.tree import apply_to_tree
from govmodel.changes.values import Change
from govmodel.errors import Loc
from govmodel.law import LawData
from govmodel.law.apply import apply_readings
from govmodel.law.readings import Readings
from govmodel.load import build_model, load_tree
from govmodel.model import Model
from govmodel.yamlsafe import YMap, budget

CACHE_SIZE = 64
_Key = tuple[tuple[Change, ...], str | None, Readings | None]


class _Pickled(TypedDict):
    """A workspace as pickled: its tree and its base model (no lock, no other cache)."""

    tree: object
    name: str
    base_dir: Path | None
    law: LawData | None
    base: Model | None


class Workspace:
    """A base model (from its resolved tree) and the models made from it by changes.

    >>> ws = Workspace.open("models/ownership_b.yaml")  # doctest: +SKIP
    >>> ws.with_changes([RemoveOrgan("representasjonsraad")]).organs.keys()  # doctest: +SKIP
    """

    def __init__(
        self,
        tree: object,
        name: str,
        base_dir: Path | None,
        *,
        law: LawData | None = None,
        base: Model | None = None,
    ) -> None:
        self.tree, self.name, self.base_dir, self.law = tree, name, base_dir, law
        self._lock = threading.Lock()
        self._cache: OrderedDict[_Key, Model] = OrderedDict()
        if base is not None:
            self._remember(((), None, base.readings), base)

    def __getstate__(self) -> _Pickled:
        # pickled (the TUI loads models in a forked child): the tree and the base model, no lock
        return _Pickled(
            tree=self.tree,
            name=self.name,
            base_dir=self.base_dir,
            law=self.law,
            base=self._cache.get(((), None, None)),
        )

    def __setstate__(self, state: _Pickled) -> None:
        Workspace.__init__(
            self,
            state["tree"],
            state["name"],
            state["base_dir"],
            law=state["law"],
            base=state["base"],
        )

    @classmethod
    def open(
        cls, path: Path | str, *, law: LawData | None = None, base: Model | None = None
    ) -> Workspace:
        """The workspace of a model file (includes and a variant's base resolved); ``base``:
        the model already built from it, if any."""
        path = Path(path)
        with budget():  # the model, its includes and bases: one bounded load
            tree, name = load_tree(path)
            tree = resolve_model_tree(tree, path)
        return cls(tree, name, path.parent, law=law, base=base)

    @property
    def base(self) -> Model:
        """The model without changes."""
        return self.with_changes(())

    def tree_with(self, changes: Iterable[Change]) -> YMap:
        """The resolved tree with ``changes`` applied (a copy)."""
        return apply_to_tree(self.tree, changes, Loc(self.name))

    def with_changes(
        self,
        changes: Iterable[Change],
        scenario: str | None = None,
        readings: Readings | None = None,
    ) -> Model:
        """The model with ``changes`` applied in order (``scenario``: the name it is shown
        under; ``readings``: the legal readings applied, see
        :func:`~govmodel.law.readings.apply_readings`; None: none applied). Raises ModelError,
        located at the change, when a change does not fit."""
        key: _Key = (tuple(changes), scenario, readings)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        if readings is not None:
            model = apply_readings(self.with_changes(key[0], scenario), readings)
        elif scenario is not None:
            model = dataclasses.replace(self.with_changes(key[0]), scenario=scenario)
        else:
            # without changes the tree is built as it is (the loader says what is wrong with
            # a tree that is not a model)
            tree = self.tree_with(key[0]) if key[0] else self.tree
            model = build_model(tree, self.name, self.base_dir, self.law)
        self._remember(key, model)
        return model

    def _remember(self, key: _Key, model: Model) -> None:
        with self._lock:
            self._cache[key] = model
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        k = id(model)
        _ORIGIN[k] = (weakref.ref(model, _Forget(k)), self, key[0])


_ORIGIN: dict[int, tuple[weakref.ref[Model], Workspace, tuple[Change, ...]]] = {}


class _Forget:
    """Drops a model's entry from the origin registry when the model is collected."""

    def __init__(self, key: int) -> None:
        self.key = key
        self.registry = _ORIGIN  # held: at interpreter exit the module global may be gone

    def __call__(self, _ref: object) -> None:
        self.registry.pop(self.key, None)


def apply(model: Model, changes: Iterable[Change]) -> Model:
    """``model`` with ``changes`` applied after the ones it already has.

    A model made by a :class:`Workspace` is changed in that workspace; any other model is
    re-read from its file (``model.path``), which must then be the model itself (no scenario).
    """
    origin = _ORIGIN.get(id(model))
    if origin is not None and origin[0]() is model:
        _ref, ws, before = origin
        return ws.with_changes((*before, *changes), model.scenario, model.readings)
    if model.scenario is not None:
        raise ValueError(
            "apply(): this model was built with a scenario outside a Workspace; "
            "use Workspace.with_changes with the scenario's changes and these"
        )
    ws = Workspace.open(model.path, base=model if model.readings is None else None)
    return ws.with_changes(tuple(changes), None, model.readings)


class OpenedScenario(NamedTuple):
    """A scenario read with the model it applies to: that model's workspace and path."""

    workspace: Workspace
    scenario: Scenario
    model_path: Path


def open_scenario(
    scenario_path: Path | str, model_path: Path | str | None = None, *, law: LawData | None = None
) -> OpenedScenario:
    """The workspace of the model a scenario applies to (see :func:`scenario_base`), the
    scenario and that model's path."""
    with budget():  # the scenario and its model are one bounded load
        scenario = parse_scenario(scenario_path)
        path = scenario_base(scenario, model_path)
        return OpenedScenario(Workspace.open(path, law=law), scenario, path)


def load_with_scenario(
    model_path: Path | str | None,
    scenario_path: Path | str,
    *,
    law: LawData | None = None,
    readings: Readings | None = None,
) -> Model:
    """The model with a scenario applied (ModelError located in the scenario when a change
    does not fit), under the scenario's ``readings:`` and over them those ``readings``
    switches (see :meth:`Scenario.chosen_readings`)."""
    opened = open_scenario(scenario_path, model_path, law=law)
    scenario = opened.scenario
    return opened.workspace.with_changes(
        scenario.changes, scenario.title, scenario.chosen_readings(readings)
    )
