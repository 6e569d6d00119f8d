"""Immutable building blocks of the model's values: a read-only hashable mapping, a deep
freeze of plain data, and a lookup by key in a tuple of values.

>>> find((FrozenMap({"id": "a"}), FrozenMap({"id": "b"})), lambda m: m["id"] == "b", "b")
FrozenMap({'id': 'b'})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


def find(items: Iterable[T], match: Callable[[T], bool], key: str) -> T:
    """The first of ``items`` that ``match`` accepts; ``KeyError(key)`` when there is none."""
    for x in items:
        if match(x):
            return x
    raise KeyError(key)


class FrozenMap(Mapping[K, V]):
    """A read-only, hashable mapping (insertion order kept): the mappings of a :class:`Model`.

    Equal to any mapping with the same items; its hash ignores order, as equality does.

    >>> m = FrozenMap({"a": 1})
    >>> m["a"], hash(m) == hash(FrozenMap({"a": 1})), m == {"a": 1}
    (1, True, True)
    """

    __slots__ = ("_d", "_h")

    def __init__(self, data: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._d: dict[K, V] = dict(data)
        self._h: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._d[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __contains__(self, key: object) -> bool:
        return key in self._d

    def __hash__(self) -> int:
        if self._h is None:
            self._h = hash(frozenset(self._d.items()))
        return self._h

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._d == other._d
        if isinstance(other, Mapping):
            return self._d == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._d!r})"

    def __reduce__(self) -> tuple[type[FrozenMap[K, V]], tuple[dict[K, V]]]:
        return (FrozenMap, (self._d,))


def freeze(value: object) -> object:
    """A deeply immutable, hashable copy of plain data: mappings become :class:`FrozenMap`,
    lists and tuples tuples, sets frozensets; scalars stay as they are."""
    if isinstance(value, FrozenMap):
        return value
    if isinstance(value, Mapping):
        return FrozenMap((k, freeze(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(freeze(v) for v in value)
    return value
