"""The change values: one frozen dataclass per kind of change to a model.

A change says *what* changes (a holding, a rule, a relation's strength, who attends ...), never
how the model is rebuilt; :mod:`govmodel.changes.tree` applies it. Each value carries the
location it was read from (``loc``, not part of its equality: the same change read from two
files is the same change) so that a change that does not fit the model is reported at the
scenario's line.

Entries that are model text (an organ to add, a share class, the provenance of a holding) are
kept as :class:`Fields`: an ordered, hashable mapping of plain values (str, int, bool, None,
:class:`~fractions.Fraction` for decimals read exactly, tuples and nested Fields).

>>> SetHolding("ks", shares=30000) == SetHolding("ks", shares=30000, loc=Loc("s.yaml", 3, 5))
True
>>> RevokeProxies().op, RevokeProxies(("ks",)).which
('revoke_proxies', ('ks',))
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import field
from fractions import Fraction
from typing import ClassVar, Generic, TypeVar, Union

from govmodel.errors import Loc
from govmodel.frozen import frozen_dataclass

LIST_SECTIONS = ("actors", "groups", "organs", "relations", "documents")
STRENGTHS = ("advisory", "adopt_or_return", "binding")
ORDERS = ("largest_first", "smallest_first")

T = TypeVar("T")
Value = Union[str, int, bool, None, Fraction, "Fields", tuple["Value", ...]]


class Fields(Mapping[str, Value]):
    """An ordered, immutable, hashable mapping of plain values, with the location of each value
    (locations are not part of equality).

    >>> f = Fields.of({"assumption": "what-if"})
    >>> f["assumption"], f == Fields.of({"assumption": "what-if"}), hash(f) == hash(Fields.of(f))
    ('what-if', True, True)
    """

    __slots__ = ("_items", "_locs", "_hash")

    def __init__(
        self, items: tuple[tuple[str, Value], ...] = (), locs: tuple[Loc | None, ...] = ()
    ) -> None:
        self._items = tuple(items)
        self._locs = tuple(locs) if locs else (None,) * len(self._items)
        self._hash: int | None = None

    @classmethod
    def of(cls, mapping: Mapping[str, object] | None = None, **kw: object) -> Fields:
        """Fields from a plain mapping (nested dicts and lists frozen)."""
        data = {**(mapping or {}), **kw}
        return cls(tuple((str(k), freeze(v)) for k, v in data.items()))

    def __getitem__(self, key: str) -> Value:
        for k, v in self._items:
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (k for k, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Fields):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self._items)
        return self._hash

    def __repr__(self) -> str:
        return f"Fields({dict(self._items)!r})"

    def loc(self, key: str) -> Loc | None:
        """Where the value of ``key`` was read (None when made in code)."""
        for (k, _), loc in zip(self._items, self._locs, strict=True):
            if k == key:
                return loc
        return None

    def without(self, *keys: str) -> Fields:
        kept = [
            (kv, loc) for kv, loc in zip(self._items, self._locs, strict=True) if kv[0] not in keys
        ]
        return Fields(tuple(kv for kv, _ in kept), tuple(loc for _, loc in kept))

    def plain(self) -> dict[str, object]:
        """The fields as plain dicts and lists."""
        return {k: thaw(v) for k, v in self._items}


def freeze(value: object) -> Value:
    """A plain value (dicts, lists, scalars) as a hashable :data:`Value`."""
    if isinstance(value, Fields):
        return value
    if isinstance(value, Mapping):
        return Fields(tuple((str(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    if isinstance(value, float):
        raise TypeError("floats are not exact; use a Fraction or a string such as '1/3'")
    if value is None or isinstance(value, str | int | bool | Fraction):
        return value
    raise TypeError(f"not a plain value: {value!r}")


def thaw(value: Value) -> object:
    """A :data:`Value` as plain dicts and lists."""
    if isinstance(value, Fields):
        return value.plain()
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


NO_FIELDS = Fields()


@frozen_dataclass
class Change:
    """A change to a model; ``op`` is its name in a scenario file. ``loc`` is where it was
    read; ``parts`` where its parts were (``"rule"``, ``"organs/0"``, ``"absent/2"`` ...), so
    that a problem points at the id that is wrong. Neither is part of equality."""

    op: ClassVar[str] = ""
    loc: Loc | None = field(default=None, compare=False, repr=False, kw_only=True)
    parts: tuple[tuple[str, Loc], ...] = field(default=(), compare=False, repr=False, kw_only=True)

    def __init_subclass__(cls, op: str = "", **kwargs: object) -> None:
        # ``class SetRule(Change, op="set_rule")``: the op is named where the kind is declared
        super().__init_subclass__(**kwargs)
        if op:
            cls.op = op

    def where(self, part: str) -> Loc | None:
        """Where ``part`` of the change was read (else where the change was, or None)."""
        for name, loc in self.parts:
            if name == part:
                return loc
        return self.loc


# -- ownership ----------------------------------------------------------------------------------


@frozen_dataclass
class HoldingChange(Change):
    """A holding: ``holder`` (an actor, or a group whose block is apportioned, ``group=True``),
    its ``shares`` and other fields (``class``, ``allocate``, ``exclude``, ``assumption`` ...)."""

    holder: str
    shares: int | None = None
    group: bool = False
    fields: Fields = NO_FIELDS


class SetHolding(HoldingChange, op="set_holding"):
    """Change an owner's holding (the fields given; the others are kept)."""


