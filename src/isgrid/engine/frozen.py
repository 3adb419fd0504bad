"""``@record``: the engine's frozen dataclasses, made about four times faster to construct.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``
(its own ``__setattr__`` refuses changes), about 0.3 µs a field.  A national
call builds 20,000 of each per-dossier record (a candidate, a proposal, a
decided dossier, a :class:`~isgrid.engine.result.DossierResult` of twenty
fields): about 0.2 s of a scoring's 1.7 s went into those assignments.

``@record`` is ``@dataclass(frozen=True, slots=True)`` (the same class: its
equality, hash, repr, ``dataclasses.replace``, pickling and copies are the
dataclass's own, and it still refuses every change) with one difference, how an
instance is made: as an instance of a private *mutable* twin of the class with the
same slots, whose plain slots its ``__new__`` assigns (fast), after which the
instance's class is set to the frozen one.  Python allows that assignment
between two classes whose instances have the same layout (the same slots, in
the same order, on the same base), which is checked once when the class is
decorated.  This is the only place the trick lives (``tests/engine/test_frozen.py``).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True)  # type checkers see the dataclass it is
def record(cls: type[T]) -> type[T]:
    """``@dataclass(frozen=True, slots=True)``, constructed fast (module docstring)."""
    made: Any = dataclasses.dataclass(frozen=True, slots=True)(cls)
    fields = dataclasses.fields(made)
    if hasattr(made, "__post_init__") or any(
            not f.init or f.kw_only or f.name in ("self", "cls", "_FACTORY", "_new", "_twin",
                                                  "_made")
            or f.name.startswith(("_default_", "_factory_")) for f in fields):
        raise TypeError(f"@record: {made.__name__} has __post_init__, a field out of "
                        "__init__, a keyword-only field or a field name its constructor "
                        "uses (build it with @dataclass(frozen=True, slots=True))")
    twin: Any = type(made.__name__, (), {"__slots__": made.__slots__})
    if twin.__slots__ != made.__slots__ or twin.__basicsize__ != made.__basicsize__:
        raise TypeError(f"@record: {made.__name__} does not have the layout of its twin")
    names = tuple(f.name for f in fields)

    def __reduce__(self: Any) -> tuple[Any, ...]:
        """Copies and pickles made by the constructor too (a bare ``cls.__new__(cls)``
        would be refused by the constructor, which asks for every field without a
        default)."""
        return (made, tuple(getattr(self, n) for n in names))

    def __init_subclass__(cls: Any, /, **kwargs: Any) -> None:
        raise TypeError(f"@record: {made.__name__} cannot be subclassed")

    made.__new__ = _constructor(made, twin, fields)
    # Nothing left for ``__init__`` to do: object's own, which accepts the arguments
    # because ``__new__`` is overridden (and costs no call of a Python function).
    del made.__init__
    made.__reduce__ = __reduce__
    made.__init_subclass__ = classmethod(__init_subclass__)
    return made  # type: ignore[no-any-return]


_FACTORY: Any = object()  # a field's default made by its factory, as the dataclass does


def _constructor(made: Any, twin: Any, fields: tuple[dataclasses.Field[Any], ...]) -> Any:
    """``made``'s ``__new__``: a new instance of the mutable ``twin`` (the same slots),
    each field assigned as a plain slot, then made an instance of ``made``.

    Written here rather than by ``dataclasses`` (a second dataclass costs every process
    about a millisecond a class at import; this, a tenth of that), in one function whose
    parameters are the dataclass's own (names, order, defaults, default factories): no
    call of the twin, nor its arguments passed on (half the work of an instance, counted
    in instructions: docs/performance.md, « Session 22 »)."""
    params: list[str] = []
    lines: list[str] = [" self = _new(_twin)"]
    env: dict[str, Any] = {"_FACTORY": _FACTORY, "_new": object.__new__, "_twin": twin,
                           "_made": made}
    for f in fields:
        name = f.name
        if f.default is not dataclasses.MISSING:
            env[f"_default_{name}"] = f.default
            params.append(f"{name}=_default_{name}")
        elif f.default_factory is not dataclasses.MISSING:
            env[f"_factory_{name}"] = f.default_factory
            params.append(f"{name}=_FACTORY")
            lines.append(f" if {name} is _FACTORY: {name} = _factory_{name}()")
        else:
            params.append(name)
        lines.append(f" self.{name} = {name}")
    lines += [" self.__class__ = _made  # the same slots: see the module docstring",
              " return self"]
    exec(f"def __new__(cls, {', '.join(params)}):\n" + "\n".join(lines),
         env)  # the text is made above from the dataclass's own field names
    new = env["__new__"]
    # what a dataclass says of a missing argument: « DossierResult.__init__() missing… »
    new.__qualname__ = f"{made.__name__}.__init__"
    return new


__all__ = ["record"]
