"""Applying change values to a model's located YAML tree — the one place a model is changed.

Why the tree and not the built :class:`~govmodel.model.Model`: what a change means depends on
what the loader derives from the model file. A group's block is apportioned among its members
by population or the DigiFin key, organs come from the company-form template, relation ids are
derived (``TYPE_FROM_TO``), rule texts are parsed against the law data, and a relation's link
strength follows from its legal form and terms. Changing the written model and building it
again with the same loader keeps one definition of each of these, and every problem a change
causes is reported by the same checks, located at the scenario's line (each value written into
the tree keeps the location it was read from).

:func:`apply_to_tree` never modifies its input; :class:`~govmodel.changes.Workspace` builds and
caches the models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from typing import overload

from govmodel.changes import values as V
from govmodel.errors import Loc, ModelError, Problem, did_you_mean
from govmodel.yamlsafe import YamlValue, YList, YMap

NOWHERE = Loc("<change>")


# -- located nodes ------------------------------------------------------------------------------


def to_node(value: V.Value, loc: Loc) -> YamlValue:
    """A value as a located YAML node (a Fraction as its exact text, e.g. ``"1/10"``)."""
    if isinstance(value, V.Fields):
        node = YMap(loc)
        for k, v in value.items():
            node.put(k, to_node(v, value.loc(k) or loc), value.loc(k) or loc, _raw(v))
        return node
    if isinstance(value, tuple):
        lst = YList(loc)
        for v in value:
            lst.add(to_node(v, loc), loc, _raw(v))
        return lst
    if isinstance(value, Fraction):
        return (
            f"{value.numerator}/{value.denominator}" if value.denominator != 1 else value.numerator
        )
    return value


def _raw(v: V.Value) -> str | None:
    if isinstance(v, Fraction):
        return f"{v.numerator}/{v.denominator}"
    return None


def _lst(tree: YMap, key: str) -> YList:
    val = tree.get(key)
    if isinstance(val, YList):
        return val
    new = YList(tree.loc)
    tree[key] = new
    tree.val_loc[key] = tree.loc
    return new


def _set_fields(node: YMap, fields: V.Fields, loc: Loc) -> None:
    for k, v in fields.items():
        at = fields.loc(k) or loc
        node.put(k, to_node(v, at), at, _raw(v))


def _keep(lst: YList, keep: Callable[[YamlValue], bool]) -> int:
    """Keep the items for which ``keep`` holds; returns how many were dropped."""
    kept = [(x, loc) for x, loc in zip(lst, lst.item_loc, strict=False) if keep(x)]
    dropped = len(lst) - len(kept)
    lst[:] = [x for x, _ in kept]
    lst.item_loc[:] = [loc for _, loc in kept]
    lst.raw[:] = [None] * len(kept)
    return dropped


@overload
def deep_copy(node: YMap) -> YMap: ...
@overload
def deep_copy(node: YamlValue) -> YamlValue: ...
def deep_copy(node: YamlValue) -> YamlValue:
    """A copy of a located tree (scalars shared: they are immutable)."""
    if isinstance(node, YMap):
        new = YMap(node.loc)
        for k, v in node.items():
            new[k] = deep_copy(v)
        new.key_loc = dict(node.key_loc)
        new.val_loc = dict(node.val_loc)
        new.raw = dict(node.raw)
        return new
    if isinstance(node, YList):
        lst = YList(node.loc)
        lst.extend(deep_copy(v) for v in node)
        lst.item_loc = list(node.item_loc)
        lst.raw = list(node.raw)
        return lst
    return node


def entry_id(e: YMap) -> str:
    """An entry's id; a relation without one has the id the loader derives, TYPE_FROM_TO."""
    if "id" in e:
        return str(e["id"])
    if {"type", "from", "to"} <= set(e):
        return f"{e['type']}_{e['from']}_{e['to']}"
    return "None"


def _by_id(lst: YList, ident: str) -> tuple[int, YMap] | None:
    """The index and the entry of ``lst`` with id ``ident`` (the first), or None."""
    for i, e in enumerate(lst):
        if isinstance(e, YMap) and entry_id(e) == ident:
            return i, e
    return None


def _ids(lst: YList) -> list[str]:
    return [entry_id(e) for e in lst if isinstance(e, YMap)]


# -- the operations -----------------------------------------------------------------------------


