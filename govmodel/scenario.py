"""Composition of model files: includes, variants (``base:`` + ``changes:``) and scenarios.

All three work on the located YAML tree before the model is built, so every change is checked by
the same loader and every error points at the file and line that caused it.

- ``include: [FILE, ...]`` in a model appends the lists (actors, groups, organs, relations,
  documents) of fragment files (``govmodel_fragment: 1``) before the model's own entries.
- A *variant* is a model file with ``base: FILE`` and ``changes: [...]``: the base is loaded,
  the changes applied, and the variant's own ``id``, ``name``, ``description``, ``source`` and
  ``assumption`` replace the base's.
- A *scenario* (``govmodel_scenario: 1``) is the same list of changes applied to any model on the
  command line (``--scenario FILE``); its ``base:`` is optional.

Change operations (one key each): ``set_holding``, ``add_holding``, ``remove_holding``,
``share_capital``, ``share_classes``, ``owner_leaves``, ``add``, ``replace``, ``remove``, ``set_rule``,
``set_relation``, ``revoke_proxies``, ``turnout``. See docs/model-format.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govmodel.errors import Loc, ModelError, Problem, did_you_mean, expected_one_of
from govmodel.yamlsafe import YList, YMap, load_yaml_file

LIST_SECTIONS = ("actors", "groups", "organs", "relations", "documents")
FRAGMENT_KEYS = {"govmodel_fragment", "description", "include", *LIST_SECTIONS}
SCENARIO_KEYS = {
    "govmodel_scenario",
    "name",
    "description",
    "base",
    "changes",
    "source",
    "assumption",
}
OPS = (
    "set_holding",
    "add_holding",
    "remove_holding",
    "share_capital",
    "share_classes",
    "owner_leaves",
    "add",
    "replace",
    "remove",
    "set_rule",
    "set_relation",
    "revoke_proxies",
    "turnout",
)
MAX_DEPTH = 4
VARIANT_KEYS = ("govmodel", "id", "name", "description", "source", "assumption", "base", "changes")


def _lst(tree: YMap, key: str) -> YList:
    val = tree.get(key)
    if isinstance(val, YList):
        return val
    new = YList(tree.loc)
    tree[key] = new
    tree.val_loc[key] = tree.loc
    return new


def _append(lst: YList, item: Any, loc: Loc) -> None:
    lst.append(item)
    lst.item_loc.append(loc)
    lst.raw.append(None)


def _set(node: YMap, key: str, value: Any, loc: Loc, raw: str | None = None) -> None:
    node[key] = value
    node.key_loc[key] = loc
    node.val_loc[key] = loc
    if raw is not None:
        node.raw[key] = raw
    else:
        node.raw.pop(key, None)


def _resolve(path_text: Any, relative_to: Path, loc: Loc) -> Path:
    if not isinstance(path_text, str) or not path_text:
        raise ModelError([Problem(loc, f"expected a file path; got {path_text!r}")])
    p = Path(path_text)
    return p if p.is_absolute() else (relative_to.parent / p)


def resolve_includes(tree: Any, path: Path, depth: int = 0) -> Any:
    """Replace ``include:`` by the fragments' list entries (fragments first)."""
    if not isinstance(tree, YMap) or "include" not in tree:
        return tree
    includes = tree["include"]
    problems: list[Problem] = []
    if not isinstance(includes, YList):
        raise ModelError([Problem(tree.at("include"), "include must be a list of fragment files")])
    if depth > MAX_DEPTH:
        raise ModelError(
            [
                Problem(
                    tree.at("include"),
                    f"includes nested deeper than {MAX_DEPTH}; is there a cycle?",
                )
            ]
        )
    merged = {k: YList(tree.loc) for k in LIST_SECTIONS}
    for i, inc in enumerate(includes):
        fpath = _resolve(inc, path, includes.at(i))
        if not fpath.is_file():
            problems.append(
                Problem(
                    includes.at(i), f"included file {str(inc)!r} not found (looked for {fpath})"
                )
            )
            continue
        frag = load_yaml_file(fpath)
        if (
            not isinstance(frag, YMap)
            or frag.get("govmodel_fragment") != 1
            or frag["govmodel_fragment"] is True
        ):
            problems.append(
                Problem(
                    includes.at(i),
                    f"{fpath} is not a fragment; it must start with 'govmodel_fragment: 1'",
                )
            )
            continue
        for key in frag:
            if key not in FRAGMENT_KEYS:
                problems.append(
                    Problem(
                        frag.key_at(key),
                        f"unknown key {key!r} in a fragment{did_you_mean(str(key), FRAGMENT_KEYS)}; {expected_one_of(FRAGMENT_KEYS)}",
                    )
                )
        frag = resolve_includes(frag, fpath, depth + 1)
        for key in LIST_SECTIONS:
            val = frag.get(key)
            if isinstance(val, YList):
                for item, loc in zip(val, val.item_loc, strict=False):
                    _append(merged[key], item, loc)
            elif val is not None:
                problems.append(
                    Problem(
                        frag.at(key),
                        f"{key} in a fragment must be a list (lines starting with '- ')",
                    )
                )
    if problems:
        raise ModelError(problems)
    out = YMap(tree.loc)
    for k, v in tree.items():
        if k == "include":
            continue
        out[k] = v
        out.key_loc[k] = tree.key_at(k)
        out.val_loc[k] = tree.at(k)
        if k in tree.raw:
            out.raw[k] = tree.raw[k]
    for key in LIST_SECTIONS:
        own = tree.get(key)
        if isinstance(own, YList):
            for item, loc in zip(own, own.item_loc, strict=False):
                _append(merged[key], item, loc)
        if own is not None and not isinstance(own, YList):
            continue  # keep it: the builder reports that it must be a list
        if merged[key]:
            out[key] = merged[key]
            out.val_loc.setdefault(key, tree.loc)
    return out


