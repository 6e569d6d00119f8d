"""Composition of model files: includes and variants, resolved on the located YAML tree.

- ``include: [FILE, ...]`` in a model appends the lists (actors, groups, organs, relations,
  documents) of fragment files (``govmodel_fragment: 1``) before the model's own entries.
- A *variant* is a model file with ``base: FILE`` and ``changes: [...]``: the base is loaded,
  the changes (the same change values as a scenario's, :mod:`govmodel.changes.values`) applied
  by :func:`~govmodel.changes.tree.apply_to_tree`, and the variant's own ``id``, ``name``,
  ``description``, ``source`` and ``assumption`` replace the base's.
"""

from __future__ import annotations

from pathlib import Path
from typing import overload

from govmodel.changes.parse import parse_changes, unknown_keys
from govmodel.changes.tree import apply_to_tree
from govmodel.changes.values import LIST_SECTIONS
from govmodel.errors import Loc, ModelError, Problem
from govmodel.yamlsafe import YList, YMap, budget, load_yaml_file, path_problem

FRAGMENT_KEYS = {"govmodel_fragment", "description", "include", *LIST_SECTIONS}
# how deep includes and variant bases may nest; a cycle is reported as such before this, and the
# total work of a load (files, bytes, values) is bounded by govmodel.yamlsafe's Budget
MAX_DEPTH = 16
VARIANT_KEYS = ("govmodel", "id", "name", "description", "source", "assumption", "base", "changes")


def _resolve(path_text: object, relative_to: Path, loc: Loc) -> Path:
    if not isinstance(path_text, str) or not path_text:
        raise ModelError([Problem(loc, f"expected a file path; got {path_text!r}")])
    p = Path(path_text)
    return p if p.is_absolute() else (relative_to.parent / p)


def _cycle(chain: tuple[Path, ...], nxt: Path) -> str | None:
    """The cycle ``a -> b -> a`` if ``nxt`` is already on the chain of files being resolved."""
    key = nxt.resolve()
    keys = [p.resolve() for p in chain]
    if key not in keys:
        return None
    return " -> ".join(str(p) for p in (*chain[keys.index(key) :], nxt))


@overload
def resolve_includes(
    tree: YMap, path: Path, depth: int = 0, chain: tuple[Path, ...] | None = None
) -> YMap: ...


@overload
def resolve_includes(
    tree: object, path: Path, depth: int = 0, chain: tuple[Path, ...] | None = None
) -> object: ...


def resolve_includes(
    tree: object, path: Path, depth: int = 0, chain: tuple[Path, ...] | None = None
) -> object:
    """Replace ``include:`` by the fragments' list entries (fragments first)."""
    if not isinstance(tree, YMap) or "include" not in tree:
        return tree
    chain = (path,) if chain is None else chain
    includes = tree["include"]
    problems: list[Problem] = []
    if not isinstance(includes, YList):
        raise ModelError([Problem(tree.at("include"), "include must be a list of fragment files")])
    if depth > MAX_DEPTH:
        raise ModelError(
            [
                Problem(
                    tree.at("include"),
                    f"includes nested deeper than {MAX_DEPTH} files (the limit)",
                )
            ]
        )
    merged = {k: YList(tree.loc) for k in LIST_SECTIONS}
    for i, inc in enumerate(includes):
        fpath = _resolve(inc, path, includes.at(i))
        why = path_problem(fpath)
        if why is not None:
            problems.append(
                Problem(includes.at(i), f"included file {str(inc)!r} {why} (looked for {fpath})")
            )
            continue
        loop = _cycle(chain, fpath)
        if loop is not None:
            problems.append(Problem(includes.at(i), f"include cycle: {loop}"))
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
        problems.extend(unknown_keys(frag, FRAGMENT_KEYS, "a fragment"))
        frag = resolve_includes(frag, fpath, depth + 1, (*chain, fpath))
        for key in LIST_SECTIONS:
            val = frag.get(key)
            if isinstance(val, YList):
                for item, loc in zip(val, val.item_loc, strict=False):
                    merged[key].add(item, loc)
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
    for k in tree:
        if k != "include":
            out.copy_entry(tree, k)
    for key in LIST_SECTIONS:
        own = tree.get(key)
        if isinstance(own, YList):
            for item, loc in zip(own, own.item_loc, strict=False):
                merged[key].add(item, loc)
        if own is not None and not isinstance(own, YList):
            continue  # keep it: the builder reports that it must be a list
        if merged[key]:
            out[key] = merged[key]
            out.val_loc.setdefault(key, tree.loc)
    return out


def resolve_model_tree(
    tree: object, path: Path, depth: int = 0, chain: tuple[Path, ...] | None = None
) -> object:
    """Resolve includes and, for a variant, its base and changes, under one bounded
    :class:`~govmodel.yamlsafe.Budget` of files, bytes and values."""
    chain = (path,) if chain is None else chain
    with budget():
        return _resolve_model_tree(tree, path, depth, chain)


def _resolve_model_tree(tree: object, path: Path, depth: int, chain: tuple[Path, ...]) -> object:
    tree = resolve_includes(tree, path, depth, chain)
    if not isinstance(tree, YMap) or "base" not in tree:
        return tree
    if depth > MAX_DEPTH:
        raise ModelError(
            [Problem(tree.at("base"), f"variants nested deeper than {MAX_DEPTH} files (the limit)")]
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
    why = path_problem(base_path)
    if why is None and _cycle(chain, base_path) is not None:
        why = f"makes a cycle of variants: {_cycle(chain, base_path)}"
    if why is not None:
        problems.append(
            Problem(
                tree.at("base"),
                f"base model {tree['base']!r} {why} (looked for {base_path})",
            )
        )
        raise ModelError(problems)
    base = _resolve_model_tree(load_yaml_file(base_path), base_path, depth + 1, (*chain, base_path))
    if not isinstance(base, YMap):
        raise ModelError(
            [*problems, Problem(tree.at("base"), f"base model {base_path} is not a model")]
        )
    where = tree.at("changes") if "changes" in tree else tree.loc
    try:
        out = apply_to_tree(base, parse_changes(tree.get("changes"), where), where)
    except ModelError as exc:
        raise ModelError([*problems, *exc.problems]) from None
    if problems:
        raise ModelError(problems)
    for key in ("id", "name", "description", "source", "assumption"):
        if key in tree:
            out.put(key, tree[key], tree.at(key))
        elif key == "assumption":
            out.pop(key, None)
    out.put("variant_of", str(base.get("id", base_path.stem)), tree.at("base"))
    return out
