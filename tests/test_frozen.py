"""``frozen_dataclass`` behaves as ``dataclass(frozen=True)``: the same classes declared both
ways give the same constructor signature, equality, hash, repr, refusals and helpers."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field
from typing import ClassVar

import pytest

from govmodel.frozen import frozen_dataclass


def declare(decorate):  # noqa: ANN001, ANN201 - a decorator, applied to the same bodies
    class Base:
        """A base with keyword-only fields (as govmodel's changes have)."""

        op: ClassVar[str] = "base"
        loc: str | None = field(default=None, compare=False, repr=False, kw_only=True)
        tags: tuple[str, ...] = field(default=(), kw_only=True)

    Base = decorate(Base)

    class Item(Base):
        name: str
        count: int = 0
        extra: dict[str, int] = field(default_factory=dict, compare=False)
        seen: list[str] = field(default_factory=list, hash=False)

        def __post_init__(self) -> None:
            object.__setattr__(self, "_checked", True)

    Item = decorate(Item)

    class OwnEq:
        value: int

        def __eq__(self, other: object) -> bool:
            return isinstance(other, OwnEq) and self.value % 10 == other.value % 10

        def __hash__(self) -> int:
            return self.value % 10

    OwnEq = decorate(OwnEq)

    class Empty:
        pass

    return Base, Item, decorate(Empty), OwnEq


REAL = declare(dataclass(frozen=True))
FAST = declare(frozen_dataclass)


def test_the_same_constructor_and_fields() -> None:
    for real, fast in zip(REAL, FAST, strict=True):
        assert str(inspect.signature(real)) == str(inspect.signature(fast))
        assert [
            (f.name, f.compare, f.hash, f.repr, f.kw_only) for f in dataclasses.fields(real)
        ] == [(f.name, f.compare, f.hash, f.repr, f.kw_only) for f in dataclasses.fields(fast)]
        assert getattr(real, "__match_args__", None) == getattr(fast, "__match_args__", None)


@pytest.mark.parametrize("kinds", [REAL, FAST], ids=["dataclass", "frozen_dataclass"])
def test_behaviour(kinds) -> None:  # noqa: ANN001
    Base, Item, Empty, OwnEq = kinds
    a = Item("x", 2, {"k": 1}, ["s"], loc="here", tags=("t",))
    b = Item("x", 2, {}, ["s"], loc="elsewhere", tags=("t",))
    assert a == b and hash(a) == hash((("t",), "x", 2))  # loc and extra are not compared
    assert a != Item("x", 3, tags=("t",)) and a != Base(tags=("t",))
    assert Item("y").extra == {} and Item("y").extra is not Item("y").extra
    assert a._checked is True  # __post_init__ ran
    assert (
        repr(a)
        == "test_frozen.declare.<locals>.Item(tags=('t',), name='x', count=2, extra={'k': 1}, seen=['s'])".replace(
            "test_frozen.", ""
        )
    )
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'name'"):
        a.name = "z"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.other = 1  # a new attribute is refused too
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'count'"):
        del a.count
    c = dataclasses.replace(a, count=5)
    assert c.count == 5 and c.name == "x" and c.loc == "here" and c != a
    assert Empty() == Empty() and hash(Empty()) == hash(())
    assert OwnEq(3) == OwnEq(13) and hash(OwnEq(13)) == 3  # a class's own methods are kept
    with pytest.raises(TypeError):
        Item()  # name is required
    with pytest.raises(TypeError):
        Item("x", 1, {}, [], "loc")  # loc is keyword-only


def test_repr_is_the_dataclass_repr() -> None:
    real, fast = REAL[1], FAST[1]
    args = ("x", 2, {"k": 1}, ["s"])
    assert repr(real(*args, tags=("t",))) == repr(fast(*args, tags=("t",)))
