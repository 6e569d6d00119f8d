"""The TUI's data layer: loading models, what-if changes, and the numbers the views show.

Nothing here imports Textual, so it can be tested (and timed) on its own. Only govmodel's public
API is used: names exported from :mod:`govmodel`, :mod:`govmodel.changes`,
:mod:`govmodel.analysis.owners` (who the principal owner and the authority groups are: the TUI
writes no model's ids), :mod:`govmodel.power.decision` (the power table is the engine's
``decision_power``, with its cache) and the report modules. Engine errors are never swallowed
here: a view shows them where they happen.

Why this module is long (about 700 lines): it is the TUI's whole Textual-free data layer, in
sections (what-if state, loaded models, control, power, comparison) that the views reach as one
``D`` namespace; the what-if section is the part to move out next.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from govmodel import changes as C
from govmodel.analysis.owners import (
    authority_groups,
    authority_members,
    principal_owner,
    turnout_group,
)
from govmodel.errors import GovmodelError, ModelError
from govmodel.model import Model

DEFAULT_MODELS = ("models/ownership_a.yaml", "models/ownership_b.yaml")
CONTROL_ORGAN_KINDS = ("general_meeting", "owners_council", "representation_council", "board")
STRENGTHS = ("advisory", "adopt_or_return", "binding")
ALLOCATIONS = ("population", "equal", "digifin")
ORDERS = ("largest_first", "smallest_first")


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


def error_text(exc: BaseException, limit: int = 3) -> str:
    """One short text for an exception; model problems without their temp-file locations."""
    problems = getattr(exc, "problems", None)
    if problems:
        msgs = [getattr(p, "message", str(p)) for p in problems]
        more = f" (+{len(msgs) - limit})" if len(msgs) > limit else ""
        return "; ".join(msgs[:limit]) + more
    return f"{type(exc).__name__}: {exc}"


# -- what-if ---------------------------------------------------------------------------------------


class WhatIfError(GovmodelError, ValueError):
    """A what-if the controls cannot express (the message is an i18n key)."""


@dataclass
class WhatIf:
    """The what-if edits the user made, turned into change values by :meth:`ops`."""

    owner_share: Fraction | None = None  # the principal owner's percent of the share capital
    remainder: str = ""  # a block holder id, "proportional", or "" (the first other block)
    allocation: str | None = None
    turnout: Fraction | None = None  # percent of the kommuner present at the GM
    order: str = "smallest_first"
    revoke_all: bool = False
    revoke_of: list[str] = field(default_factory=list)  # proxy givers or relation ids
    strengths: dict[str, str] = field(default_factory=dict)
    leaves: list[str] = field(default_factory=list)
    new_owner: tuple[str, Fraction] | None = None  # (actor or group id, percent)
    extra: tuple[C.Change, ...] = ()  # the changes of a loaded scenario file
    extra_name: str | None = None
    #: the base with the loaded scenario applied: the form starts from it (it shows the state
    #: in effect) and its edits come after the scenario's changes (they replace, never stack)
    extra_model: Any = None
    #: legal readings chosen other than the default (reading id -> value)
    readings: dict[str, str] = field(default_factory=dict)
    #: how the summary names the principal owner (its short name; set by the form)
    owner_label: str = ""

    def count(self, base: Model) -> int:
        """How many changes and switched readings the what-if holds."""
        return len(self.ops(base)) + len(self.readings)

    def chosen_readings(self) -> Any:
        """The readings to apply (govmodel.law.readings.Readings), None for the defaults."""
        if not self.readings:
            return None
        from govmodel.law.readings import Readings

        return Readings.default().with_values(self.readings)

    def form_base(self, base: Model) -> Any:
        """The model the form's fields describe and its edits are computed against."""
        return self.extra_model if self.extra and self.extra_model is not None else base

    def summary(self) -> str:
        """A short name for the what-if, e.g. ``KS 30 %; turnout 50 % (smallest first)``."""
        parts = []
        if self.owner_share is not None:
            parts.append(f"{self.owner_label} {pct_text(self.owner_share)} %")
        if self.new_owner is not None:
            parts.append(f"+{self.new_owner[0]} {pct_text(self.new_owner[1])} %")
        if self.allocation:
            parts.append(f"allocation {self.allocation}")
        if self.turnout is not None:
            parts.append(f"turnout {pct_text(self.turnout)} % ({self.order.replace('_', ' ')})")
        if self.revoke_all:
            parts.append("proxies revoked")
        elif self.revoke_of:
            parts.append("proxies of " + ", ".join(self.revoke_of) + " revoked")
        for rid, strength in self.strengths.items():
            parts.append(f"{rid}: {strength}")
        for who in self.leaves:
            parts.append(f"{who} leaves")
        for rid, value in sorted(self.readings.items()):
            parts.append(f"{rid} = {value}")
        if self.extra:
            name = self.extra_name or "scenario"
            if not parts and name.startswith("What-if"):
                return name  # a saved what-if reopened: its own name, not "What-if: What-if: …"
            parts.append(name)
        return "What-if: " + "; ".join(parts) if parts else "What-if"

    def is_empty(self, base: Model) -> bool:
        return not self.ops(base)

    def ops(self, base: Model) -> tuple[C.Change, ...]:
        """The change values for model ``base``: a loaded scenario's first, then the form's
        edits, computed against the scenario's model (the form shows the state in effect). An
        edit replaces the scenario's change of the same thing (a holding, the turnout of a group
        at an organ, a relation, the proxies, an owner leaving) rather than stacking on it."""
        out = self._form_ops(self.form_base(base))
        mine = {_target(ch) for ch in out} - {None}
        return (*(ch for ch in self.extra if _target(ch) not in mine), *out)

    def _form_ops(self, base: Model) -> tuple[C.Change, ...]:
        out: list[C.Change] = []
        note = "what-if (govmodel tui)"
        c = base.company
        cap = c.share_capital
        blocks = {b.holder: b for b in c.blocks}
        target = {h: b.shares for h, b in blocks.items()}
        added: list[C.Change] = []
        if self.new_owner is not None:
            who, pct = self.new_owner
            shares = _round_shares(cap, pct)
            if who in base.groups:
                fields = C.Fields.of(
                    allocate=self.allocation or "population", assumption=f"{note}: new owner"
                )
                added.append(C.AddHolding(who, shares, group=True, fields=fields))
            else:
                fields = C.Fields.of(assumption=f"{note}: new owner")
                added.append(C.AddHolding(who, shares, fields=fields))
            _take(target, shares, self._takers(blocks, exclude={who}))
        owner = principal_owner(base)
        if self.owner_share is not None and owner is not None and owner in target:
            new = _round_shares(cap, self.owner_share)
            diff = new - target[owner]
            target[owner] = new
            _take(target, diff, self._takers(blocks, exclude={owner}))
        split = C.Fields.of(assumption=f"{note}: share split")
        for h, shares in target.items():
            if shares != blocks[h].shares:
                out.append(C.SetHolding(h, shares, group=blocks[h].is_group, fields=split))
        out.extend(added)
        if self.allocation is not None:
            for b in c.blocks:
                if b.is_group and b.allocate != self.allocation:
                    fields = C.Fields.of(allocate=self.allocation)
                    out.append(C.SetHolding(b.holder, group=True, fields=fields))
        for who in self.leaves:
            out.append(C.OwnerLeaves(who))
        gm = general_meeting(base)
        group = turnout_group(base)
        if self.turnout is not None and gm is not None and group is not None:
            out.append(
                C.SetTurnout(
                    gm,
                    group=group,
                    fraction=self.turnout / 100,
                    order=self.order,
                    fields=C.Fields.of(assumption=f"{note}: turnout"),
                )
            )
        if base.relations_of("proxy"):
            if self.revoke_all:
                out.append(C.RevokeProxies())
            elif self.revoke_of:
                out.append(C.RevokeProxies(tuple(self.revoke_of)))
        rels = {r.id: r for r in base.relations}
        for rid, strength in self.strengths.items():
            r = rels.get(rid)
            if r is not None and (r.strength or "advisory") != strength:
                fields = C.Fields.of(assumption=f"{note}: recommendation {strength}")
                out.append(C.SetRelation(rid, strength, fields))
        return tuple(out)

    def _takers(self, blocks: dict[str, Any], exclude: set[str]) -> list[str]:
        if self.remainder in blocks and self.remainder not in exclude:
            return [self.remainder]
        others = [h for h in blocks if h not in exclude]
        if self.remainder == "proportional":
            return others
        return others[:1]  # "": the first other block, as the form shows it