def resolve_model_tree(tree: Any, path: Path, depth: int = 0) -> Any:
    """Resolve includes and, for a variant, its base and changes."""
    tree = resolve_includes(tree, path, depth)
    if not isinstance(tree, YMap) or "base" not in tree:
        return tree
    if depth > MAX_DEPTH:
        raise ModelError(
            [
                Problem(
                    tree.at("base"), f"variants nested deeper than {MAX_DEPTH}; is there a cycle?"
                )
            ]
        )
    # the variant's own keys are checked first, so that their problems are reported together
    # with a missing base or bad changes (they used to be checked last, and only the first)
    problems = [
        Problem(
            tree.key_at(k),
            f"a variant takes only govmodel, id, name, description, source, assumption, base and changes; put {k!r} in a change (e.g. add: or replace:)",
        )
        for k in tree
        if k not in VARIANT_KEYS
    ]
    if "govmodel" in tree and (tree["govmodel"] != 1 or isinstance(tree["govmodel"], bool)):
        problems.append(
            Problem(
                tree.at("govmodel"),
                f"'govmodel: 1' is the format version; got {tree['govmodel']!r}",
            )
        )
    base_path = _resolve(tree["base"], path, tree.at("base"))
    if not base_path.is_file():
        problems.append(
            Problem(
                tree.at("base"),
                f"base model {tree['base']!r} not found (looked for {base_path})",
            )
        )
        raise ModelError(problems)
    base = resolve_model_tree(load_yaml_file(base_path), base_path, depth + 1)
    if not isinstance(base, YMap):
        raise ModelError(
            [*problems, Problem(tree.at("base"), f"base model {base_path} is not a model")]
        )
    changes = tree.get("changes")
    try:
        out = apply_changes(base, changes, tree.at("changes") if "changes" in tree else tree.loc)
    except ModelError as exc:
        raise ModelError([*problems, *exc.problems]) from None
    if problems:
        raise ModelError(problems)
    for key in ("id", "name", "description", "source", "assumption"):
        if key in tree:
            _set(out, key, tree[key], tree.at(key))
        elif key == "assumption":
            out.pop(key, None)
    _set(out, "variant_of", str(base.get("id", base_path.stem)), tree.at("base"))
    return out


