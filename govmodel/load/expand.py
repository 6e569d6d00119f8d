"""``for_each`` expansion: one entry per fylke, fylkeskommune or kommune of the reference data
(or per row of a CSV file the model names), with ``{nr}``, ``{name}`` and ``{fylke}`` substituted.
"""

from __future__ import annotations

import copy
from typing import Any

from govmodel.errors import expected_one_of
from govmodel.load.keys import (
    FOR_EACH,
)
from govmodel.load.reader import Reader
from govmodel.yamlsafe import YList, YMap


def substitute(node: Any, subs: dict[str, str]) -> Any:
    """Deep copy of a YAML tree with ``{nr}``/``{name}`` replaced in every string."""
    if isinstance(node, str):
        out = node
        for k, v in subs.items():
            out = out.replace("{" + k + "}", v)
        return out
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
