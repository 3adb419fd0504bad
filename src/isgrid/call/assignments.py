"""``assignments.csv``: who rates what (written by ``isgrid assign``).

Its rows are checked by one rule (:func:`assignment_pairs`: the header, each row's
dossier and assessor known, each problem at its file:line:col), wherever it is read:
the loader (every command, ``call check`` included: :func:`check_assigned`) and the
jury's modules (:func:`isgrid.jury.common.read_assignments`: the workbooks, the jurors'
workspace).  The loader reads it first fast and without diagnostics, to warn about the
ratings still missing (:func:`read_assigned`: a national call's 80,000 rows by Arrow),
and reads it again by that rule only when the fast reading finds something to say.
What its rows mean is written once, here (:func:`coded_by_assessor`), and both call it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import Collector, Location, Message, Quote
from ..io.folder import ASSIGNMENTS_FILE, inside
from ..io.ratingsfile import ARROW_MIN_BYTES, dictionary_codes, plain_csv_table
from ..io.tabular import column_positions, columns_named, csv_columns, read_csv
from ..io.text import read_bytes
from ..messages import missing_columns
from .ratings import first_rows

_COLUMNS = ("assessor", "dossier")


def coded_by_assessor(assessor: Any, assessors: Sequence[str], dossier: Any,
                      dossiers: Sequence[str]) -> dict[str, Any]:
    """Rows of (assessor, dossier), each given as codes into its column's distinct
    texts (``assessors``, ``dossiers``: stripped, each once), as assessor -> the
    codes of its dossiers (a numpy array), each in the order of its first row; the
    assessors in the order of their first row.

    A pair counts once: a row repeated (by hand, or two files pasted together) is
    the same assignment, not a second dossier to rate.  A row with a blank cell
    assigns nothing.
    """
    a = np.asarray(assessor, dtype=np.int64)
    d = np.asarray(dossier, dtype=np.int64)
    if not len(a):
        return {}
    # each pair's first row, in the order of the rows
    first = first_rows(a * max(len(dossiers), 1) + d)
    a, d = a[first], d[first]
    blank_a = np.fromiter((not w for w in assessors), bool, len(assessors))
    blank_d = np.fromiter((not w for w in dossiers), bool, len(dossiers))
    keep = ~(blank_a[a] | blank_d[d])
    a, d = a[keep], d[keep]
    if not len(a):
        return {}
    order = np.argsort(a, kind="stable")
    heads = np.flatnonzero(np.r_[True, a[order][1:] != a[order][:-1]])
    groups = np.split(d[order], heads[1:])
    firsts = order[heads]  # a stable sort: each assessor's first row heads its group
    return {assessors[int(a[firsts[g]])]: groups[g] for g in np.argsort(firsts).tolist()}


def by_assessor(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``(assessor, dossier)`` rows (stripped texts) as assessor -> dossiers:
    :func:`coded_by_assessor`'s rule on texts."""
    a_codes: dict[str, int] = {}
    d_codes: dict[str, int] = {}
    a_rows: list[int] = []
    d_rows: list[int] = []
    for aid, did in pairs:
        a_rows.append(a_codes.setdefault(aid, len(a_codes)))
        d_rows.append(d_codes.setdefault(did, len(d_codes)))
    dossiers = list(d_codes)
    return {aid: [dossiers[i] for i in codes.tolist()]
            for aid, codes in coded_by_assessor(a_rows, list(a_codes), d_rows,
                                                dossiers).items()}


@dataclass(frozen=True)
class Assigned:
    """``assignments.csv`` as the loader reads it: each assessor's dossiers as codes
    into ``dossiers`` (:func:`coded_by_assessor`)."""

    dossiers: list[str]
    by_assessor: dict[str, Any]


def read_assigned(folder: Path) -> Assigned | None:
    """``assignments.csv`` of ``folder``, without diagnostics (None: none, or unreadable).

    A national call's file (80,000 rows) is parsed by Arrow, as the ratings are,
    when it is plain; any other, row by row (:func:`isgrid.io.tabular.csv_columns`,
    whose reading the Arrow path gives too).
    """
    path = folder / ASSIGNMENTS_FILE
    if not path.is_file() or not inside(folder, path):
        return None
    coded: list[tuple[Any, list[str]]] | None = None
    if path.stat().st_size >= ARROW_MIN_BYTES:
        data = read_bytes(path, Collector())
        parsed = plain_csv_table(data) if data is not None else None
        if parsed is not None:
            header, tbl, _ = parsed
            coded = _arrow_columns(header, tbl)
    if coded is None:
        cols = csv_columns(path, _COLUMNS)
        if cols is None:
            return None
        coded = [_encoded(cols[name]) for name in _COLUMNS]
    (a, assessors), (d, dossiers) = coded
    return Assigned(dossiers, coded_by_assessor(a, assessors, d, dossiers))


