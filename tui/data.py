"""The TUI's model files: where they are, loading them (cached while their files are
unchanged), the loaded model with its what-if, and writing new files.

Textual-free. The what-if form and scenarios are in :mod:`tui.whatif_form`, the numbers the
views show in :mod:`tui.results`. Engine errors are never swallowed here: a view shows them
where they happen.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from govmodel import changes as C
from govmodel.errors import GovmodelError, ModelError
from govmodel.model import Model, Text
from tui.whatif_form import WhatIf, scenario_whatif

DEFAULT_MODELS = ("models/ownership_a.yaml", "models/ownership_b.yaml")


def default_model_paths() -> list[Path]:
    """Models A and B: from the working directory, else from the source checkout."""
    here = Path.cwd()
    found = [here / m for m in DEFAULT_MODELS if (here / m).is_file()]
    if not found:
        root = Path(__file__).resolve().parent.parent
        found = [root / m for m in DEFAULT_MODELS if (root / m).is_file()]
    return found


def variant_paths(models: Iterable[Path]) -> list[Path]:
    """Model files beside the given ones and under their ``variants/`` folders."""
    seen: dict[Path, None] = {}
    for m in models:
        for folder in (m.parent, m.parent / "variants"):
            if folder.is_dir():
                for p in sorted(folder.glob("*.yaml")):
                    seen.setdefault(p.resolve(), None)
    return list(seen)


def model_name(model: Model, lang: str) -> str:
    """The model's name in ``lang`` (a model file may name it in both languages)."""
    name = model.name
    return name.get(lang) if isinstance(name, Text) else str(name)


def variant_name(path: Path, lang: str) -> str:
    """The name a model file gives its model (``name:``, in ``lang`` when it has both), read
    without loading the model; the file name when the file has none or cannot be read (the
    error shows when the model is loaded)."""
    from govmodel.yamlsafe import load_yaml_file

    try:
        data = load_yaml_file(path)
    except (GovmodelError, OSError):
        return path.stem
    name = data.get("name") if isinstance(data, dict) else None
    if isinstance(name, dict):
        name = name.get(lang) or name.get("nb") or name.get("en")
    return name if isinstance(name, str) and name.strip() else path.stem


#: The errors a model file, a scenario, a what-if or a file written can cause: govmodel's own
#: (located model problems, output refusals, an organ without voters ...) and the operating
#: system's. A view shows them where they happen; anything else is a bug and reaches the app's
#: worker-error handler (every worker runs with ``exit_on_error=False``), never swallowed.
EXPECTED: tuple[type[BaseException], ...] = (GovmodelError, OSError)


def error_text(exc: BaseException, limit: int = 3) -> str:
    """One short text for an exception; model problems without their temp-file locations."""
    problems = getattr(exc, "problems", None)
    if problems:
        msgs = [getattr(p, "message", str(p)) for p in problems]
        more = f" (+{len(msgs) - limit})" if len(msgs) > limit else ""
        return "; ".join(msgs[:limit]) + more
    return f"{type(exc).__name__}: {exc}"


def write_new_file(path: Path, text: str | bytes, overwrite: bool = False) -> None:
    """Write with :func:`govmodel.output.write_output` (atomic, umask, never replaces a FIFO or
    device), creating the folder first. Without ``overwrite`` an existing file is never replaced
    (:class:`govmodel.output.OutputExists`, a FileExistsError)."""
    from govmodel.output import write_output

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_output(path, text, force=overwrite)


# -- loaded models ---------------------------------------------------------------------------------


@dataclass
class Loaded:
    """One model file: its workspace (the base model and the what-ifs made from it), the base
    model and the current one."""

    path: Path
    name: str
    workspace: C.Workspace
    base: Model
    model: Model
    whatif: WhatIf = field(default_factory=WhatIf)
    current_changes: tuple[C.Change, ...] = ()  # the changes in effect (empty: the base)
    error: str | None = None  # the last what-if problem
    recompute_ms: float | None = None

    @property
    def key(self) -> str:
        return self.base.id

    @property
    def changed(self) -> bool:
        return self.model is not self.base


