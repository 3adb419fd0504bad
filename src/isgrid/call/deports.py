"""The one rule for what a juror wrote under a déport.

A déport (a conflict of interest: call.yaml's ``conflicts``, or a row of
``conflicts/*.csv``, which the jurors' web workspace writes) may be declared after
the juror rated the dossier: after their workbook was sent (``isgrid sheets``), or
once their sheet was submitted online.  What they wrote on that dossier (a rating,
a comment, an overall opinion or amount) is then, wherever it comes from:

* **never counted**: the engine leaves those ratings out
  (:func:`conflicted_rows`, over the same pairs), the
  opinions' reader leaves the opinion out (:mod:`isgrid.jury.opinions`);
* **never lost**: it stays where the juror wrote it: ``ratings/<juror>.csv`` and
  ``opinions/<juror>.csv`` are read with it, ``isgrid sheets import`` writes the
  workbook's rows like the others, the workspace exports the juror's sheet whole;
* **told**: a ``conflicted-rating`` warning at the place it was written (the file and
  line, or the workbook's sheet and cell), once per juror and dossier (at the first
  place), from :meth:`Deports.tell`, so that the loader and the import say the same.

Every reader asks :class:`Deports`: the call's loader (:mod:`isgrid.call.load`),
``isgrid sheets import`` (:mod:`isgrid.jury.reading`) and the opinions.  Who is
*given* a dossier is another rule (a déport is never assigned, nor put in a
workbook: :func:`isgrid.jury.common.dossiers_of`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

import numpy as np

from ..errors import Collector, Location, Message
from ..io.folder import CONFLICTS_DIR
from ..io.tabular import columns_named, read_csv
from .model import Conflict
from .ratings import RatingTable, dossier_index


def conflict_pairs(table: Any, conflicts: Iterable[Any]) -> set[tuple[int, int]]:
    """call.yaml's ``conflicts`` (déports) as (assessor, dossier) index pairs of the table."""
    amap = {aid: i for i, aid in enumerate(table.assessor_ids)}
    dmap = dossier_index(table)
    return {(amap[cf.assessor], dmap[cf.dossier]) for cf in conflicts
            if cf.assessor in amap and cf.dossier in dmap}


def conflicted_rows(table: Any, pairs: set[tuple[int, int]]) -> Any:
    """Boolean array: the rating's assessor is in conflict with its dossier (a déport:
    the rating never counts; it is kept and told, module docstring).  The one reading of
    a déport's rows: the engine's statistics and the loader's ``conflicted-rating``
    warnings (:func:`isgrid.call.load.load_call`) both ask it."""
    if isinstance(table, RatingTable):  # a loaded call's: made once per set of pairs
        return table.derived(("conflicted", frozenset(pairs)),
                             lambda: _conflicted_rows(table, pairs))
    return _conflicted_rows(table, pairs)


def _conflicted_rows(table: Any, pairs: set[tuple[int, int]]) -> Any:
    d = np.asarray(table.dossier)
    a = np.asarray(table.assessor)
    out = np.zeros(len(d), dtype=bool)
    if not pairs or not len(d):
        return out
    n_d = len(table.dossier_ids)
    n_a = int(a.max()) + 1
    pair = np.zeros(max(n_a, max(ai for ai, _ in pairs) + 1) * n_d, dtype=bool)
    pair[[ai * n_d + di for ai, di in pairs]] = True
    # the rows of a dossier someone is recused from (a few hundred dossiers of a national
    # call's 20,000), found by a lookup per rating, and only theirs looked up in the pairs:
    # a key for those rows alone (a key of every rating was 16 MB of new memory, whose
    # first touch cost more than the lookups; every row when every dossier has a déport)
    recused = np.zeros(n_d, dtype=bool)
    recused[[di for _, di in pairs]] = True
    rows = np.flatnonzero(recused[d])
    out[rows] = pair[pair_keys(table, rows)]  # a lookup, not a search, per rating
    return out


