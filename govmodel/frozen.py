"""Immutable building blocks of the model's values: frozen dataclasses made cheaply, a
read-only hashable mapping, a deep freeze of plain data, and a lookup by key in a tuple of values.

>>> find((FrozenMap({"id": "a"}), FrozenMap({"id": "b"})), lambda m: m["id"] == "b", "b")
FrozenMap({'id': 'b'})
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar, cast, dataclass_transform

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")
C = TypeVar("C", bound=type)


@dataclass_transform(
    eq_default=True, frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field)
)
def frozen_dataclass(cls: C) -> C:
    """``@dataclass(frozen=True)`` at a sixth of its cost at import, with the same behaviour.

    ``dataclasses`` compiles six methods for each frozen class (``__init__``, ``__repr__``,
    ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``), one ``exec`` each; for the
    model's sixty-odd value types that was about an eighth of a ``govmodel power`` run. Here only
    ``__init__`` is compiled (it must be fast: the loader makes thousands of values); the others
    are shared functions over the class's fields that do what the generated ones do: equality of
    the same class by the compared fields, their hash, the same ``repr``, and
    :class:`dataclasses.FrozenInstanceError` on assignment or deletion. ``fields``, ``replace``
    and ``__match_args__`` work as for any dataclass (tests/test_frozen.py compares the two).

    >>> @frozen_dataclass
    ... class P:
    ...     x: int
    ...     y: int = 0
    >>> P(1) == P(1, 0), P(1), hash(P(1)) == hash(P(1, 0))
    (True, P(x=1, y=0), True)
    """
    own = dict(cls.__dict__)
    made: Any = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    fields = dataclasses.fields(made)
    names = frozenset(f.name for f in fields)
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.hash is None and f.compare) or f.hash)
    shown = tuple(f.name for f in fields if f.repr)
    made.__init__ = _init_fn(made, fields)
    if "__repr__" not in own:
        made.__repr__ = _repr_fn(shown)
    if "__eq__" not in own:
        key = _getter(compared)

        def __eq__(self: object, other: object) -> bool:
            if other.__class__ is self.__class__:
                return bool(key(self) == key(other))
            return NotImplemented

        made.__eq__ = __eq__
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if not explicit_hash:
        hkey = _getter(hashed)
        made.__hash__ = _hash_fn(hkey)

    def __setattr__(self: object, name: str, value: object) -> None:
        if type(self) is made or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(made, self).__setattr__(name, value)

    def __delattr__(self: object, name: str) -> None:
        if type(self) is made or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(made, self).__delattr__(name)

    for name, fn in (("__setattr__", __setattr__), ("__delattr__", __delattr__)):
        if name in own:
            raise TypeError(f"Cannot overwrite attribute {name} in class {made.__name__}")
        fn.__qualname__ = f"{made.__qualname__}.{name}"
        setattr(made, name, fn)
    return cast(C, made)


def _getter(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """The tuple of the attributes ``names`` of an object (always a tuple, as dataclasses
    compares and hashes)."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _hash_fn(key: Callable[[object], tuple[Any, ...]]) -> Callable[[object], int]:
    def __hash__(self: object) -> int:
        return hash(key(self))

    return __hash__


def _repr_fn(names: tuple[str, ...]) -> Callable[[object], str]:
    def __repr__(self: object) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


_MISSING = dataclasses.MISSING


class _HasFactory:
    """The default of a parameter whose field has a ``default_factory``."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _HasFactory()


def _init_fn(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """The ``__init__`` a frozen dataclass would have (positional fields, then keyword-only
    ones; defaults and default factories; ``__post_init__`` last), compiled once."""
    env: dict[str, Any] = {"_setattr": object.__setattr__, "_FACTORY": _FACTORY}
    params: list[str] = []
    kw_only: list[str] = []
    body: list[str] = []
    for f in fields:
        if not f.init:
            raise TypeError(f"frozen_dataclass: field {f.name} with init=False is not supported")
        param = f.name
        if f.default is not _MISSING:
            env[f"_dflt_{f.name}"] = f.default
            param += f"=_dflt_{f.name}"
            body.append(f"_setattr(self, {f.name!r}, {f.name})")
        elif f.default_factory is not _MISSING:
            env[f"_fact_{f.name}"] = f.default_factory
            param += "=_FACTORY"
            body.append(
                f"_setattr(self, {f.name!r}, _fact_{f.name}() if {f.name} is _FACTORY else {f.name})"
            )
        else:
            body.append(f"_setattr(self, {f.name!r}, {f.name})")
        (kw_only if f.kw_only else params).append(param)
    if kw_only:
        params += ["*", *kw_only]
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    source = f"def __init__(self{''.join(', ' + p for p in params)}):\n" + "".join(
        f"    {line}\n" for line in body or ["pass"]
    )
    exec(source, env)  # noqa: S102 - the source is made above from the field names only
    init: Callable[..., None] = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {**{f.name: f.type for f in fields}, "return": None}
    return init


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
