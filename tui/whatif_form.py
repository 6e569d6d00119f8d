"""The what-if form's state and scenario files: the edits a user made in the what-if tab
(:class:`WhatIf`), turned into :mod:`govmodel.changes` values, and back from a saved scenario.

Textual-free. The principal owner and the authority groups come from
:mod:`govmodel.analysis.owners`: the TUI writes no model's ids.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govmodel import changes as C
from govmodel.analysis.owners import (
    principal_owner,
    turnout_group,
)
from govmodel.errors import GovmodelError
from govmodel.model import Model

if TYPE_CHECKING:
    from govmodel.law.readings import Readings

STRENGTHS = ("advisory", "adopt_or_return", "binding")
ALLOCATIONS = ("population", "equal", "digifin")
ORDERS = ("largest_first", "smallest_first")


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
    extra_model: Model | None = None
    #: legal readings chosen other than the default (reading id -> value)
    readings: dict[str, str] = field(default_factory=dict)
    #: how the summary names the principal owner (its short name; set by the form)
    owner_label: str = ""

    def count(self, base: Model) -> int:
        """How many changes and switched readings the what-if holds."""
        return len(self.ops(base)) + len(self.readings)

    def chosen_readings(self) -> Readings | None:
        """The readings to apply (govmodel.law.readings.Readings), None for the defaults."""
        if not self.readings:
            return None
        from govmodel.law.readings import Readings

        return Readings.default().with_values(self.readings)

    def form_base(self, base: Model) -> Model:
        """The model the form's fields describe and its edits are computed against."""
        return self.extra_model if self.extra and self.extra_model is not None else base

    def summary(self, base: Model | None = None, lang: str = "en") -> str:
        """A short name for the what-if in ``lang``, e.g. ``What-if: KS 30%; turnout 50%
        (the smallest first)``: actors, groups and recommendations by their names in ``base``
        (a recommendation by who makes it and the decision it is for), readings by their
        names; ids only without ``base``."""
        from govmodel.i18n.format import percent
        from govmodel.law.readings import load_readings
        from tui.i18n import tr

        def named(any_id: str) -> str:
            return _name(base, any_id, lang) if base is not None else any_id

        def pct(value: Fraction) -> str:
            return percent(value / 100, lang, digits=4)

        def relation(rid: str) -> str:
            r = next((x for x in base.relations if x.id == rid), None) if base else None
            if r is None or base is None:
                return rid
            what = named(r.target)
            if r.to_decision and r.target in base.organs:
                decision = base.decision(r.target, r.to_decision).name
                what = f"{what}: {_text(decision, lang)}"
            return f"{named(r.source)} → {what}"

        parts = []
        if self.owner_share is not None:
            parts.append(
                tr("wi.sum.share", lang, owner=self.owner_label, pct=pct(self.owner_share))
            )
        if self.new_owner is not None:
            who, share = self.new_owner
            parts.append(tr("wi.sum.new_owner", lang, name=named(who), pct=pct(share)))
        if self.allocation:
            rule = tr(f"wi.alloc.{self.allocation}", lang)
            parts.append(tr("wi.sum.allocation", lang, rule=rule))
        if self.turnout is not None:
            order = tr(f"wi.order.{self.order}", lang)
            parts.append(tr("wi.sum.turnout", lang, pct=pct(self.turnout), order=order))
        if self.revoke_all:
            parts.append(tr("wi.sum.proxies", lang))
        elif self.revoke_of:
            names = ", ".join(map(named, self.revoke_of))
            parts.append(tr("wi.sum.proxies_of", lang, names=names))
        for rid, strength in self.strengths.items():
            level = tr(f"st.{strength}", lang)
            parts.append(tr("wi.sum.strength", lang, relation=relation(rid), strength=level))
        for who in self.leaves:
            parts.append(tr("wi.sum.leaves", lang, name=named(who)))
        readings = load_readings()
        for rid, value in sorted(self.readings.items()):
            reading = readings.get(rid)
            name, text = rid, value
            if reading is not None:
                name = reading.name.get(lang) or rid
                alt = next((a for a in reading.alternatives if a.value == value), None)
                text = (alt.text.get(lang) or value) if alt is not None else value
            parts.append(tr("wi.sum.reading", lang, reading=name, value=text))
        if self.extra:
            name = self.extra_name or tr("wi.sum.scenario", lang)
            if not parts and any(name.startswith(tr("wi.sum.empty", x)) for x in ("en", "nb")):
                return name  # a saved what-if reopened: its own name, not "What-if: What-if: …"
            parts.append(name)
        if not parts:
            return tr("wi.sum.empty", lang)
        return tr("wi.sum.whatif", lang, changes="; ".join(parts))

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


def pct_text(f: Fraction, lang: str = "en") -> str:
    """A percentage as typed in the what-if form: whole, or four significant digits, with the
    language's decimal mark (``33,4`` in nb, ``33.4`` in en; the form reads either)."""
    text = str(f.numerator) if f.denominator == 1 else f"{float(f):.4g}"
    return text.replace(".", ",") if lang == "nb" else text


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


def owners_text(base: Model, ids: Iterable[str], lang: str = "nb") -> str:
    """The owners ``ids`` as the what-if form shows them: by name in ``lang``, comma-separated
    (:func:`owners_typed` reads either language back)."""
    return ", ".join(_name(base, i, lang) for i in ids)


def _name(base: Model, any_id: str, lang: str) -> str:
    return _text(base.name_of(any_id), lang)


def _text(value: object, lang: str) -> str:
    """A model text (a bilingual ``Text`` or a plain string) in ``lang``."""
    get = getattr(value, "get", None)
    return str(get(lang)) if callable(get) else str(value)


def owners_typed(base: Model, text: str, among: Iterable[str] | None = None) -> list[str]:
    """The owners (or other actors ``among``, e.g. the givers of proxies) typed in the what-if
    form (comma- or semicolon-separated), each by its name (either language, any case) or id,
    as ids. A word that names none is kept as typed, so applying the change reports it with
    the model's own error."""
    known: dict[str, str] = {}
    for h in base.company.holders() if among is None else among:
        name = base.name_of(h)
        for key in (h, str(name), getattr(name, "en", "")):
            if key:
                known.setdefault(key.casefold(), h)
    words = [w.strip() for w in text.replace(";", ",").split(",") if w.strip()]
    return [known.get(w.casefold(), w) for w in words]