def pair_keys(table: Any, rows: Any) -> Any:
    """The (assessor, dossier) pair of each of the table's ``rows`` as one int64 number,
    ``assessor * len(dossier_ids) + dossier`` (the key :func:`conflicted_rows` looks the
    déports up by; the loader finds each pair's first row by it)."""
    key = np.asarray(table.assessor)[rows].astype(np.int64)  # the indices may be int32
    key *= len(table.dossier_ids)  # (call.ratings.INDEX): widened first
    key += np.asarray(table.dossier)[rows]
    return key


def deport_pairs(conflicts: Iterable[Conflict]) -> frozenset[tuple[str, str]]:
    """The (assessor, dossier) pairs of the call's déports."""
    return frozenset((c.assessor, c.dossier) for c in conflicts)


class Deports:
    """The call's déports, and the rule for what a juror wrote under one."""

    def __init__(self, conflicts: Iterable[Conflict]) -> None:
        self.pairs = deport_pairs(conflicts)
        self._told: set[tuple[str, str, str]] = set()

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def covers(self, assessor: str, dossier: str) -> bool:
        """Is ``assessor`` déporté from ``dossier``?  Then what they wrote on it is kept
        and never counts; :meth:`tell` says so."""
        return (assessor, dossier) in self.pairs

    def tell(self, assessor: str, dossier: str, where: Location, diags: Collector, *,
             what: Literal["ratings", "opinion"] = "ratings") -> None:
        """The ``conflicted-rating`` warning at ``where``, the first place ``assessor``
        wrote something on ``dossier``; nothing for the pair's later places."""
        key = (assessor, dossier, what)
        if key in self._told:
            return
        self._told.add(key)
        if what == "ratings":
            message = Message("{assessor} is conflicted on {dossier}; their ratings are excluded",
                              assessor=assessor, dossier=dossier)
        else:
            message = Message("{assessor} is conflicted on {dossier}; their opinion is excluded",
                              assessor=assessor, dossier=dossier)
        # the code's hint (diagnostic_codes): kept, never counted, the déport to remove if wrong
        diags.add("conflicted-rating", message, where, severity="warning")


def declared_places(folder: Path) -> Iterator[tuple[str, str, str, int | None]]:
    """Every déport the call's files declare, as (assessor, dossier, file, line), in the
    order loading reads them: call.yaml's ``conflicts``, then the rows of
    ``conflicts/*.csv`` (``file`` relative to the call ``folder``).  Read again from the files
    (the loaded call keeps the déports, not their places): :func:`declared_at` tells a
    user where to lift one, the jury workspace which ones it did not write."""
    from ..io.yamlio import load_yaml

    doc = load_yaml(folder / "call.yaml", Collector())
    listed = doc.data.get("conflicts") if doc is not None else None
    for i, c in enumerate(listed if isinstance(listed, list) else ()):
        if isinstance(c, dict):
            line = doc.loc(("conflicts", i)).line if doc is not None else None
            yield (str(c.get("assessor", "")).strip(), str(c.get("dossier", "")).strip(),
                   "call.yaml", line)
    for path in sorted((folder / CONFLICTS_DIR).glob("*.csv")):
        # read as loading reads it (call.load._with_declared_conflicts): the separator
        # (« ; » from a French Excel) and the encoding detected, the columns by name
        table = read_csv(path, Collector())
        cols = columns_named(table) if table is not None else {}
        if table is None or "assessor" not in cols or "dossier" not in cols:
            continue
        for row in table.rows:
            yield (str(row.values.get(cols["assessor"]) or "").strip(),
                   str(row.values.get(cols["dossier"]) or "").strip(),
                   f"{CONFLICTS_DIR}/{path.name}", row.loc(cols["dossier"]).line)


def declared_at(folder: Path, assessor: str, dossier: str) -> str | None:
    """Where the déport of ``assessor`` from ``dossier`` is declared (:func:`declared_places`:
    call.yaml's ``conflicts``, else a row of ``conflicts/*.csv``); None if neither says it."""
    return next((f"{file}:{line}" if line else file
                 for a, d, file, line in declared_places(folder)
                 if (a, d) == (assessor, dossier)), None)
