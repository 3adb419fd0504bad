"""isgrid: French social-innovation characterisation grids as declarative files.

The library API is small (docs/api.md)::

    import isgrid

    call = isgrid.load_call("examples/alsace-2016")
    result = isgrid.score(call)              # the whole pipeline, journal included
    result.current.committed                 # the money committed now
    result.to_json()                         # what `isgrid score --format json` writes

* :func:`load_grid` reads and resolves a grid; :func:`load_call` reads a call folder;
* :func:`score` runs the pipeline (aggregate, eligibility, judge, rank, select,
  decide) and returns a typed, frozen :class:`Result`;
* a :class:`Scenario` re-runs it with changed ratings (:class:`Ratings`), grid, budget
  or journal.

The names are imported on first use (PEP 562), so that ``import isgrid`` and the
command line's ``--help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Budget",
    "DossierResult",
    "Ratings",
    "Result",
    "Scenario",
    "__version__",
    "load_call",
    "load_grid",
    "score",
]

#: public name -> the module that defines it
_WHERE = {
    "Budget": "isgrid.engine",
    "DossierResult": "isgrid.engine",
    "Ratings": "isgrid.engine",
    "Result": "isgrid.engine",
    "Scenario": "isgrid.engine",
    "score": "isgrid.engine",
    "load_call": "isgrid.call.load",
    "load_grid": "isgrid.grid.load",
}

if TYPE_CHECKING:
    from .call.load import load_call
    from .engine import Budget, DossierResult, Ratings, Result, Scenario, score
    from .grid.load import load_grid


def __getattr__(name: str) -> Any:
    """The public names, imported when first asked for."""
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'isgrid' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(where), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