_LOAD_LOCK = threading.Lock()
_LOAD_CACHE: dict[str, tuple[tuple[tuple[str, int], ...], C.Workspace]] = {}


def files_read(tree: object, path: Path) -> set[Path]:
    """The files a resolved model tree was read from: the model, its includes and its base
    (every node keeps the location it came from), and a population file it names."""
    from govmodel.yamlsafe import YList, YMap

    files = {path.resolve()}
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, YMap):
            locs = [node.loc, *node.val_loc.values()]
            stack.extend(node.values())
        elif isinstance(node, YList):
            locs = [node.loc, *node.item_loc]
            stack.extend(node)
        else:
            continue
        for loc in locs:
            if loc is not None and loc.file:
                files.add(Path(loc.file).resolve())
    pop = tree.get("population") if isinstance(tree, dict) else None
    if isinstance(pop, str) and not pop.startswith("builtin:"):
        files.add((path.parent / pop).resolve())
    return files


def _stamps(files: Iterable[Path]) -> tuple[tuple[str, int], ...]:
    """Modification times of these files (-1: gone or unreadable)."""
    out = []
    for f in sorted(files):
        try:
            out.append((str(f), f.stat().st_mtime_ns))
        except OSError:
            out.append((str(f), -1))
    return tuple(out)


def load(path: Path | str) -> Loaded:
    """Load, validate and build a model file (raises ModelError).

    The immutable results (resolved tree, model) are remembered for the process while none of
    the files the model was read from changes (only those: never a folder scan), so opening a
    model again costs nothing."""
    path = Path(path)
    key = str(path.resolve())
    with _LOAD_LOCK:
        hit = _LOAD_CACHE.get(key)
    if hit is not None and _stamps(Path(f) for f, _ in hit[0]) != hit[0]:
        hit = None
    if hit is None:
        ws = C.Workspace.open(path)
        hit = (_stamps(files_read(ws.tree, path)), ws)
        with _LOAD_LOCK:
            if len(_LOAD_CACHE) > 32:
                _LOAD_CACHE.clear()
            _LOAD_CACHE[key] = hit
    ws = hit[1]
    model = ws.base
    return Loaded(path, ws.name, ws, model, model)


# -- the loaded model and its what-if -------------------------------------------------------------


def is_base_of(scenario: C.Scenario, entry: Loaded) -> bool:
    """Whether the scenario may be applied to ``entry`` without asking: it names no base, or
    ``entry``'s model file is its base."""
    try:
        C.scenario_base(scenario, entry.path)
    except ModelError:
        return False
    return True


def apply_whatif(entry: Loaded, whatif: WhatIf, name: str | None = None) -> Model:
    """The model with the what-if applied (see :func:`apply_whatif_tree`)."""
    return apply_whatif_tree(entry, whatif, name)[0]


def apply_whatif_tree(
    entry: Loaded, whatif: WhatIf, name: str | None = None
) -> tuple[Model, tuple[C.Change, ...]]:
    """The model with the what-if applied (the base itself when there are no changes) and the
    changes in effect.

    The changes go through the same path as ``--scenario FILE``: the entry's
    :class:`~govmodel.changes.Workspace` (cached per list of changes). Raises ModelError when
    the changes do not fit the model, WhatIfError when the form cannot express them.
    """
    ops = whatif.ops(entry.base)
    readings = whatif.chosen_readings()
    if not ops and readings is None:
        return entry.base, ()
    return entry.workspace.with_changes(ops, name or whatif.summary(entry.base), readings), ops


def open_scenario_file(path: Path) -> tuple[Loaded, WhatIf]:
    """A saved scenario reopened: its base model loaded and a what-if holding its changes
    (raises ModelError, located, when the file is bad or names no base)."""
    scenario = C.parse_scenario(path)
    entry = load(C.scenario_base(scenario, None))
    model = entry.workspace.with_changes(scenario.changes, scenario.title)
    return entry, scenario_whatif(scenario, model)
