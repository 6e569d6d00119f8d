"""Case law the in-house criteria rest on (``case_law.yaml`` beside this module).

>>> load_case_law()["econord"].ecli
'ECLI:EU:C:2012:758'
>>> [j.cite for j in judgments_for("no_private_capital")]
['C-26/03 Stadt Halle']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from govmodel.errors import Loc, ModelError, Problem
from govmodel.law.entries import by_id, shipped
from govmodel.yamlsafe import YMap, as_list, load_yaml_text

_KEYS = frozenset({"id", "cite", "citation", "ecli", "date", "holding", "used_for"})


@dataclass(frozen=True)
class Judgment:
    """A judgment with its full citation and what the criteria use it for."""

    id: str
    cite: str  # short form used in a verdict's sources, e.g. "C-26/03 Stadt Halle"
    citation: str  # full citation: court, chamber, date, parties, case number
    ecli: str | None
    date: str
    holding: str
    used_for: tuple[str, ...]

    @property
    def source(self) -> str:
        """The cite with its ECLI where known."""
        return f"{self.cite} ({self.ecli})" if self.ecli else self.cite


def parse_case_law(text: str, name: str) -> Mapping[str, Judgment]:
    """The judgments of one case-law file; located errors for a malformed entry."""
    tree = load_yaml_text(text, name)
    problems: list[Problem] = []
    judgments = tree.get_list("judgments") if isinstance(tree, YMap) else None
    if judgments is None:
        raise ModelError([Problem(Loc(name, 1, 1), "a case-law file needs a 'judgments:' list")])
    read: list[tuple[Judgment | None, Loc]] = []
    for node in judgments:
        if not isinstance(node, YMap):
            problems.append(Problem(Loc(name, 1, 1), "a judgment must be a mapping"))
            continue
        for key in node:
            if key not in _KEYS:
                problems.append(
                    Problem(
                        node.key_at(key), f"unknown key {key!r}; expected one of {sorted(_KEYS)}"
                    )
                )
        missing = [k for k in ("id", "cite", "citation", "date", "holding") if not node.get(k)]
        if missing:
            problems.append(Problem(node.loc, f"judgment lacks {', '.join(missing)}"))
            continue
        j = Judgment(
            id=str(node["id"]),
            cite=str(node["cite"]),
            citation=" ".join(str(node["citation"]).split()),
            ecli=str(node["ecli"]) if node.get("ecli") else None,
            date=str(node["date"]),
            holding=" ".join(str(node["holding"]).split()),
            used_for=tuple(
                str(u)
                for u in as_list(
                    node.get("used_for") or None,
                    node.at("used_for"),
                    f"used_for of {node['id']}",
                    problems,
                )
            ),
        )
        read.append((j, node.loc))
    return by_id(read, "judgment", problems)


@lru_cache(maxsize=1)
def load_case_law() -> Mapping[str, Judgment]:
    """The judgments shipped with govmodel, in file order."""
    return parse_case_law(*shipped("case_law.yaml"))


def judgments_for(use: str) -> tuple[Judgment, ...]:
    """The judgments a criterion or reading id rests on, in file order."""
    return tuple(j for j in load_case_law().values() if use in j.used_for)
