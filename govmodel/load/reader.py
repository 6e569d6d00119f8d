"""The typed readers every section of a model uses: located errors, provenance, ids, text,
choices, booleans and whole numbers. One :class:`Reader` holds the state of one load.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeGuard

from govmodel import model as M
from govmodel.errors import Loc, Problem, did_you_mean, expected_one_of
from govmodel.law import LawData
from govmodel.load.keys import (
    is_id,
)
from govmodel.load.text import read_text_value
from govmodel.population import Population
from govmodel.ruleparse import RuleParser
from govmodel.yamlsafe import (
    YList,
    YMap,
    as_list,
    as_mapping,
    kind_of,
    mappings,
    unknown_keys,
)


def is_contracting(v: object) -> TypeGuard[bool | str]:
    """true, false or "uncertain" (1 and 0 compare equal to True and False; refuse them)."""
    return isinstance(v, bool) or v == "uncertain"


class Reader:
    """The state of one load of one model file and its typed field readers; collects problems."""

    # Set by Builder.build before the section readers that use them run.
    pop: Population
    actors: dict[str, M.Actor]
    groups: dict[str, M.Group]
    doc_refs: list[tuple[str, Loc]]

    def __init__(
        self,
        tree: object,
        name: str,
        law: LawData,
        base_dir: Path | None,
        population: Population | None = None,
    ) -> None:
        self.tree = tree
        self.name = name
        self.law = law
        self.base_dir = base_dir
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.population = population
        self.rules = RuleParser(self.problems, law_rules=dict(law.rules))
        # the YAML node of each relation, decision ("organ.decision"), document and the company,
        # so that validate.py can point at the offending field rather than the entry
        self.nodes: dict[tuple[str, str], YMap] = {}
        self.omitted: set[str] = set()  # ids of template entries the model omits

    def err(self, loc: Loc, msg: str) -> None:
        self.problems.append(Problem(loc, msg))

    def warn(self, loc: Loc, msg: str) -> None:
        self.warnings.append(Problem(loc, msg, "warning"))

    def prov(
        self, node: YMap, what: str, required: bool = True, inherited: M.Provenance | None = None
    ) -> M.Provenance:
        src = node.get("source")
        ass = node.get("assumption")
        doc = node.get("document")
        for key, val in (("source", src), ("document", doc)):
            if val is not None and not isinstance(val, str):
                self.err(node.at(key), f"{key} must be text; got {kind_of(val)}")
        if ass is not None:
            ass = read_text_value(ass, node.at("assumption"), "assumption", self.problems)
        if doc is not None and isinstance(doc, str):
            self.doc_refs.append((doc, node.at("document")))
        if required and not src and not ass and inherited is None:
            self.err(
                node.loc,
                f"{what} has no provenance; add 'source:' (e.g. \"002 §5.4.4\" or \"aksjeloven § 5-17\") or 'assumption:' with the reason",
            )
        if inherited is not None and not src and not ass:
            return M.Provenance(
                inherited.source,
                inherited.assumption,
                doc if isinstance(doc, str) else inherited.document,
                node.loc,
            )
        return M.Provenance(
            src if isinstance(src, str) else None,
            ass,
            doc if isinstance(doc, str) else None,
            node.loc,
        )

    def mapping(self, node: object, loc: Loc, what: str) -> YMap | None:
        return as_mapping(node, loc, what, self.problems)

    def entries(self, lst: YList, what: str, keys: Iterable[str]) -> Iterator[YMap]:
        """Each item of ``lst`` that is a mapping, with its unknown keys reported; an item that
        is not a mapping is reported and skipped."""
        for node in mappings(lst, what, self.problems):
            unknown_keys(node, keys, self.problems, what)
            yield node

    def seq(self, node: object, loc: Loc, what: str) -> YList:
        return as_list(node, loc, what, self.problems)

    def ident(self, node: YMap, what: str, key: str = "id") -> str | None:
        if key not in node:
            self.err(node.loc, f"{what} has no '{key}:'")
            return None
        val = node[key]
        if not isinstance(val, str) or not is_id(val):
            self.err(
                node.at(key),
                f"{what} id {val!r} is not valid; expected lower-case letters, digits and '_', starting with a letter (e.g. 'generalforsamling', 'k0301')",
            )
            return None
        return val

    def new_ident(self, node: YMap, what: str, seen: set[str], duplicate: str) -> str | None:
        """The id of ``node`` when it is valid and not in ``seen`` (it is added); else None,
        reported (``duplicate`` names the id's kind and place, e.g. ``seat id {!r} in organ x``)."""
        ident = self.ident(node, what)
        if ident is None:
            return None
        if ident in seen:
            self.err(node.at("id"), "duplicate " + duplicate.format(ident))
            return None
        seen.add(ident)
        return ident

    def text(self, node: YMap, key: str, what: str, default: str = "") -> M.Text:
        """The text at ``key`` (a name is one line); ``default`` if absent or invalid."""
        val = node.get(key)
        if val is None:
            return M.Text(default)
        out = read_text_value(
            val, node.at(key), f"{what} {key}", self.problems, single_line=key == "name"
        )
        return M.Text(default) if out is None else out

    def named(self, node: YMap, what: str, ident: str) -> M.Text:
        """The ``name:`` of an element people read about; without one its id stands in, and
        that is worth a warning: reports and the TUI then show the id to the reader."""
        if "name" not in node:
            self.warn(
                node.loc,
                f"{what} has no 'name:'; reports will show its id '{ident}' instead "
                "(add e.g. name: {nb: …, en: …})",
            )
        return self.text(node, "name", what, ident)

    def choice(
        self, node: YMap, key: str, options: Iterable[str], what: str, default: str | None = None
    ) -> str | None:
        opts = tuple(options)
        if key not in node:
            if default is None:
                self.err(node.loc, f"{what} has no '{key}:'; {expected_one_of(opts)}")
            return default
        val = node[key]
        if val not in opts:
            self.err(
                node.at(key),
                f"{what} {key} {val!r} is not known{did_you_mean(str(val), opts)}; {expected_one_of(opts)}",
            )
            return default
        return str(val)

    def boolean(self, node: YMap, key: str, what: str, default: bool = False) -> bool:
        val = node.get(key, default)
        if not isinstance(val, bool):
            self.err(node.at(key), f"{what} {key} must be true or false; got {kind_of(val)}")
            return default
        return val

    def integer(
        self, node: YMap, key: str, what: str, default: int | None = None, minimum: int = 0
    ) -> int | None:
        if key not in node:
            if default is None:
                self.err(node.loc, f"{what} has no '{key}:' (a whole number)")
            return default
        val = node[key]
        if isinstance(val, bool) or not isinstance(val, int):
            self.err(node.at(key), f"{what} {key} must be a whole number; got {kind_of(val)}")
            return default
        if val < minimum:
            self.err(node.at(key), f"{what} {key} must be at least {minimum}; got {val}")
            return default
        return val