def _deep_copy(node: Any) -> Any:
    if isinstance(node, YMap):
        new = YMap(node.loc)
        for k, v in node.items():
            new[k] = _deep_copy(v)
        new.key_loc = dict(node.key_loc)
        new.val_loc = dict(node.val_loc)
        new.raw = dict(node.raw)
        return new
    if isinstance(node, YList):
        lst = YList(node.loc)
        lst.extend(_deep_copy(v) for v in node)
        lst.item_loc = list(node.item_loc)
        lst.raw = list(node.raw)
        return lst
    return node


def apply_changes(base: YMap, changes: Any, loc: Loc) -> YMap:
    """Apply a list of change operations to a copy of a model tree. Raises ModelError."""
    tree = _deep_copy(base)
    if changes is None:
        return tree
    if not isinstance(changes, YList):
        raise ModelError(
            [Problem(loc, "changes must be a list of operations (lines starting with '- ')")]
        )
    problems: list[Problem] = []
    for i, ch in enumerate(changes):
        cloc = changes.at(i)
        if not isinstance(ch, YMap) or len(ch) != 1:
            problems.append(
                Problem(
                    cloc,
                    f"each change is a mapping with exactly one operation; {expected_one_of(OPS)}",
                )
            )
            continue
        (op,) = ch.keys()
        if op not in OPS:
            problems.append(
                Problem(
                    ch.key_at(op),
                    f"unknown change {op!r}{did_you_mean(str(op), OPS)}; {expected_one_of(OPS)}",
                )
            )
            continue
        _OPS[op](tree, ch[op], ch.at(op), ch, problems)
    if problems:
        raise ModelError(problems)
    return tree


# -- operations ---------------------------------------------------------------------------------


def _company(tree: YMap, loc: Loc, problems: list[Problem]) -> YMap | None:
    comp = tree.get("company")
    if not isinstance(comp, YMap):
        problems.append(Problem(loc, "the model has no company to change"))
        return None
    return comp


def _holding_key(h: Any) -> str | None:
    if isinstance(h, YMap):
        return str(h.get("holder") or h.get("group") or "")
    return None


def _op_set_holding(tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]) -> None:
    comp = _company(tree, loc, problems)
    if comp is None or not isinstance(val, YMap):
        if not isinstance(val, YMap):
            problems.append(
                Problem(
                    loc,
                    "set_holding needs {holder: ID, shares: N} or {group: ID, shares: N, allocate: RULE}",
                )
            )
        return
    key = str(val.get("holder") or val.get("group") or "")
    holdings = _lst(comp, "holdings")
    for h in holdings:
        if _holding_key(h) == key:
            for k, v in val.items():
                _set(h, k, v, val.at(k), val.raw.get(k))
            return
    problems.append(
        Problem(
            loc,
            f"no holding of {key!r} to change{did_you_mean(key, [_holding_key(h) or '' for h in holdings])}; use add_holding for a new owner",
        )
    )


def _op_add_holding(tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]) -> None:
    comp = _company(tree, loc, problems)
    if comp is None:
        return
    if not isinstance(val, YMap):
        problems.append(Problem(loc, "add_holding needs a holding mapping"))
        return
    _append(_lst(comp, "holdings"), val, loc)


