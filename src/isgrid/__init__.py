"""isgrid: French social-innovation characterisation grids as declarative files.

The library API is small: :func:`isgrid.grids.load_grid` reads and resolves a
grid; :func:`isgrid.calls.load_call` reads a call folder; :func:`isgrid.engine.score`
turns a call into a :class:`isgrid.result.CallResult`.  The CLI is a thin layer
over these.
"""

__version__ = "0.1.0"