def _arrow_columns(header: list[str], tbl: Any) -> list[tuple[Any, list[str]]] | None:
    """The assessor and dossier columns of Arrow's parse, as codes into their distinct
    stripped texts (a missing column: every text blank, as csv_columns gives)."""
    if not any(header):
        return None  # a header of blank names: the row reader looks further down
    at = column_positions(header)
    tbl = tbl.unify_dictionaries()
    out = []
    for name in _COLUMNS:
        i = at.get(name)
        if i is None:
            out.append((np.zeros(tbl.num_rows, dtype=np.int64), [""]))
            continue
        codes, words = dictionary_codes(tbl, f"c{i}")
        stripped: dict[str, int] = {}
        lut = np.fromiter((stripped.setdefault(w.strip(), len(stripped)) for w in words),
                          np.int64, len(words))
        out.append((lut[codes], list(stripped)))
    return out


def assignment_pairs(path: Path, dossiers: Collection[str], assessors: Collection[str],
                     diags: Collector) -> list[tuple[str, str]] | None:
    """The (assessor, dossier) rows of ``assignments.csv`` at ``path`` whose dossier and
    assessor are known, each other row refused at its cell (``unknown-dossier``,
    ``unknown-assessor``); None when the file cannot be read or lacks a column.  The one
    rule of its rows, for the loader (:func:`check_assigned`) and the jury's modules."""
    table = read_csv(path, diags)
    if table is None:
        return None
    cols = columns_named(table)
    missing = [c for c in ("dossier", "assessor") if c not in cols]
    if missing:
        diags.add("csv-missing-column", missing_columns(missing),
                  Location(str(path), line=1), hint="The header must be: dossier,assessor.")
        return None
    pairs: list[tuple[str, str]] = []
    for row in table.rows:
        did = str(row.values.get(cols["dossier"], "")).strip()
        aid = str(row.values.get(cols["assessor"], "")).strip()
        if did not in dossiers:
            diags.add("unknown-dossier", Message("unknown dossier {dossier}", dossier=Quote(did)),
                      row.loc(cols["dossier"]))
            continue
        if aid not in assessors:
            diags.add("unknown-assessor", Message("the assessor {assessor} is not declared",
                                                  assessor=Quote(aid)),
                      row.loc(cols["assessor"]))
            continue
        pairs.append((aid, did))
    return pairs


#: The hint of a row of assignments.csv the loader warns about.
REFUSED_BY_SHEETS = Message("isgrid sheets and the jurors' workspace refuse assignments.csv "
                            "until this row is corrected (or deleted).")


def check_assigned(folder: Path, assigned: Assigned | None, dossiers: Collection[str],
                   assessors: Collection[str], diags: Collector) -> None:
    """The loader's check of ``assignments.csv`` (read fast as ``assigned``): when that
    reading found it unreadable, or naming a dossier or an assessor the call does not
    know, the file is read again by :func:`assignment_pairs`, which says each problem at
    its place, as ``isgrid sheets`` says it (a file ``call check`` found « ok » was then
    refused by ``sheets``): warnings here (every command loads the call, and ``isgrid
    assign`` keeps the rows it cannot place), errors there.  A file that is all well is
    read once."""
    path = folder / ASSIGNMENTS_FILE
    if not path.is_file() or not inside(folder, path):
        return
    if assigned is not None and assigned.by_assessor \
            and all(d in dossiers for d in assigned.dossiers if d) \
            and all(a in assessors for a in assigned.by_assessor):
        return
    found = Collector()
    assignment_pairs(path, dossiers, assessors, found)
    # warnings here: isgrid assign keeps such rows, and rewrites them
    diags.extend(replace(d, severity="warning", hint=d.hint or REFUSED_BY_SHEETS)
                 for d in found.items)


def _encoded(texts: list[str]) -> tuple[Any, list[str]]:
    """Texts as codes into their distinct values."""
    seen: dict[str, int] = {}
    codes = np.fromiter((seen.setdefault(t, len(seen)) for t in texts), np.int64, len(texts))
    return codes, list(seen)


__all__ = ["ASSIGNMENTS_FILE", "Assigned", "assignment_pairs", "by_assessor",
           "check_assigned", "coded_by_assessor", "read_assigned"]
