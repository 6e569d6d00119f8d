"""Share allocation: dividing a group's block of shares among its members, exactly.

``allocate: equal`` gives each member one part, ``population`` one part per inhabitant, and any
key of ``govmodel/data/allocation_keys.yaml`` (``digifin``: NOK 20 per inhabitant of a kommune,
NOK 5 of a fylkeskommune, with its source) a rate per inhabitant by the member's kind. The block
is then apportioned by largest remainder (:func:`govmodel.apportion.largest_remainder`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from govmodel.errors import Loc, ModelError, Problem
from govmodel.frozen import FrozenMap, frozen_dataclass
from govmodel.load.reader import Reader
from govmodel.model import Text
from govmodel.yamlsafe import YMap, load_yaml_text

BUILT_IN = ("population", "equal")
KEYS_FILE = "govmodel/data/allocation_keys.yaml"


@frozen_dataclass
class AllocationKey:
    """A rate per inhabitant for each actor kind, with its source."""

    id: str
    name: Text
    source: str
    per_inhabitant: Mapping[str, int]


@lru_cache(maxsize=1)
def allocation_keys() -> Mapping[str, AllocationKey]:
    """The allocation keys defined in the data file (read once)."""
    text = (resources.files("govmodel.data") / "allocation_keys.yaml").read_text(encoding="utf-8")
    tree = load_yaml_text(text, KEYS_FILE)
    problems: list[Problem] = []
    out: dict[str, AllocationKey] = {}
    keys = tree.get("keys") if isinstance(tree, YMap) else None
    if not isinstance(keys, YMap):
        raise ModelError([Problem(Loc(KEYS_FILE, 1, 1), "expected 'keys:' with allocation keys")])
    for kid, entry in keys.items():
        rates = entry.get("per_inhabitant") if isinstance(entry, YMap) else None
        name = entry.get("name") if isinstance(entry, YMap) else None
        source = entry.get("source") if isinstance(entry, YMap) else None
        # the rates that are whole numbers > 0: all of them, or the key is refused
        amounts = (
            {
                k: v
                for k, v in rates.items()
                if isinstance(v, int) and not isinstance(v, bool) and v > 0
            }
            if isinstance(rates, YMap)
            else {}
        )
        if (
            not isinstance(rates, YMap)
            or not rates
            or len(amounts) != len(rates)
            or not isinstance(source, str)
        ):
            problems.append(
                Problem(
                    keys.at(kid),
                    f"allocation key {kid} needs per_inhabitant (kind: whole number > 0) and source",
                )
            )
            continue
        text_name = (
            Text(str(name["nb"]), str(name["en"]))
            if isinstance(name, YMap) and {"nb", "en"} <= set(name)
            else Text(str(kid))
        )
        out[str(kid)] = AllocationKey(str(kid), text_name, source, FrozenMap(amounts))
    if problems:
        raise ModelError(problems)
    return FrozenMap(out)


def allocation_rules() -> tuple[str, ...]:
    """Every value ``allocate:`` accepts: the built-in rules and the keys of the data file."""
    return (*BUILT_IN, *allocation_keys())


class AllocationReader(Reader):
    def _allocation_basis(
        self, members: tuple[str, ...], rule: str, node: YMap
    ) -> dict[str, int] | None:
        """Each member's weight under ``rule`` (None, with a located problem, if it has none)."""
        if not members:
            self.err(node.at("group"), "cannot allocate shares over an empty group")
            return None
        if rule == "equal":
            return {a: 1 for a in members}
        key = allocation_keys().get(rule)
        basis: dict[str, int] = {}
        for aid in members:
            a = self.actors[aid]
            if a.population is None:
                self.err(
                    node.at("allocate"),
                    f"{rule} allocation needs population data, and {aid} has none; use 'equal' or a group of kommuner/fylkeskommuner",
                )
                return None
            rate = 1 if key is None else key.per_inhabitant.get(a.kind, 0)
            if key is not None and rate == 0:
                kinds = ", ".join(key.per_inhabitant)
                self.err(
                    node.at("allocate"),
                    f"{rule} allocation has rates for {kinds} ({key.source.split(',')[0]}); "
                    f"{aid} is a {a.kind}",
                )
                return None
            basis[aid] = a.population * rate
        if not any(basis.values()):
            self.err(
                node.at("allocate"),
                f"{rule} allocation over a group whose population is 0 in total; use 'equal'",
            )
            return None
        return basis
