"""What a diagnostic code is: :class:`CodeInfo`, the entry of the catalog
(:mod:`isgrid.diagnostic_codes`), in a module of its own so that the catalog's parts
(:mod:`isgrid.diagnostic_codes_grid`) import it without a circle."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class CodeInfo:
    """What a diagnostic code means, for the catalog and the exit code."""

    title: str
    kind: Literal["grid", "data", "usage"]
    hint: str = ""
    #: a warning only the check commands say (``isgrid call check``, ``isgrid grids
    #: check``): the file is read all the same and the user can do nothing but convert
    #: it, so every other command reads on quietly (and ``--strict`` does not count it)
    check_only: bool = False
    #: a warning the séance's commands leave out (``decide``, ``consensus set``,
    #: ``withdraw``, ``decisions``, ``minutes``: :meth:`isgrid.cli.base.State.handle_warnings`
    #: with ``seance``): there is nothing to do about it there, and said before every answer
    #: it made the secretariat stop and read whether the decision had a problem; ``call
    #: check``, ``score`` and the import that meets it say it (``--strict`` does not count it
    #: in the séance's commands either)
    seance_quiet: bool = False
    #: the hint when the problem is in another file than call.yaml (a dossier's file, a
    #: table of dossiers): it names that file, ``{file}``, rather than call.yaml's keys
    file_hint: str = ""