def _op_remove_holding(
    tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]
) -> None:
    comp = _company(tree, loc, problems)
    if comp is None:
        return
    holdings = _lst(comp, "holdings")
    keep = [
        (h, hl)
        for h, hl in zip(holdings, holdings.item_loc, strict=False)
        if _holding_key(h) != str(val)
    ]
    if len(keep) == len(holdings):
        problems.append(
            Problem(
                loc,
                f"no holding of {val!r} to remove{did_you_mean(str(val), [_holding_key(h) or '' for h in holdings])}",
            )
        )
        return
    holdings[:] = [h for h, _ in keep]
    holdings.item_loc[:] = [hl for _, hl in keep]
    holdings.raw[:] = [None] * len(keep)


def _op_share_capital(
    tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]
) -> None:
    comp = _company(tree, loc, problems)
    if comp is not None:
        _set(comp, "share_capital", val, loc)


def _op_share_classes(
    tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]
) -> None:
    """Replace the company's share classes (e.g. A and B shares); holdings name their class."""
    comp = _company(tree, loc, problems)
    if comp is None:
        return
    if not isinstance(val, YList):
        problems.append(
            Problem(loc, "share_classes needs a list of classes like {id: a, votes_per_share: 1}")
        )
        return
    _set(comp, "share_classes", val, loc)


def _op_owner_leaves(tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]) -> None:
    """An owner leaves: a single holder's shares are redeemed (share capital shrinks); a member of
    an allocated group is excluded and the group's block is re-apportioned among the rest."""
    comp = _company(tree, loc, problems)
    if comp is None:
        return
    who = str(val)
    holdings = _lst(comp, "holdings")
    for h in list(holdings):
        if isinstance(h, YMap) and str(h.get("holder")) == who:
            cap = comp.get("share_capital")
            shares = h.get("shares")
            if isinstance(cap, int) and isinstance(shares, int):
                _set(comp, "share_capital", cap - shares, loc)
            _op_remove_holding(tree, who, loc, parent, problems)
            return
    for h in holdings:
        if isinstance(h, YMap) and "group" in h:
            excl = h.get("exclude")
            if not isinstance(excl, YList):
                excl = YList(loc)
                _set(h, "exclude", excl, loc)
            _append(excl, who, loc)
    if not any(isinstance(h, YMap) and "group" in h for h in holdings):
        problems.append(Problem(loc, f"{who!r} holds no shares in this model"))


def _entry_id(e: YMap) -> str:
    """An entry's id; a relation without one has the id the loader derives, TYPE_FROM_TO."""
    if "id" in e:
        return str(e["id"])
    if {"type", "from", "to"} <= set(e):
        return f"{e['type']}_{e['from']}_{e['to']}"
    return "None"


def _by_id(lst: YList, ident: str) -> int | None:
    for i, e in enumerate(lst):
        if isinstance(e, YMap) and _entry_id(e) == ident:
            return i
    return None


def _op_add(tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]) -> None:
    if not isinstance(val, YMap):
        problems.append(
            Problem(loc, f"add needs a mapping of sections ({', '.join(LIST_SECTIONS)}) to lists")
        )
        return
    for section, items in val.items():
        if section not in LIST_SECTIONS:
            problems.append(
                Problem(
                    val.key_at(section),
                    f"cannot add to {section!r}; {expected_one_of(LIST_SECTIONS)}",
                )
            )
            continue
        if not isinstance(items, YList):
            problems.append(Problem(val.at(section), f"add: {section} needs a list"))
            continue
        target = _lst(tree, section)
        for item, iloc in zip(items, items.item_loc, strict=False):
            _append(target, item, iloc)


def _op_replace(tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]) -> None:
    if not isinstance(val, YMap):
        problems.append(Problem(loc, "replace needs a mapping of sections to lists of entries"))
        return
    for section, items in val.items():
        if section not in LIST_SECTIONS or not isinstance(items, YList):
            problems.append(
                Problem(
                    val.key_at(section), f"replace takes lists under {', '.join(LIST_SECTIONS)}"
                )
            )
            continue
        target = _lst(tree, section)
        for item, iloc in zip(items, items.item_loc, strict=False):
            ident = str(item.get("id")) if isinstance(item, YMap) else ""
            idx = _by_id(target, ident)
            if idx is None:
                # organs from the company-form template may be overridden by adding them
                if section == "organs":
                    _append(target, item, iloc)
                    continue
                problems.append(
                    Problem(
                        iloc,
                        f"no {section[:-1]} {ident!r} to replace{did_you_mean(ident, [_entry_id(e) for e in target if isinstance(e, YMap)])}",
                    )
                )
                continue
            target[idx] = item
            target.item_loc[idx] = iloc


