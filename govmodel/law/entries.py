"""The law package's own data files (``readings.yaml``, ``case_law.yaml``): their text, and their
entries indexed by id with a located error for an id given twice.

>>> from govmodel.errors import Loc
>>> from govmodel.law.case_law import Judgment
>>> j = Judgment("teckal", "C-107/98 Teckal", "…", None, "1999-11-18", "…", ())
>>> list(by_id([(j, Loc("f.yaml", 3, 5))], "judgment", []))
['teckal']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Protocol, TypeVar

from govmodel.errors import Loc, ModelError, Problem


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_E = TypeVar("_E", bound=_HasId)


def shipped(filename: str) -> tuple[str, str]:
    """The text of a data file shipped in ``govmodel/law``, and the name its errors name."""
    text = (resources.files("govmodel.law") / filename).read_text(encoding="utf-8")
    return text, f"govmodel/law/{filename}"


def by_id(
    entries: Iterable[tuple[_E | None, Loc]], what: str, problems: list[Problem]
) -> Mapping[str, _E]:
    """The entries read (None: one that could not be read, its problem already in ``problems``)
    by id, in file order; raises :class:`ModelError` with every problem, a second entry with the
    same id among them."""
    out: dict[str, _E] = {}
    for entry, loc in entries:
        if entry is None:
            continue
        if entry.id in out:
            problems.append(Problem(loc, f"duplicate {what} id {entry.id!r}"))
            continue
        out[entry.id] = entry
    if problems:
        raise ModelError(problems)
    return MappingProxyType(out)
