"""``assignments.csv``: who rates what (written by ``isgrid assign``).

Two readers read it, for different needs: the loader, fast and without diagnostics,
to warn about the ratings still missing (:mod:`isgrid.call.load`), and the jury's
modules, with a diagnostic per row that names no known dossier or assessor
(:func:`isgrid.jury.common.read_assignments`).  What its rows mean is written once,
here (:func:`by_assessor`), and both call it.
"""

from __future__ import annotations

from collections.abc import Iterable

ASSIGNMENTS_FILE = "assignments.csv"


def by_assessor(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``(assessor, dossier)`` rows as assessor -> dossiers, each in the order of its
    first row.

    A pair counts once: a row repeated (by hand, or two files pasted together) is
    the same assignment, not a second dossier to rate.  A row with a blank cell
    assigns nothing.
    """
    out: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()  # a set, not a scan of each list: linear at 20,000
    for assessor, dossier in pairs:
        if assessor and dossier and (assessor, dossier) not in seen:
            seen.add((assessor, dossier))
            out.setdefault(assessor, []).append(dossier)
    return out


__all__ = ["ASSIGNMENTS_FILE", "by_assessor"]
