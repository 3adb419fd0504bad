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
* a :class:`Scenario` re-runs it with changed ratings (:class:`Ratings`), grid, budget,
  funding rules, selection, journal or consensus values (:class:`Consensus`);
* :class:`Call`, :class:`LoadedGrid` and :class:`Grid` are what the loaders return,
  :class:`IsgridError` (:class:`CallError`, :class:`GridError`, :class:`UsageError`)
  what they raise, each with its :class:`Diagnostic` list;
* :func:`decide`, :func:`withdraw`, :func:`set_consensus` and :func:`cancel_entry`
  record the séance in the call's journal, with every check the commands make
  (:class:`Recorded`).

The names are imported on first use (PEP 562), so that ``import isgrid`` and the
command line's ``--help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Budget",
    "Call",
    "CallError",
    "Consensus",
    "Diagnostic",
    "DossierResult",
    "Grid",
    "GridError",
    "IsgridError",
    "LoadedGrid",
    "Ratings",
    "Recorded",
    "Result",
    "Scenario",
    "UsageError",
    "__version__",
    "cancel_entry",
    "decide",
    "load_call",
    "load_grid",
    "score",
    "set_consensus",
    "withdraw",
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
    "Call": "isgrid.call.model",
    "Consensus": "isgrid.call.model",
    "LoadedGrid": "isgrid.grid.load",
    "Grid": "isgrid.grid.model",
    "IsgridError": "isgrid.errors",
    "CallError": "isgrid.errors",
    "GridError": "isgrid.errors",
    "UsageError": "isgrid.errors",
    "Diagnostic": "isgrid.errors",
    "Recorded": "isgrid.journal",
    "decide": "isgrid.journal",
    "withdraw": "isgrid.journal",
    "set_consensus": "isgrid.journal",
    "cancel_entry": "isgrid.journal",
}

if TYPE_CHECKING:
    from .call.load import load_call
    from .call.model import Call, Consensus
    from .engine import Budget, DossierResult, Ratings, Result, Scenario, score
    from .errors import CallError, Diagnostic, GridError, IsgridError, UsageError
    from .grid.load import LoadedGrid, load_grid
    from .grid.model import Grid
    from .journal import Recorded, cancel_entry, decide, set_consensus, withdraw


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