class _Apply:
    def __init__(self, tree: YMap) -> None:
        self.tree = tree
        self.problems: list[Problem] = []

    def err(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(loc, message))

    def company(self, loc: Loc) -> YMap | None:
        comp = self.tree.get("company")
        if not isinstance(comp, YMap):
            self.err(loc, "the model has no company to change")
            return None
        return comp

    def holdings(self, loc: Loc) -> tuple[YMap, YList] | None:
        """The company and its list of holdings (None, reported, when there is no company)."""
        comp = self.company(loc)
        return None if comp is None else (comp, _lst(comp, "holdings"))

    @staticmethod
    def holding_key(h: YamlValue) -> str | None:
        if isinstance(h, YMap):
            return str(h.get("holder") or h.get("group") or "")
        return None

    def set_holding(self, c: V.SetHolding, loc: Loc) -> None:
        found = self.holdings(loc)
        if found is None:
            return
        holdings = found[1]
        for h in holdings:
            if isinstance(h, YMap) and self.holding_key(h) == c.holder:
                if c.shares is not None:
                    h.put("shares", c.shares, loc)
                _set_fields(h, c.fields, loc)
                return
        names = [self.holding_key(h) or "" for h in holdings]
        self.err(
            loc,
            f"no holding of {c.holder!r} to change{did_you_mean(c.holder, names)}; "
            "use add_holding for a new owner",
        )

    def add_holding(self, c: V.AddHolding, loc: Loc) -> None:
        comp = self.company(loc)
        if comp is None:
            return
        node = YMap(loc)
        node.put("group" if c.group else "holder", c.holder, loc)
        if c.shares is not None:
            node.put("shares", c.shares, loc)
        _set_fields(node, c.fields, loc)
        _lst(comp, "holdings").add(node, loc)

    def remove_holding(self, c: V.RemoveHolding, loc: Loc) -> None:
        found = self.holdings(loc)
        if found is None:
            return
        holdings = found[1]
        names = [self.holding_key(h) or "" for h in holdings]
        if not _keep(holdings, lambda h: self.holding_key(h) != c.holder):
            self.err(loc, f"no holding of {c.holder!r} to remove{did_you_mean(c.holder, names)}")

    def share_capital(self, c: V.SetShareCapital, loc: Loc) -> None:
        comp = self.company(loc)
        if comp is not None:
            comp.put("share_capital", c.shares, loc)

    def share_classes(self, c: V.SetShareClasses, loc: Loc) -> None:
        comp = self.company(loc)
        if comp is not None:
            comp.put("share_classes", to_node(c.classes, loc), loc)

    def owner_leaves(self, c: V.OwnerLeaves, loc: Loc) -> None:
        found = self.holdings(loc)
        if found is None:
            return
        comp, holdings = found
        for h in holdings:
            if isinstance(h, YMap) and str(h.get("holder")) == c.owner:
                cap, shares = comp.get("share_capital"), h.get("shares")
                if isinstance(cap, int) and isinstance(shares, int):
                    comp.put("share_capital", cap - shares, loc)
                self.remove_holding(V.RemoveHolding(c.owner), loc)
                return
        groups = [h for h in holdings if isinstance(h, YMap) and "group" in h]
        if not groups:
            self.err(loc, f"{c.owner!r} holds no shares in this model")
        for h in groups:
            excl = h.get("exclude")
            if not isinstance(excl, YList):
                excl = YList(loc)
                h.put("exclude", excl, loc)
            excl.add(c.owner, loc)

    def _entries(self, c: V.Entries, loc: Loc) -> Iterator[tuple[str, YList, V.Fields, Loc]]:
        """Each entry of ``c`` with its section, the section's list in the tree (made when the
        change has entries for it) and where the entry is written."""
        for section, entries in c.by_section():
            if not entries:
                continue
            target = _lst(self.tree, section)
            for entry in entries:
                yield section, target, entry, _entry_loc(entry, loc)

    def add(self, c: V.Add, loc: Loc) -> None:
        for _section, target, entry, at in self._entries(c, loc):
            target.add(to_node(entry, at), at)

    def replace(self, c: V.Replace, loc: Loc) -> None:
        for section, target, entry, at in self._entries(c, loc):
            ident = str(entry.get("id"))
            found = _by_id(target, ident)
            if found is None:
                if section == "organs":
                    # an organ of the company-form template is overridden by adding it
                    target.add(to_node(entry, at), at)
                    continue
                self.err(
                    at,
                    f"no {section[:-1]} {ident!r} to replace{did_you_mean(ident, _ids(target))}",
                )
                continue
            idx = found[0]
            target[idx] = to_node(entry, at)
            target.item_loc[idx] = at

    def remove(self, c: V.Remove, loc: Loc) -> None:
        removed: set[str] = set()
        for section, ids in c.by_section():
            if not ids:
                continue
            target = _lst(self.tree, section)
            for i, ident in enumerate(ids):
                at = c.where(f"{section}/{i}") or loc
                found = _by_id(target, ident)
                if found is None:
                    if section == "organs":
                        # an organ of the company-form template: dropped with an 'omit' entry
                        entry = YMap(at)
                        entry.put("id", ident, at)
                        entry.put("omit", True, at)
                        target.add(entry, at)
                        removed.add(ident)
                        continue
                    self.err(
                        at,
                        f"no {section[:-1]} {ident!r} to remove{did_you_mean(ident, _ids(target))}",
                    )
                    continue
                removed.add(ident)
                idx = found[0]
                del target[idx]
                del target.item_loc[idx]
                del target.raw[idx]
        rels = self.tree.get("relations")
        if removed and isinstance(rels, YList):
            # relations from or to a removed organ or actor go with it
            _keep(
                rels,
                lambda r: (
                    not (
                        isinstance(r, YMap)
                        and (str(r.get("from")) in removed or str(r.get("to")) in removed)
                    )
                ),
            )

    def set_rule(self, c: V.SetRule, loc: Loc) -> None:
        organs = _lst(self.tree, "organs")
        found = _by_id(organs, c.organ)
        if found is None:
            organ = YMap(loc)
            organ.put("id", c.organ, loc)
            organs.add(organ, loc)
        else:
            organ = found[1]
        decisions = organ.get("decisions")
        if not isinstance(decisions, YList):
            decisions = YList(loc)
            organ.put("decisions", decisions, loc)
        found_dec = _by_id(decisions, c.decision)
        dec = YMap(loc)
        if found_dec is not None:
            old = found_dec[1]
            for k, v in old.items():
                if k not in ("rule", "source", "assumption"):
                    dec.put(k, v, old.at(k), old.raw.get(k))
        dec.put("id", c.decision, c.where("decision") or loc)
        rule_at = c.where("rule") or loc
        dec.put("rule", to_node(c.rule, rule_at), rule_at, _raw(c.rule))
        _set_fields(dec, c.fields, loc)
        if "source" not in c.fields and "assumption" not in c.fields:
            dec.put("assumption", "changed by a scenario", loc)
        if found_dec is None:
            decisions.add(dec, loc)
        else:
            decisions[found_dec[0]] = dec

    def set_relation(self, c: V.SetRelation, loc: Loc) -> None:
        rels = _lst(self.tree, "relations")
        found = _by_id(rels, c.relation)
        if found is None:
            self.err(
                c.where("id") or loc,
                f"no relation {c.relation!r}{did_you_mean(c.relation, _ids(rels))}",
            )
            return
        rel = found[1]
        if c.strength is not None:
            rel.put("strength", c.strength, c.where("strength") or loc)
        _set_fields(rel, c.fields, loc)

    def revoke_proxies(self, c: V.RevokeProxies, loc: Loc) -> None:
        rels = _lst(self.tree, "relations")
        names = None if c.which is None else set(c.which)

        def revoked(r: YamlValue) -> bool:
            return (
                isinstance(r, YMap)
                and r.get("type") == "proxy"
                and (names is None or entry_id(r) in names or str(r.get("from")) in names)
            )

        if not _keep(rels, lambda r: not revoked(r)):
            self.err(loc, "no proxy relation matches; nothing to revoke")

    def turnout(self, c: V.SetTurnout, loc: Loc) -> None:
        node = YMap(loc)

        def at(part: str) -> Loc:
            return c.where(part) or loc

        node.put("organ", c.organ, at("organ"))
        for key in ("absent", "present", "abstain"):
            ids = getattr(c, key)
            if ids is not None:
                lst = YList(at(key))
                for i, ident in enumerate(ids):
                    lst.add(ident, at(f"{key}/{i}"))
                node.put(key, lst, at(key))
        if c.group is not None:
            node.put("group", c.group, at("group"))
        if c.fraction is not None:
            frac = to_node(c.fraction, at("fraction"))
            node.put("fraction", frac, at("fraction"), _raw(c.fraction))
        if c.order is not None:
            node.put("order", c.order, at("order"))
        _set_fields(node, c.fields, loc)
        _lst(self.tree, "attendance").add(node, loc)


