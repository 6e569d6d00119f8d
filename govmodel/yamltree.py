"""The located tree a YAML file is read into, and typed reads of it.

:mod:`govmodel.yamlsafe` turns untrusted text into this tree; everything else reads it.
:class:`YMap` (a ``dict[str, YamlValue]``) and :class:`YList` (a ``list[YamlValue]``) know where
they and each item came from, and ``raw`` keeps each scalar's source text so that a number such
as ``0.1`` can be read exactly. A reader narrows each value it reads: :func:`as_mapping`,
:func:`as_list` and :func:`mappings` with a located problem when the kind is wrong (the model
reader's ``Reader.mapping``/``seq``/``entries`` and the law files use them), or
``YMap.get_str``/``get_list``/``get_map`` where the kind is checked elsewhere; :func:`kind_of`
says how a value reads to a person and :func:`unknown_keys` reports misspelt keys.

>>> from govmodel.errors import Loc
>>> m = YMap(Loc("f.yaml", 1, 1))
>>> m["name"] = "Oslo"
>>> m.get_str("name"), m.get_list("name"), kind_of(m)
('Oslo', None, 'a mapping')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeAlias, final

from govmodel.errors import Loc, Problem, did_you_mean, expected_one_of

# YAML 1.1 readings of plain scalars that YAML 1.2 reads as text: used in hints only
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_YAML11_NUMBER = re.compile(
    r"^[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|0b[01_]+|[0-9][0-9_]*_[0-9_]*)$"
)


#: A scalar as YAML 1.2's core schema reads it (a number's source text is kept in ``raw``, so
#: that it can be read exactly).
YamlScalar: TypeAlias = None | bool | int | float | str
#: A value of a loaded tree: a scalar, or a located list or mapping of values.
YamlValue: TypeAlias = "YamlScalar | YList | YMap"


@final  # not subclassed: the reader tells a YMap from a YList by its exact type
class YMap(dict[str, YamlValue]):
    """A mapping that remembers where it, each key and each value came from."""

    loc: Loc
    key_loc: dict[str, Loc]
    val_loc: dict[str, Loc]
    raw: dict[str, str]

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.key_loc = {}
        self.val_loc = {}
        self.raw = {}

    def at(self, key: str) -> Loc:
        """Location of the value at ``key`` (or of the mapping if absent)."""
        return self.val_loc.get(key, self.loc)

    def key_at(self, key: str) -> Loc:
        return self.key_loc.get(key, self.loc)

    # Typed reads for readers that check a value's kind elsewhere or treat a wrong kind as
    # absent; a reader that must report a wrong kind checks it itself (load/reader.py).
    def get_str(self, key: str) -> str | None:
        """The value at ``key`` if it is text, else None."""
        value = self.get(key)
        return value if isinstance(value, str) else None

    def get_list(self, key: str) -> YList | None:
        """The value at ``key`` if it is a list, else None."""
        value = self.get(key)
        return value if isinstance(value, YList) else None

    def get_map(self, key: str) -> YMap | None:
        """The value at ``key`` if it is a mapping, else None."""
        value = self.get(key)
        return value if isinstance(value, YMap) else None

    def put(
        self,
        key: str,
        value: YamlValue,
        loc: Loc,
        raw: str | None = None,
        key_loc: Loc | None = None,
    ) -> None:
        """Set ``key`` to ``value`` read at ``loc`` (the key at ``key_loc``, default ``loc``),
        with its source text ``raw`` (None: no source text, e.g. a value a change wrote)."""
        self[key] = value
        self.key_loc[key] = loc if key_loc is None else key_loc
        self.val_loc[key] = loc
        if raw is not None:
            self.raw[key] = raw
        else:
            self.raw.pop(key, None)

    def copy_entry(self, src: YMap, key: str) -> None:
        """Set ``key`` to ``src``'s value, with the locations and the raw text it has there."""
        self[key] = src[key]
        self.key_loc[key] = src.key_at(key)
        self.val_loc[key] = src.at(key)
        if key in src.raw:
            self.raw[key] = src.raw[key]
        else:
            self.raw.pop(key, None)


@final
class YList(list[YamlValue]):
    """A sequence that remembers where it and each item came from."""

    loc: Loc
    item_loc: list[Loc]
    raw: list[str | None]

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.item_loc = []
        self.raw = []

    def at(self, index: int) -> Loc:
        return self.item_loc[index] if 0 <= index < len(self.item_loc) else self.loc

    def add(self, item: YamlValue, loc: Loc, raw: str | None = None) -> None:
        """Append ``item`` read at ``loc``, with its source text ``raw`` (None: none)."""
        self.append(item)
        self.item_loc.append(loc)
        self.raw.append(raw)


def yaml11_hint(value: object) -> str:
    """A hint for text that YAML 1.1 tools read as a boolean or number (govmodel reads YAML 1.2),
    e.g. ``yes`` or ``5:40``; an empty string otherwise."""
    if not isinstance(value, str):
        return ""
    if _YAML11_BOOL.match(value):
        return f"{value} is text in YAML 1.2; write true or false"
    if _YAML11_NUMBER.match(value):
        return f"{value} is text in YAML 1.2, not a number; write the number in plain digits"
    return ""


def kind_of(v: object) -> str:
    """How a value reads to a person, for messages: "nothing", "a mapping", "5 (a number)"..."""
    if v is None:
        return "nothing"
    if isinstance(v, dict):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, bool):
        return f"{v!r} (a boolean)"
    if isinstance(v, (int, float)):
        return f"{v!r} (a number)"
    hint = yaml11_hint(v)
    return f"{str(v)!r} (text; {hint})" if hint else f"{str(v)!r} (text)"


def as_mapping(value: object, loc: Loc, what: str, problems: list[Problem]) -> YMap | None:
    """``value`` if it is a mapping; else None, with a located problem (``what`` names it)."""
    if isinstance(value, YMap):
        return value
    problems.append(
        Problem(loc, f"{what} must be a mapping (key: value lines); got {kind_of(value)}")
    )
    return None


def as_list(value: object, loc: Loc, what: str, problems: list[Problem]) -> YList:
    """``value`` if it is a list; empty if it is absent (None), or else with a located problem."""
    if isinstance(value, YList):
        return value
    if value is not None:
        problems.append(
            Problem(loc, f"{what} must be a list (lines starting with '- '); got {kind_of(value)}")
        )
    return YList(loc)


def mappings(lst: YList, what: str, problems: list[Problem]) -> Iterator[YMap]:
    """Each item of ``lst`` that is a mapping; an item that is not is reported and skipped."""
    for i, item in enumerate(lst):
        node = as_mapping(item, lst.at(i), what, problems)
        if node is not None:
            yield node


def unknown_keys(node: YMap, allowed: Iterable[str], problems: list[Problem], what: str) -> None:
    """Add a located problem (with a did-you-mean hint) for every key of ``node`` not in ``allowed``."""
    allowed = set(allowed)
    for key in node:
        if key not in allowed:
            problems.append(
                Problem(
                    node.key_at(key),
                    f"unknown key {key!r} in {what}{did_you_mean(str(key), allowed)}; {expected_one_of(allowed)}",
                )
            )
