"""``assignments.csv``: who rates what (written by ``isgrid assign``).

Two readers read it, for different needs: the loader, fast and without diagnostics,
to warn about the ratings still missing (:mod:`isgrid.call.load`), and the jury's
modules, with a diagnostic per row that names no known dossier or assessor
(:func:`isgrid.jury.common.read_assignments`).  What its rows mean is written once,
here (:func:`by_assessor`), and both call it.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..io.folder import ASSIGNMENTS_FILE


def by_assessor(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``(assessor, dossier)`` rows as assessor -> dossiers, each in the order of its
    first row.

    A pair counts once: a row repeated (by hand, or two files pasted together) is
    the same assignment, not a second dossier to rate.  A row with a blank cell
    assigns nothing.
    """
    out: dict[str, list[str]] = {}
    # dict.fromkeys keeps each pair's first row, in order, in one pass of C (a set and
    # a test per row took twice as long: 0.07 s for a national call's 80,000 rows)
    for assessor, dossier in dict.fromkeys(pairs):
        if assessor and dossier:
            dossiers = out.get(assessor)
            if dossiers is None:
                out[assessor] = [dossier]
            else:
                dossiers.append(dossier)
    return out


__all__ = ["ASSIGNMENTS_FILE", "by_assessor"]