class AddHolding(HoldingChange, op="add_holding"):
    """A new owner's holding."""


@frozen_dataclass
class RemoveHolding(Change, op="remove_holding"):
    """The holding of ``holder`` is removed (the share capital is not changed)."""

    holder: str


@frozen_dataclass
class SetShareCapital(Change, op="share_capital"):
    shares: int


@frozen_dataclass
class SetShareClasses(Change, op="share_classes"):
    """Replace the company's share classes (each like ``{id: a, votes_per_share: 1}``)."""

    classes: tuple[Fields, ...]


@frozen_dataclass
class OwnerLeaves(Change, op="owner_leaves"):
    """An owner leaves: a single holder's shares are redeemed (the share capital shrinks); a
    member of an apportioned group is excluded and the block re-apportioned among the rest."""

    owner: str


# -- meetings -----------------------------------------------------------------------------------


@frozen_dataclass
class SetTurnout(Change, op="turnout"):
    """Who attends ``organ``: ``absent`` or ``present`` players (actors or groups), or of
    ``group`` the ``fraction`` present, the largest or smallest holders first (``order``);
    ``abstain``: players present but abstaining (counted in the capital represented, not in the
    votes cast: aksjeloven §§ 5-17, 5-18)."""

    organ: str
    absent: tuple[str, ...] | None = None
    present: tuple[str, ...] | None = None
    group: str | None = None
    fraction: Fraction | None = None
    order: str | None = None
    fields: Fields = NO_FIELDS
    abstain: tuple[str, ...] | None = None


@frozen_dataclass
class RevokeProxies(Change, op="revoke_proxies"):
    """Proxies revoked: all (``which=None``), or those with these relation ids or givers."""

    which: tuple[str, ...] | None = None


# -- organs, rules and relations ------------------------------------------------------------------


@frozen_dataclass
class SetRule(Change, op="set_rule"):
    """The rule of ``organ``'s ``decision`` (a rule text such as ``"2/3 of votes_cast"``);
    without ``source`` or ``assumption`` in ``fields`` it is marked as changed by a scenario."""

    organ: str
    decision: str
    rule: Value
    fields: Fields = NO_FIELDS


@frozen_dataclass
class SetRelation(Change, op="set_relation"):
    """Change a relation's fields; ``strength`` of a recommendation (advisory,
    adopt_or_return, binding) is the common case."""

    relation: str
    strength: str | None = None
    fields: Fields = NO_FIELDS


@frozen_dataclass
class Sections(Change, Generic[T]):
    """Something for each of the model's list sections (entries, or ids to remove)."""

    actors: tuple[T, ...] = ()
    groups: tuple[T, ...] = ()
    organs: tuple[T, ...] = ()
    relations: tuple[T, ...] = ()
    documents: tuple[T, ...] = ()

    def by_section(self) -> tuple[tuple[str, tuple[T, ...]], ...]:
        """Each list section, in :data:`LIST_SECTIONS` order, with what the change has for it.

        >>> Remove(organs=("styre",)).by_section()[2]
        ('organs', ('styre',))
        """
        return (
            ("actors", self.actors),
            ("groups", self.groups),
            ("organs", self.organs),
            ("relations", self.relations),
            ("documents", self.documents),
        )


class Entries(Sections[Fields]):
    """Entries of the model's lists, by section (the base of :class:`Add` and :class:`Replace`)."""


class Add(Entries, op="add"):
    """Entries added to the model's lists (an organ, a relation, an actor ...)."""


class Replace(Entries, op="replace"):
    """Entries replaced by id (an organ of the company-form template may be overridden)."""


class Remove(Sections[str], op="remove"):
    """Entries removed by id; relations from or to a removed organ or actor go with it.

    >>> Remove(organs=("representasjonsraad",)).organs
    ('representasjonsraad',)
    """


def RemoveOrgan(organ: str, *, loc: Loc | None = None) -> Remove:  # noqa: N802 - a value maker
    """The change that removes one organ (and the relations from or to it)."""
    return Remove(organs=(organ,), loc=loc)


CHANGE_TYPES: tuple[type[Change], ...] = (
    SetHolding,
    AddHolding,
    RemoveHolding,
    SetShareCapital,
    SetShareClasses,
    OwnerLeaves,
    Add,
    Replace,
    Remove,
    SetRule,
    SetRelation,
    RevokeProxies,
    SetTurnout,
)
OPS: tuple[str, ...] = tuple(t.op for t in CHANGE_TYPES)
BY_OP: Mapping[str, type[Change]] = {t.op: t for t in CHANGE_TYPES}
