"""Portfolio constraints of ``call.yaml``: their models, and the CLI's warnings about them.

``constraints`` is a list; each item has an ``id``, an optional French ``label``,
a ``kind``, and reads one dossier fact (a dotted path; a list fact matches when
any of its items does):

* ``min`` -- at least ``count`` laureates whose ``fact`` equals ``value``
  (a territory, a theme): ``{id: rural, kind: min, fact: territory,
  value: rural, count: 2}``;
* ``max`` -- at most ``count`` laureates whose ``fact`` equals ``value``; without
  ``value``, at most ``count`` per distinct value of the fact (per holder, per
  structure type): ``{id: one-per-holder, kind: max, fact: holder, count: 1}``;
* ``envelope`` -- a sub-envelope for the dossiers whose ``fact`` equals
  ``value`` (a priority): at most ``max_amount`` and/or at least ``min_amount``
  of money granted to them.

The models live in :mod:`isgrid.call.blocks` (validated with the rest of
call.yaml; :func:`parse_constraints` validates a raw list); the selection that honours them is the engine's one walk
(:func:`isgrid.engine.select.walk`: minimums first, then the ranking, every
choice explained), and :meth:`isgrid.engine.Result.constraint_warnings` names
those no selection could meet; docs/decisions.md gives worked cases.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..errors import CallError, Collector, Diagnostic, Location, Message, Quote
from ..grid.facts import fact_spec
from ..grid.model import Grid
from ..validation import pydantic_message
from .block_hints import block_hint
from .blocks import AnyConstraint, ConstraintList

# The models live with the other call.yaml blocks (validated when call.yaml is loaded);
# imported here under their old names.
from .blocks import Constraint as Constraint
from .blocks import Constraints as Constraints
from .blocks import Envelope as Envelope
from .blocks import MaxCount as MaxCount
from .blocks import MinCount as MinCount
from .blocks import Scalar as Scalar

_ADAPTER_LOCK = threading.Lock()
_adapter: TypeAdapter[list[AnyConstraint]] | None = None


def _constraints_adapter() -> TypeAdapter[list[AnyConstraint]]:
    """The validator of a raw ``constraints`` list, built on first use (a call without
    constraints never needs it: 1.5 to 5 ms of every ``isgrid score``, built at import
    until session 21), once, under a lock: two threads never build it at once (a
    pydantic build is not thread-safe in every version isgrid allows, see
    :func:`isgrid.web.server.build_deferred_models`)."""
    global _adapter
    with _ADAPTER_LOCK:
        if _adapter is None:
            _adapter = TypeAdapter(ConstraintList)
        return _adapter


def check_constraint_facts(grid: Grid, constraints: Sequence[Constraint],
                           where: Callable[[int], Location], diags: Collector) -> None:
    """Each constraint reads a fact the grid (with the call's ``set:``) declares: a
    constraint on an undeclared fact (a misspelt ``territoir``) matches no dossier, and
    the selection would silently go on without it (review rev-money F4).  ``where(i)``:
    the i-th constraint's ``fact`` in call.yaml."""
    for i, c in enumerate(constraints):
        if fact_spec(grid.facts, c.fact) is None:
            known = ", ".join(sorted(grid.facts)[:12]) or "-"
            diags.add("unknown-fact", Message(
                "the constraint {ident} reads the fact {fact}, which the grid does not "
                "declare", ident=Quote(c.id), fact=Quote(c.fact)), where(i),
                hint=Message("Declared facts: {known}. Correct the name, or declare the fact "
                             "(set: facts.{fact}: {{type: string}} in call.yaml).",
                             known=known, fact=c.fact))


def parse_constraints(raw: Sequence[Mapping[str, Any] | AnyConstraint] | None,
                      file: str = "call.yaml") -> list[AnyConstraint]:
    """``constraints`` as models (raw dicts validated); raise CallError naming each problem.

    A loaded call's ``config.constraints`` is already validated (and located by
    ``isgrid call check``); its models are returned as they are.
    """
    if not raw:
        return []
    try:
        return list(_constraints_adapter().validate_python(list(raw)))
    except ValidationError as exc:
        diags = []
        for e in exc.errors():
            loc = tuple(e["loc"])
            path = _key_path(loc)
            diags.append(Diagnostic("call-invalid", Message("{path}: {error}", path=path,
                                                            error=pydantic_message(e)),
                                    Location(file, key_path=path),
                                    hint=block_hint(("constraints", *loc))))
        raise CallError("constraints in call.yaml have errors", diags) from None


def _key_path(loc: tuple[Any, ...]) -> str:
    """``constraints[0].count`` from pydantic's ``(0, 'min', 'count')`` (no union tag)."""
    out = "constraints"
    for i, p in enumerate(loc):
        if i == 1 and p in ("min", "max", "envelope"):
            continue
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out