def _target(ch: C.Change) -> tuple[str, ...] | None:
    """What a change sets, for replacing a loaded scenario's change by the form's."""
    if isinstance(ch, C.SetHolding | C.AddHolding):
        return ("holding", ch.holder)
    if isinstance(ch, C.SetTurnout) and ch.group is not None:
        return ("turnout", ch.organ, ch.group)
    if isinstance(ch, C.SetRelation) and ch.strength is not None:
        return ("relation", ch.relation)
    if isinstance(ch, C.RevokeProxies):
        return ("proxies",)
    if isinstance(ch, C.OwnerLeaves):
        return ("leaves", ch.owner)
    return None


def pct_text(f: Fraction) -> str:
    """A percentage as typed in the what-if form: whole, or four significant digits."""
    return str(f.numerator) if f.denominator == 1 else f"{float(f):.4g}"


def _round_shares(cap: int, pct: Fraction) -> int:
    x = Fraction(cap) * pct / 100
    return int(x.numerator * 2 + x.denominator) // (2 * x.denominator)  # round half up


def _take(target: dict[str, int], amount: int, takers: list[str]) -> None:
    """Remove ``amount`` shares from the ``takers`` (pro rata, largest remainder); a negative
    amount gives shares to them."""
    if not amount:
        return
    if not takers:
        raise WhatIfError("wi.ks_sole")
    total = sum(target[t] for t in takers)
    if len(takers) == 1 or total == 0:
        target[takers[0]] -= amount
        return
    exact = [Fraction(target[t] * amount, total) for t in takers]
    floor = [e.numerator // e.denominator for e in exact]
    rest = amount - sum(floor)
    order = sorted(range(len(takers)), key=lambda i: -(exact[i] - floor[i]))
    for i in order[:rest]:
        floor[i] += 1
    for t, f in zip(takers, floor, strict=True):
        target[t] -= f


def general_meeting(model: Model) -> str | None:
    for o in model.organs.values():
        if o.shareholders:
            return o.id
    for o in model.organs.values():
        if o.kind == "general_meeting":
            return o.id
    return None


def scenario_of(
    ops: Iterable[C.Change],
    name: str,
    description: str = "",
    base: Path | None = None,
    save_dir: Path | None = None,
    readings: dict[str, str] | None = None,
) -> C.Scenario:
    """The scenario to save: these changes, the legal readings switched from their defaults,
    and ``base`` as a path relative to ``save_dir`` (the folder the scenario is saved in), so
    that it reopens on the same model under the same readings."""
    rel = None
    if base is not None:
        try:
            rel = os.path.relpath(base.resolve(), (save_dir or Path.cwd()).resolve())
        except ValueError:
            rel = str(base.resolve())
    return C.Scenario(
        name=name,
        changes=tuple(ops),
        base=rel,
        description=description or None,
        readings=tuple(sorted((readings or {}).items())),
    )


def scenario_text(scenario: C.Scenario) -> str:
    """A scenario (:func:`scenario_of`) as the file the TUI saves (``govmodel_scenario: 1``)."""
    head = "# What-if saved from govmodel tui; reopen with: govmodel tui --scenario FILE\n"
    return C.to_yaml(scenario, header=head)


def scenario_whatif(scenario: C.Scenario, model: Model) -> WhatIf:
    """A loaded scenario as the what-if: its changes (``model``: the base with them applied,
    where the form starts) and its legal readings (those that differ from the default)."""
    from govmodel.law.readings import load_readings

    defaults = {r.id: r.default for r in load_readings().values()}
    return WhatIf(
        extra=tuple(scenario.changes),
        extra_name=scenario.title,
        extra_model=model,
        readings={rid: v for rid, v in scenario.readings if defaults.get(rid) != v},
    )


def write_new_file(path: Path, text: str | bytes, overwrite: bool = False) -> None:
    """Write with :func:`govmodel.output.write_output` (atomic, umask, never replaces a FIFO or
    device), creating the folder first. Without ``overwrite`` an existing file is never replaced
    (:class:`govmodel.output.OutputExists`, a FileExistsError)."""
    from govmodel.output import write_output

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_output(path, text, force=overwrite)


def read_scenario(path: Path) -> C.Scenario:
    """A scenario file, read with located errors (raises ModelError)."""
    return C.parse_scenario(path)


def read_scenario_ops(path: Path) -> tuple[tuple[C.Change, ...], str]:
    """The changes and name of a scenario file (raises ModelError, located)."""
    scenario = C.parse_scenario(path)
    return scenario.changes, scenario.title


def scenario_model(scenario: C.Scenario) -> Path | None:
    """The model file a scenario was written for (its ``base:``), if it names one."""
    return scenario.base_path()


def is_base_of(scenario: C.Scenario, entry: Loaded) -> bool:
    """Whether the scenario may be applied to ``entry`` without asking: it names no base, or
    ``entry``'s model file is its base."""
    try:
        C.scenario_base(scenario, entry.path)
    except ModelError:
        return False
    return True


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


def files_read(tree: Any, path: Path) -> set[Path]:
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


def apply_whatif(entry: Loaded, whatif: WhatIf, name: str | None = None) -> Any:
    """The model with the what-if applied (see :func:`apply_whatif_tree`)."""
    return apply_whatif_tree(entry, whatif, name)[0]


def apply_whatif_tree(
    entry: Loaded, whatif: WhatIf, name: str | None = None
) -> tuple[Any, tuple[C.Change, ...]]:
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
    return entry.workspace.with_changes(ops, name or whatif.summary(), readings), ops


def open_scenario_file(path: Path) -> tuple[Loaded, WhatIf]:
    """A saved scenario reopened: its base model loaded and a what-if holding its changes
    (raises ModelError, located, when the file is bad or names no base)."""
    scenario = C.parse_scenario(path)
    entry = load(C.scenario_base(scenario, None))
    model = entry.workspace.with_changes(scenario.changes, scenario.title)
    return entry, scenario_whatif(scenario, model)


_MEMO_LOCK = threading.Lock()
_MEMO: dict[tuple, tuple[Any, Any]] = {}


def memo(kind: str, model: Model, key: Any, compute: Any) -> Any:
    """``compute()`` remembered per (kind, model object, key). Models are immutable and
    :func:`load` hands out the same object while the files are unchanged, so results stay
    valid across tabs, model switches and what-if undo."""
    k = (kind, id(model), key)
    with _MEMO_LOCK:
        hit = _MEMO.get(k)
    if hit is not None and hit[0] is model:
        return hit[1]
    value = compute()
    with _MEMO_LOCK:
        if len(_MEMO) > 512:
            _MEMO.clear()
        _MEMO[k] = (model, value)
    return value


def timed(fn, *args, **kwargs) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, (time.perf_counter() - t0) * 1000


# -- control ---------------------------------------------------------------------------------------


def control_organs(model: Model) -> list[str]:
    """The organs the coalition explorer reports on (as ``govmodel coalition`` does)."""
    return [o.id for o in model.organs.values() if o.kind in CONTROL_ORGAN_KINDS or o.deciding]


def authorities(model: Model) -> list[str]:
    """The contracting authorities as coalition members (the authority groups, if any)."""
    return list(authority_members(model))


def coalition_results(
    model: Model, members: Iterable[str], direct: bool = False, organs: list[str] | None = None
) -> list[Any]:
    """Force and block, graded, for every decision of the control organs."""
    from govmodel import ControlAnalysis, graded

    members = sorted(m for m in members if m in model.actors or m in model.groups)
    if not members:
        return []
    organs = organs if organs is not None else control_organs(model)

    def compute() -> list[Any]:
        an = ControlAnalysis(model, members, chains=not direct)
        return [graded(an, o, d.id) for o in organs for d in model.organs[o].decisions]

    return memo("coalition", model, (tuple(members), direct, tuple(organs)), compute)


def verdict(out: Any) -> str | None:
    """The link level of a possible outcome, else None."""
    return out.level if out.possible else None


@dataclass(frozen=True)
class Effect:
    key: str  # organ.decision
    name: str
    owner: tuple[str | None, str | None] | None  # the principal owner's (force, block) levels
    auth: tuple[str | None, str | None] | None
    other: tuple[str | None, str | None] | None = None  # the coalition picked in tab 5


def effects(model: Model, coalition: Iterable[str] = ()) -> list[Effect]:
    """What the principal owner alone, the authorities jointly and (if given) another coalition
    can force and block, per control decision."""
    members = tuple(sorted(coalition))
    return memo("effects", model, members, lambda: _effects(model, members))


def _effects(model: Model, coalition: tuple[str, ...] = ()) -> list[Effect]:
    other = {}
    if coalition:
        other = {
            r.key: (verdict(r.force), verdict(r.block)) for r in coalition_results(model, coalition)
        }
    owner = principal_owner(model)
    alone = (
        {r.key: (verdict(r.force), verdict(r.block)) for r in coalition_results(model, [owner])}
        if owner is not None
        else {}
    )
    au_members = authorities(model)
    au = (
        {r.key: (verdict(r.force), verdict(r.block)) for r in coalition_results(model, au_members)}
        if au_members
        else {}
    )
    out = []
    for oid in control_organs(model):
        o = model.organs[oid]
        for d in o.decisions:
            k = d.key
            out.append(Effect(k, d.name, alone.get(k), au.get(k), other.get(k)))
    return out


# -- power -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PowerRow:
    id: str
    name: str
    weight: Fraction
    banzhaf: Fraction
    shapley: Fraction | None
    group: str | None = None  # generated group it belongs to
    members: int = 1  # > 1 for a group sum row


@dataclass(frozen=True)
class PowerTable:
    organ: str
    decision: str
    rows: tuple[PowerRow, ...]  # players, sorted by Banzhaf (then Shapley–Shubik)
    sums: tuple[PowerRow, ...]  # one per generated group with members present
    n: int
    quota: int | None
    total: int | None
    vetoers: tuple[str, ...]
    weighted: bool
    method: str
    exact: bool
    ms: float


def power_table(model: Model, organ: str, decision: str, shapley: bool = True) -> PowerTable | None:
    """Banzhaf (and, with ``shapley``, Shapley–Shubik) for one decision, as the power tab shows
    it: the engine's :func:`govmodel.power.decision.decision_power` (its game, method and cache:
    the same numbers as ``govmodel power``), the players sorted by Banzhaf and a sum row per
    authority group. None when nobody votes on the decision. Banzhaf alone is fast (tens of ms
    on model A); Shapley–Shubik over 372 players takes seconds, so views ask for it separately,
    in a worker."""
    from govmodel.power.decision import NoVoters, decision_power

    t0 = time.perf_counter()
    which = ("banzhaf", "shapley_shubik") if shapley else ("banzhaf",)
    try:
        dp = decision_power(model, organ, decision, indices=which)
    except NoVoters:
        return None
    res = dp.result
    wf = dp.form
    ps = dp.players
    weights = (
        [Fraction(w, wf.scale) for w in wf.weights] if wf is not None else [p.votes for p in ps]
    )
    member_of: dict[str, str] = {}
    for gid in authority_groups(model):
        for m in model.groups[gid].members:
            member_of.setdefault(m, gid)
    rows = []
    for i, p in enumerate(ps):
        rows.append(
            PowerRow(
                p.id,
                p.name,
                weights[i],
                res.banzhaf[i] if res.banzhaf is not None else Fraction(0),
                res.shapley_shubik[i] if res.shapley_shubik is not None else None,
                member_of.get(p.holder or p.id),
            )
        )
    rows.sort(key=lambda r: (-r.banzhaf, -(r.shapley or 0), -r.weight, r.id))
    sums = []
    for gid in dict.fromkeys(r.group for r in rows if r.group):
        members = [r for r in rows if r.group == gid]
        sums.append(
            PowerRow(
                gid,
                model.groups[gid].name,
                sum((r.weight for r in members), Fraction(0)),
                sum((r.banzhaf for r in members), Fraction(0)),
                sum((r.shapley or Fraction(0) for r in members), Fraction(0))
                if members[0].shapley is not None
                else None,
                None,
                len(members),
            )
        )
    return PowerTable(
        organ,
        decision,
        tuple(rows),
        tuple(sums),
        len(ps),
        wf.quota if wf else None,
        wf.total if wf else None,
        tuple(ps[i].id for i in wf.vetoers) if wf else (),
        wf is not None,
        res.method,
        res.exact,
        (time.perf_counter() - t0) * 1000,
    )


def power_decisions(model: Model) -> list[tuple[str, str, str]]:
    """(organ, decision, label) for every decision of the company and the councils around it,
    and one of each kind of regional organ."""
    out = []
    seen_kinds: set[str] = set()
    for o in model.organs.values():
        if o.fylke:
            if o.kind in seen_kinds:
                continue
            seen_kinds.add(o.kind)
        for d in o.decisions:
            out.append((o.id, d.id, f"{o.id}.{d.id}"))
    return out


# -- comparison ------------------------------------------------------------------------------------


def pct(part: int | Fraction, whole: int | Fraction, lang: str = "en") -> str:
    """``part`` as a percentage of ``whole`` for the language (nb ``33,4 %``, en ``33.4%``):
    whole percents without decimals, else one decimal (govmodel.i18n.format)."""
    from govmodel.i18n.format import percent

    if not whole:
        return "-"
    f = Fraction(part) / Fraction(whole)
    return percent(f, lang, digits=0 if (f * 100).denominator == 1 else 1)


def fmt_index(f: Fraction | None, lang: str = "en") -> str:
    """A power index with three decimals for the language (nb ``0,999``); a value too small to
    show in three decimals reads ``< 0,001`` (never a bare 0 or a scientific ``2.4e-04``)."""
    from govmodel.i18n.format import index

    if f is None:
        return "-"
    if f == 0:
        return "0"
    if f < Fraction(1, 2000):
        return "< " + index(Fraction(1, 1000), lang)
    return index(f, lang)
