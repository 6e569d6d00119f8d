"""``for_each`` expansion: one entry per fylke, fylkeskommune or kommune of the reference data
(``{nr}``, ``{name}``, ``{fylke}`` substituted), or per member of a group (``for_each: {group: G}``;
``{id}``, ``{name}``, ``{region}``), e.g. a group generated from a member table
(:mod:`govmodel.load.tables`).
"""

from __future__ import annotations

import copy
from typing import overload

from govmodel.errors import did_you_mean, expected_one_of
from govmodel.load.keys import (
    FOR_EACH,
)
from govmodel.load.reader import Reader
from govmodel.yamlsafe import YamlValue, YList, YMap, unknown_keys


@overload
def substitute(node: YMap, subs: dict[str, str]) -> YMap: ...
@overload
def substitute(node: str, subs: dict[str, str]) -> str: ...
@overload
def substitute(node: YamlValue, subs: dict[str, str]) -> YamlValue: ...
def substitute(node: YamlValue, subs: dict[str, str]) -> YamlValue:
    """Deep copy of a YAML tree with ``{nr}``/``{name}`` replaced in every string."""
    if isinstance(node, str):
        text = node
        if "{" in text:  # most values name no placeholder
            for placeholder, value in subs.items():
                text = text.replace("{" + placeholder + "}", value)
        return text
    if node is None or isinstance(node, (bool, int, float)):
        return node  # immutable: what copy.copy would return
    if isinstance(node, YMap):
        new = YMap(node.loc)
        for k, v in node.items():
            new[k] = substitute(v, subs)
        new.key_loc = dict(node.key_loc)
        new.val_loc = dict(node.val_loc)
        new.raw = {
            k: (substitute(v, subs) if isinstance(v, str) else v) for k, v in node.raw.items()
        }
        return new
    if isinstance(node, YList):
        lst = YList(node.loc)
        lst.extend(substitute(v, subs) for v in node)
        lst.item_loc = list(node.item_loc)
        lst.raw = list(node.raw)
        return lst
    return copy.copy(node)


class ExpandReader(Reader):
    def expand(self, items: YList, what: str) -> list[tuple[YMap, dict[str, str]]]:
        """Entries with ``for_each: fylke|fylkeskommune`` become one entry per fylke (``{nr}``,
        ``{name}``); ``for_each: kommune`` one entry per kommune (``{nr}`` kommunenummer,
        ``{name}``, ``{fylke}`` its fylkesnummer)."""
        out: list[tuple[YMap, dict[str, str]]] = []
        for i, item in enumerate(items):
            node = self.mapping(item, items.at(i), what)
            if node is None:
                continue
            fe = node.get("for_each")
            if fe is None:
                out.append((node, {}))
                continue
            if isinstance(fe, YMap):
                out.extend(self._for_each_member(node, fe))
                continue
            if fe not in FOR_EACH:
                self.err(
                    node.at("for_each"),
                    f"for_each {fe!r} is not known; {expected_one_of(FOR_EACH)}",
                )
                continue
            if fe == "kommune":
                for k in self.pop.kommuner:
                    subs = {"nr": k.nr, "name": k.name, "fylke": k.fylke_nr}
                    out.append((substitute(node, subs), subs))
                continue
            for f in self.pop.fylker:
                if fe == "fylkeskommune" and not f.has_fylkeskommune:
                    continue
                subs = {"nr": f.nr, "name": f.name}
                out.append((substitute(node, subs), subs))
        return out

    def _for_each_member(self, node: YMap, fe: YMap) -> list[tuple[YMap, dict[str, str]]]:
        """``for_each: {group: GID}``: one entry per member of a group (e.g. generated from a
        member table), with ``{id}``, ``{name}`` and ``{region}`` of the member substituted."""
        unknown_keys(fe, {"group"}, self.problems, "for_each")
        gid = fe.get("group")
        groups = getattr(self, "groups", None)
        if groups is None:
            self.err(
                fe.loc, "for_each over a group's members applies to organs, seats and relations"
            )
            return []
        if not isinstance(gid, str) or gid not in groups:
            self.err(
                fe.at("group") if "group" in fe else fe.loc,
                f"for_each needs 'group:' naming a group{did_you_mean(str(gid), groups)}",
            )
            return []
        out = []
        for aid in groups[gid].members:
            actor = self.actors[aid]
            subs = {"id": aid, "name": str(actor.name), "region": actor.fylke or ""}
            out.append((substitute(node, subs), subs))
        return out
