"""The command line: parse arguments, call one library function, report.

Nothing here computes.  The package holds one module per command group
(``grids``, ``call``, ``score``, ``report``, ``decisions``, ``jury``, ...), the
root group and ``main()`` in :mod:`isgrid.cli.main` (with the one table that
registers every command, imported on first use so that ``isgrid --help`` stays
fast), the run's state and the error handling shared by every command in
:mod:`isgrid.cli.base`, and the options many commands share in
:mod:`isgrid.cli.options`.  Library errors (:class:`isgrid.errors.IsgridError`)
become ``Error:`` lines on stderr with the documented exit code; a traceback is
shown only with ``--debug``.  Heavy modules are imported inside commands.
"""

from .main import cli, main

__all__ = ["cli", "main"]
