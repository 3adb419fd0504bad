"""``@record`` (isgrid.engine.frozen): a frozen dataclass, only constructed faster."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import field

import pytest

from isgrid.engine.frozen import record
from isgrid.engine.result import DossierResult
from isgrid.engine.select import Candidate


@record
class Point:
    x: int
    y: int = 2
    tags: list[str] = field(default_factory=list)

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)


def test_fields_defaults_and_factories() -> None:
    p = Point(1)
    assert (p.x, p.y, p.tags) == (1, 2, [])
    assert Point(1).tags is not Point(1).tags  # a new list each time, as the dataclass
    assert Point(x=3, y=-4).norm1() == 7
    assert type(p) is Point and isinstance(p, Point)


def test_frozen_as_the_dataclass() -> None:
    p = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 5  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.y  # type: ignore[misc]
    # no new attribute either (Python 3.11's frozen slotted dataclass refuses it with a
    # TypeError from its own __setattr__, newer ones with an AttributeError)
    with pytest.raises((AttributeError, TypeError)):
        p.z = 1  # type: ignore[attr-defined]
    assert not hasattr(p, "__dict__")


def test_equality_hash_repr_replace() -> None:
    assert Point(1, 2) == Point(1, 2) != Point(1, 3)
    assert hash(Point(1, 2, ())) == hash(Point(1, 2, ()))  # type: ignore[arg-type]
    assert repr(Point(1)) == "Point(x=1, y=2, tags=[])"
    q = dataclasses.replace(Point(1, 5), x=7)
    assert (q.x, q.y, type(q)) == (7, 5, Point)
    assert [f.name for f in dataclasses.fields(Point)] == ["x", "y", "tags"]


def test_wrong_arguments_are_refused_as_the_dataclass_refuses_them() -> None:
    with pytest.raises(TypeError, match=r"Point.__init__\(\) missing 1 required"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
        Point(1, z=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, 2, [], 4)  # type: ignore[call-arg]


def test_copies_and_pickles() -> None:
    p = Point(1, 2, ["a"])
    for made in (copy.copy(p), copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
        assert made == p and type(made) is Point
    deep = copy.deepcopy(p)
    assert deep.tags is not p.tags


def test_refused_where_the_trick_does_not_hold() -> None:
    with pytest.raises(TypeError, match="__post_init__"):
        @record
        class WithPost:
            a: int

            def __post_init__(self) -> None:
                pass
    with pytest.raises(TypeError, match="out of"):
        @record
        class NotInInit:
            a: int = field(init=False, default=0)
    with pytest.raises(TypeError, match="keyword-only"):
        @record
        class KeywordOnly:
            a: int = field(kw_only=True, default=0)
            b: int = 0
    with pytest.raises(TypeError, match="field name"):
        @record
        class NamedSelf:
            self: int
    with pytest.raises(TypeError, match="cannot be subclassed"):
        class Sub(Point):
            pass


def test_the_engine_types_are_records() -> None:
    """The per-dossier types the engine builds 20,000 of go through @record."""
    c = Candidate("D1", 1, 1000.0, True)
    assert c.facts == {} and c == Candidate("D1", 1, 1000.0, True, {})
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.rank = 2  # type: ignore[misc]
    assert "__new__" in vars(DossierResult) and "__new__" in vars(Candidate)