def _entry_loc(entry: V.Fields, loc: Loc) -> Loc:
    return entry.loc("id") or next((entry.loc(k) for k in entry if entry.loc(k)), None) or loc


def _apply(run: _Apply, c: V.Change, loc: Loc) -> None:
    """Apply one change to ``run``'s tree, by the operation of its kind (no two kinds in
    :data:`~govmodel.changes.values.CHANGE_TYPES` are subclasses of one another)."""
    match c:
        case V.SetHolding():
            run.set_holding(c, loc)
        case V.AddHolding():
            run.add_holding(c, loc)
        case V.RemoveHolding():
            run.remove_holding(c, loc)
        case V.SetShareCapital():
            run.share_capital(c, loc)
        case V.SetShareClasses():
            run.share_classes(c, loc)
        case V.OwnerLeaves():
            run.owner_leaves(c, loc)
        case V.Add():
            run.add(c, loc)
        case V.Replace():
            run.replace(c, loc)
        case V.Remove():
            run.remove(c, loc)
        case V.SetRule():
            run.set_rule(c, loc)
        case V.SetRelation():
            run.set_relation(c, loc)
        case V.RevokeProxies():
            run.revoke_proxies(c, loc)
        case V.SetTurnout():
            run.turnout(c, loc)
        case _:
            raise TypeError(f"no operation applies a {type(c).__name__}")


def apply_to_tree(tree: object, changes: Iterable[V.Change], where: Loc | None = None) -> YMap:
    """A copy of the model tree with ``changes`` applied in order (raises ModelError listing
    every change that does not fit the model, located at the change)."""
    if not isinstance(tree, YMap):
        raise ModelError([Problem(where or NOWHERE, "the model is not a mapping")])
    run = _Apply(deep_copy(tree))
    for c in changes:
        _apply(run, c, c.loc or where or NOWHERE)
    if run.problems:
        raise ModelError(run.problems)
    return run.tree