def _op_remove(tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]) -> None:
    if not isinstance(val, YMap):
        problems.append(Problem(loc, "remove needs a mapping of sections to lists of ids"))
        return
    removed: set[str] = set()
    for section, ids in val.items():
        if section not in LIST_SECTIONS or not isinstance(ids, YList):
            problems.append(
                Problem(
                    val.key_at(section),
                    f"remove takes lists of ids under {', '.join(LIST_SECTIONS)}",
                )
            )
            continue
        target = _lst(tree, section)
        for ident, iloc in zip(ids, ids.item_loc, strict=False):
            idx = _by_id(target, str(ident))
            if idx is None:
                if section == "organs":
                    # a template organ: drop it with an 'omit' entry
                    entry = YMap(iloc)
                    _set(entry, "id", str(ident), iloc)
                    _set(entry, "omit", True, iloc)
                    _append(target, entry, iloc)
                    removed.add(str(ident))
                    continue
                problems.append(
                    Problem(
                        iloc,
                        f"no {section[:-1]} {ident!r} to remove{did_you_mean(str(ident), [_entry_id(e) for e in target if isinstance(e, YMap)])}",
                    )
                )
                continue
            removed.add(str(ident))
            del target[idx]
            del target.item_loc[idx]
            del target.raw[idx]
    if removed:
        # relations touching a removed organ or actor go with it
        rels = tree.get("relations")
        if isinstance(rels, YList):
            keep = [
                (r, rl)
                for r, rl in zip(rels, rels.item_loc, strict=False)
                if not (
                    isinstance(r, YMap)
                    and (str(r.get("from")) in removed or str(r.get("to")) in removed)
                )
            ]
            rels[:] = [r for r, _ in keep]
            rels.item_loc[:] = [rl for _, rl in keep]
            rels.raw[:] = [None] * len(keep)


def _op_set_rule(tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]) -> None:
    if not isinstance(val, YMap) or not {"organ", "decision", "rule"} <= set(val):
        problems.append(Problem(loc, "set_rule needs organ, decision and rule"))
        return
    organs = _lst(tree, "organs")
    oid, did = str(val["organ"]), str(val["decision"])
    idx = _by_id(organs, oid)
    if idx is None:
        entry = YMap(loc)
        _set(entry, "id", oid, loc)
        _append(organs, entry, loc)
        idx = len(organs) - 1
    organ = organs[idx]
    decisions = organ.get("decisions")
    if not isinstance(decisions, YList):
        decisions = YList(loc)
        _set(organ, "decisions", decisions, loc)
    didx = _by_id(decisions, did)
    dec = YMap(loc)
    if didx is not None:
        old = decisions[didx]
        for k, v in old.items():
            if k not in ("rule", "source", "assumption"):
                _set(dec, k, v, old.at(k), old.raw.get(k))
    _set(dec, "id", did, val.at("decision"))
    _set(dec, "rule", val["rule"], val.at("rule"))
    for k in ("source", "assumption", "document", "name"):
        if k in val:
            _set(dec, k, val[k], val.at(k))
    if "source" not in val and "assumption" not in val:
        _set(dec, "assumption", "changed by a scenario", loc)
    if didx is None:
        _append(decisions, dec, loc)
    else:
        decisions[didx] = dec


