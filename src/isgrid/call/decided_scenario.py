"""What a juror's files would change, as a :class:`~isgrid.engine.scenario.Scenario` of the
call already loaded: how :func:`isgrid.call.decided_changes.decided_changes` scores the call
« after » a submission or an import without copying the folder nor loading it again.

A write of ``ratings/<file>.csv`` replaces the ratings read from that file by the rows of its
new bytes, read by the loader's own reader (:func:`~isgrid.call.ratings_reader.read_ratings_file`);
a write of ``opinions/`` changes nothing the engine reads; a ``conflicts/<file>.csv`` that
declares the déports it already did changes nothing.  The scenario's ``table`` holds them all
(``Scenario(table=…)``: the one pipeline scores it).

None, and the caller scores a copy of the folder as it would be written, when the scenario
could not say the writes exactly: a dossier's file (facts: no scenario replaces them), a
déport added or lifted (a scenario has no déports of its own: besides the ratings that count,
a déport says who is expected on the dossier, which the result's ``ratings-missing`` flags
read; dropping the juror's rows made them read « not rated yet », a review's finding, session
26), a file that does not read as the loader would read it without an error (the copy's
loading says whether the call still loads).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..engine.scenario import Ratings, Scenario
from ..errors import Collector
from ..io.folder import CONFLICTS_DIR, OPINIONS_DIR, RATINGS_DIR
from ..io.tabular import columns_named, parse_csv
from .model import Call
from .ratings import RatingTable, dossier_index, rating_keys
from .ratings_reader import read_ratings_file


def as_scenario(call: Call, writes: Sequence[tuple[Path, bytes]]) -> Scenario | None:
    """``writes`` (paths in ``call.folder``, their new bytes) as a scenario of ``call``, or
    None (the module docstring)."""
    ratings: dict[Path, bytes] = {}
    conflicts: dict[Path, bytes] = {}
    for path, data in writes:
        try:
            rel = path.relative_to(call.folder)
        except ValueError:
            return None
        if len(rel.parts) != 2 or rel.suffix.lower() != ".csv":
            return None
        if rel.parts[0] == RATINGS_DIR:
            ratings[path] = data
        elif rel.parts[0] == CONFLICTS_DIR:
            conflicts[path] = data
        elif rel.parts[0] != OPINIONS_DIR:  # an opinion is scored by no one
            return None
    table = call.table
    cols = _kept(table, set(ratings))
    fresh = _read(call, ratings)
    if fresh is None:
        return None
    ids = fresh.assessor_ids  # the call's, then any new one
    if _repeats(cols, fresh):
        return None  # a rating given twice: the loader refuses it, the copy says so
    cols = [np.concatenate([k, np.asarray(f, dtype=k.dtype)]) for k, f in zip(cols, (
        fresh.dossier, fresh.assessor, fresh.criterion, fresh.value, fresh.na), strict=True)]
    added, lifted = _deports(call, conflicts)
    if added is None or lifted is None or added or lifted:
        # a déport added or lifted changes who is expected on which dossier (the cells
        # owed, the ratings-missing flags) besides the ratings that count: a scenario has
        # no déports of its own, the copy says it (module docstring)
        return None
    known = table.distinct_values
    new = fresh.distinct_values
    dossier, assessor, criterion, value, na = cols
    return Scenario(table=Ratings(
        list(table.dossier_ids), list(table.criterion_ids), list(ids), dossier, assessor,
        criterion, value, na,
        distinct_values=known | new if known is not None and new is not None else None))


def _kept(table: Any, replaced: set[Path]) -> list[Any]:
    """The call's rating columns (dossier, assessor, criterion, value, na) without the rows
    read from the files ``replaced`` writes anew."""
    cols = [np.asarray(table.dossier), np.asarray(table.assessor),
            np.asarray(table.criterion), np.asarray(table.value, dtype=np.float64),
            np.asarray(table.na, dtype=bool)]
    targets = {p.resolve() for p in replaced}
    gone = [i for i, f in enumerate(table.files) if Path(f).resolve() in targets]
    if not gone or not len(cols[0]):
        return cols
    keep = ~np.isin(table.file, gone)
    return [c[keep] for c in cols]


def _read(call: Call, ratings: dict[Path, bytes]) -> RatingTable | None:
    """The rows of the new ratings files, read as the call's loader reads a file (the call's
    ids, its assessors, its language); None when one has an error."""
    table = call.table
    fresh = RatingTable(list(table.dossier_ids), list(table.criterion_ids),
                        list(table.assessor_ids))
    if not ratings:
        return fresh
    index = dossier_index(table)
    assessors = dict(call.assessors)
    diags = Collector()
    with tempfile.TemporaryDirectory(prefix="isgrid-decided-") as tmp:
        for k, (path, data) in enumerate(sorted(ratings.items())):
            where = Path(tmp) / str(k)
            where.mkdir()
            (where / path.name).write_bytes(data)
            read_ratings_file(where / path.name, fresh, call.grid.grid, index, assessors,
                              call.config.assessors is not None, diags,
                              lang=call.config.lang or "fr")
    fresh.finish()
    return None if diags.errors else fresh


def _repeats(kept: list[Any], fresh: RatingTable) -> bool:
    """Whether a new row repeats a (dossier, assessor, criterion) of another: the kept rows
    of the assessors the new files name (a juror with ratings in another file), and the new
    rows among themselves (keys by column: a national juror's sheet has 150,000 rows)."""
    if not len(fresh):
        return False
    new = rating_keys(fresh)  # the call's ids, then any new assessor: the kept rows' too
    if len(np.unique(new)) != len(new):
        return True
    who = np.unique(np.asarray(fresh.assessor))
    mine = kept[1] == who[0] if len(who) == 1 else np.isin(kept[1], who)
    return bool(mine.any()) and bool(
        np.isin(rating_keys(fresh, kept[0][mine], kept[1][mine], kept[2][mine]), new).any())


def _deports(call: Call, conflicts: dict[Path, bytes]
             ) -> tuple[set[tuple[str, str]] | None, set[tuple[str, str]] | None]:
    """The (juror, dossier) déports the new ``conflicts/`` files add to the call's, and those
    their files no longer hold (lifted there, unless declared elsewhere); (None, None) when a
    file does not read plainly."""
    now = {(c.assessor, c.dossier) for c in call.config.conflicts}
    added: set[tuple[str, str]] = set()
    lifted: set[tuple[str, str]] = set()
    for path, data in conflicts.items():
        new = _pairs(call, data)
        try:
            old = _pairs(call, path.read_bytes()) if path.is_file() else set()
        except OSError:
            old = None
        if new is None or old is None:
            return None, None
        added |= new - now
        lifted |= old - new
    return added, lifted


def _pairs(call: Call, data: bytes) -> set[tuple[str, str]] | None:
    """The (juror, dossier) rows of a ``conflicts/`` file read as loading reads one (the
    separator detected, the columns by name: :func:`isgrid.io.tabular.parse_csv`, as
    :func:`isgrid.call.deports.declared_places` does); None for a file that is not UTF-8,
    that the reader reports anything of, or a row naming a juror or a dossier the call
    does not have (the copy's loading says those)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    diags = Collector()
    table = parse_csv(text, CONFLICTS_DIR, diags)
    cols = columns_named(table) if table is not None else {}
    if table is None or diags.items or "assessor" not in cols or "dossier" not in cols:
        return None
    dossiers = set(call.table.dossier_ids)
    out: set[tuple[str, str]] = set()
    for row in table.rows:
        juror = str(row.values.get(cols["assessor"]) or "").strip()
        dossier = str(row.values.get(cols["dossier"]) or "").strip()
        if not juror and not dossier:
            continue
        if juror not in call.assessors or dossier not in dossiers:
            return None
        out.add((juror, dossier))
    return out