def _op_set_relation(tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]) -> None:
    if not isinstance(val, YMap) or "id" not in val:
        problems.append(
            Problem(loc, "set_relation needs the relation's id and the fields to change")
        )
        return
    rels = _lst(tree, "relations")
    idx = _by_id(rels, str(val["id"]))
    if idx is None:
        problems.append(
            Problem(
                val.at("id"),
                f"no relation {val['id']!r}{did_you_mean(str(val['id']), [_entry_id(r) for r in rels if isinstance(r, YMap)])}",
            )
        )
        return
    rel = rels[idx]
    for k, v in val.items():
        if k != "id":
            _set(rel, k, v, val.at(k), val.raw.get(k))


def _op_revoke_proxies(
    tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]
) -> None:
    rels = _lst(tree, "relations")
    names = None if val == "all" else ({str(v) for v in val} if isinstance(val, YList) else None)
    if val != "all" and names is None:
        problems.append(
            Problem(loc, "revoke_proxies takes 'all' or a list of relation ids or proxy givers")
        )
        return
    keep = []
    hit = False
    for r, rl in zip(rels, rels.item_loc, strict=False):
        is_proxy = isinstance(r, YMap) and r.get("type") == "proxy"
        if is_proxy and (names is None or str(r.get("id")) in names or str(r.get("from")) in names):
            hit = True
            continue
        keep.append((r, rl))
    if not hit:
        problems.append(Problem(loc, "no proxy relation matches; nothing to revoke"))
    rels[:] = [r for r, _ in keep]
    rels.item_loc[:] = [rl for _, rl in keep]
    rels.raw[:] = [None] * len(keep)


def _op_turnout(tree: YMap, val: Any, loc: Loc, parent: YMap, problems: list[Problem]) -> None:
    entries = val if isinstance(val, YList) else [val]
    target = _lst(tree, "attendance")
    for e in entries:
        if not isinstance(e, YMap):
            problems.append(
                Problem(
                    loc,
                    "turnout needs {organ: ID, absent: [...]} / {present: [...]} / {group: ID, fraction: F}",
                )
            )
            continue
        _append(target, e, e.loc)


_OPS = {
    "set_holding": _op_set_holding,
    "add_holding": _op_add_holding,
    "remove_holding": _op_remove_holding,
    "share_capital": _op_share_capital,
    "share_classes": _op_share_classes,
    "owner_leaves": _op_owner_leaves,
    "add": _op_add,
    "replace": _op_replace,
    "remove": _op_remove,
    "set_rule": _op_set_rule,
    "set_relation": _op_set_relation,
    "revoke_proxies": _op_revoke_proxies,
    "turnout": _op_turnout,
}


def load_scenario(path: Path) -> tuple[YMap, str]:
    """Read and check a scenario file; returns its tree and display name."""
    tree = load_yaml_file(path)
    if (
        not isinstance(tree, YMap)
        or tree.get("govmodel_scenario") != 1
        or tree["govmodel_scenario"] is True
    ):
        loc = tree.loc if isinstance(tree, YMap) else Loc(str(path), 1, 1)
        raise ModelError([Problem(loc, "a scenario file must start with 'govmodel_scenario: 1'")])
    bad = [
        Problem(
            tree.key_at(k),
            f"unknown key {k!r} in a scenario{did_you_mean(str(k), SCENARIO_KEYS)}; {expected_one_of(SCENARIO_KEYS)}",
        )
        for k in tree
        if k not in SCENARIO_KEYS
    ]
    if bad:
        raise ModelError(bad)
    return tree, str(tree.get("name") or path.stem)


def apply_scenario_file(model_tree: Any, scenario_path: Path, model_path: Path) -> tuple[Any, str]:
    """Apply a scenario's changes to an already-resolved model tree."""
    scen, name = load_scenario(scenario_path)
    if not isinstance(model_tree, YMap):
        raise ModelError([Problem(Loc(str(model_path), 1, 1), "the model is not a mapping")])
    return apply_changes(
        model_tree, scen.get("changes"), scen.at("changes") if "changes" in scen else scen.loc
    ), name
