"""The ratings the jurors owe: the one reading of which cells a juré was expected to fill
and left without a value or NE (:class:`MissingCells`).

:func:`expected_ratings` reads it once, at load, and says it as ``ratings-missing``
warnings (the dossiers a juré has not rated yet, then those rated in part); ``isgrid call
check`` counts its cells (« 0 cellule vide » beside a warning about one was the count of
the ratings files' blank rows, never an empty cell of a workbook, whose import writes no
row) and the fiches name the juré « non noté » on each criterion left empty (as they name
a NE).  A juré is expected on the dossiers listed under ``dossiers``, else on their rows of
``assignments.csv``, otherwise on every dossier they are not recused from; on each
criterion the jurors rate.  Instructors are not checked: they rate eligibility, which
reports its own unknowns.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, overload

import numpy as np

from ..errors import Collector, Location
from ..grid.model import JURY_ROLE, Grid
from ..io.folder import RATINGS_DIR
from ..io.yamlio import Doc
from ..messages import Plural, shown_names
from .assignments import Assigned
from .deports import deport_pairs
from .missing import NOBODY_HINT, NOBODY_ONLINE_HINT, left_out_hint, nobody_rated, workspace_hint
from .model import CallConfig, Dossier
from .ratings import RatingTable, dossier_index, given_rows


@dataclass(frozen=True, eq=False)
class MissingCells:
    """The cells the jurés were expected to fill and left without a value or NE.

    ``ids``: the call's dossiers, in its order (the positions below index it);
    ``unrated_at``: juré -> the positions of the dossiers they have not rated at all
    (every criterion of ``criteria`` missing), in the order they were expected;
    ``in_part``: (juré, dossier) -> the criteria missing of a dossier rated in part;
    ``criteria``: the criteria the jurors rate; ``expected_at``: how many jurés were
    expected on each dossier (not recused), by position.

    Kept as positions, not names: a national call whose twelve jurés are each expected on
    every dossier misses 160,000 (juré, dossier) pairs, counted by numpy
    (:meth:`jurors_of`); their names are made when asked (:attr:`unrated`)."""

    criteria: tuple[str, ...] = ()
    in_part: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    ids: tuple[str, ...] = ()
    unrated_at: dict[str, Any] = field(default_factory=dict)
    expected_at: Any = None
    #: what each juré is expected on, whatever the ratings say (:meth:`for_ratings` reads
    #: it), and the ratings table's dossier rows it points at
    owed: tuple[Owed, ...] = ()
    rows: tuple[str, ...] = ()

    def for_ratings(self, table: Any, criteria: Sequence[str] | None = None
                    ) -> MissingCells:
        """The same expectations read against other ratings (``table``: a scenario's,
        :class:`isgrid.engine.scenario.Ratings`, on the call's dossiers) and the criteria
        the jurors rate (``criteria``: a scenario's grid's; None: these): what loading
        the call with those ratings would give (the engine's ``ratings-missing`` flags of
        ``score(call, Scenario(table=…))``)."""
        criteria = self.criteria if criteria is None else tuple(criteria)
        owed = self.owed
        if list(table.dossier_ids) != list(self.rows):  # other rows: each pointed again
            index = dossier_index(table)
            moved = np.array([*(index.get(d, -1) for d in self.rows), -1], dtype=np.int64)
            owed = tuple(dataclasses.replace(o, at=moved[o.at]) for o in owed)
        unrated_at, in_part, _ = _missed(owed, list(self.ids), table, criteria)
        return MissingCells(criteria, in_part, self.ids, unrated_at, self.expected_at, owed,
                            tuple(table.dossier_ids))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MissingCells):
            return NotImplemented
        return (self.criteria == other.criteria and self.in_part == other.in_part
                and self.ids == other.ids and self.unrated == other.unrated
                and np.array_equal(self._expected, other._expected))

    __hash__ = None  # type: ignore[assignment]  # its maps are not hashable

    @cached_property
    def unrated(self) -> dict[str, tuple[str, ...]]:
        """Juré -> the dossiers they have not rated at all, by id, in the order they were
        expected."""
        ids = self.ids
        return {aid: tuple(map(ids.__getitem__, at.tolist()))
                for aid, at in self.unrated_at.items()}

    def jurors(self, dossier: str) -> tuple[int, int] | None:
        """``(rated, expected)``: how many of the jurés expected on ``dossier`` have rated
        it (a value or NE on some criterion), and how many were expected; None when every
        one has (the engine's ``ratings-missing:<rated>/<expected>`` flag)."""
        at = self._position.get(dossier)
        if at is None:
            return None
        missing = int(self._unrated_count[at])
        if not missing:
            return None
        expected = int(self._expected[at])
        return max(expected - missing, 0), expected

    def jurors_of(self, ids: list[str]) -> list[tuple[int, int] | None]:
        """:meth:`jurors` of each dossier of ``ids`` (a call's dossiers, in its order: the
        pipeline's column; by numpy when they are this call's own)."""
        if tuple(ids) != self.ids or len(self._position) != len(ids):  # (or an id twice)
            return [self.jurors(d) for d in ids]
        out: list[tuple[int, int] | None] = [None] * len(ids)
        missing = self._unrated_count
        at = np.flatnonzero(missing)
        expected = self._expected[at]
        rated = np.maximum(expected - missing[at], 0)
        pairs: dict[tuple[int, int], tuple[int, int]] = {}  # equal pairs: one tuple
        for i, r, e in zip(at.tolist(), rated.tolist(), expected.tolist(), strict=True):
            out[i] = pairs.setdefault((r, e), (r, e))
        return out

    @property
    def cells(self) -> int:
        """How many cells are missing: ``isgrid call check``'s « cellules vides »."""
        return (sum(map(len, self.unrated_at.values())) * len(self.criteria)
                + sum(map(len, self.in_part.values())))

    def readers(self, dossier: str, criterion: str) -> list[str]:
        """The jurés expected on ``dossier`` who left ``criterion`` empty, sorted."""
        whole, part = self._by_dossier
        found = list(whole.get(dossier, ())) if criterion in self.criteria else []
        found += [a for a, lacking in part.get(dossier, ()) if criterion in lacking]
        return sorted(found)

    @cached_property
    def _position(self) -> dict[str, int]:
        return {did: i for i, did in enumerate(self.ids)}

    @cached_property
    def _expected(self) -> Any:
        return (np.zeros(len(self.ids), dtype=np.int64) if self.expected_at is None
                else np.asarray(self.expected_at, dtype=np.int64))

    @cached_property
    def _unrated_count(self) -> Any:
        """How many jurés have not rated each dossier at all, by position (counted by
        numpy: a national call whose jurés are each expected on every dossier misses
        160,000 pairs)."""
        counts = np.zeros(len(self.ids), dtype=np.int64)
        for at in self.unrated_at.values():
            counts += np.bincount(at, minlength=len(self.ids))
        return counts

    @cached_property
    def _by_dossier(self) -> tuple[dict[str, list[str]],
                                   dict[str, list[tuple[str, tuple[str, ...]]]]]:
        whole: dict[str, list[str]] = defaultdict(list)
        for aid, ids in self.unrated.items():
            for did in ids:
                whole[did].append(aid)
        part: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        for (aid, did), lacking in self.in_part.items():
            part[did].append((aid, lacking))
        return whole, part


def given_columns(table: Any, *names: str) -> list[Any]:
    """The columns ``names`` (their own type: int32 indices, :data:`~.ratings.INDEX`) at
    the rows that give a value or an explicit n/a: the columns themselves when every row
    does, as in most files (2 M rows neither copied nor widened to int64)."""
    given = given_rows(table)  # a loaded call's, or a scenario's ratings
    columns = [_indices(getattr(table, n)) for n in names]
    return columns if given.all() else [c[given] for c in columns]


def _indices(column: Any) -> Any:
    """A column of row indices as an integer array, as it is when it is one (an empty list
    would be floats)."""
    array = np.asarray(column)
    return array if array.dtype.kind in "iu" else array.astype(np.int64)


def ratings_unread(diags: Collector, folder: Path) -> bool:
    """Whether a ratings file of the call ``folder`` could not be read at all (an error at
    the file or its header: an encoding, a header isgrid refuses).  Then no warning says a
    juror or a dossier has no ratings yet (``ratings-missing``, ``no-ratings``): the
    ratings are in that file, and « aucun classeur n'est revenu… vous pouvez ignorer cet
    avertissement » beside its error was false (review excel, findings 7 and 11)."""
    rdir = str(folder / RATINGS_DIR)
    return any(d.severity == "error" and d.location.line in (None, 1)
               and (d.location.file or "").startswith(rdir) for d in diags.items)


def expected_ratings(config: CallConfig, doc: Doc, dossiers: list[Dossier],
                     table: RatingTable, diags: Collector, assigned: Assigned | None,
                     grid: Grid, online: bool = False) -> MissingCells | None:
    """The cells the declared jurés left empty (None without declared assessors), and the
    warnings, per juré, about the dossiers they have not rated yet, then about those they
    have rated only in part: a criterion the jurors rate without a value or NE (a
    workbook's column deleted, cells left empty).  While no juré has rated anything (no
    workbook back yet), one warning for the whole jury (:func:`.missing.nobody_rated`).
    ``online``: the jury scores in the workspace (:func:`.missing.scored_online`): the
    hints say so, not « import their workbook »."""
    if config.assessors is None:
        return None
    if ratings_unread(diags, Path(doc.file).parent):
        diags = Collector()  # the cells are counted; the warnings would be false
    criteria = tuple(c.id for c in grid.criteria_rated_by(JURY_ROLE))
    conflicted = deport_pairs(config.conflicts)
    recused = _recused(conflicted)
    index = table.dossier_index()
    ids = [d.id for d in dossiers]
    # each dossier's position among the call's (what MissingCells counts by): the table's
    # rows when they are the call's dossiers in its order, as load_call makes them
    where = index if list(table.dossier_ids) == ids else {d: i for i, d in enumerate(ids)}
    # an id given to two dossiers (a duplicate-dossier error, said with these warnings):
    # each copy counted at the one position its id has (its last), as the id itself is
    canon: Any = None if len(where) == len(ids) else _rows_of(ids, where)
    # each dossier text a juré may be expected on: its row of the ratings table (-1: none),
    # and its position among the call's dossiers (-1: not one of them)
    at_assigned: Any = _rows_of(assigned.dossiers, index) if assigned is not None else None
    pos_assigned: Any = (None if assigned is None else at_assigned if where is index
                         else _rows_of(assigned.dossiers, where))
    at_ids: Any = None
    # how many jurés are expected on each dossier: those on every dossier, those listed
    # (by dossier text), those of assignments.csv (by its codes); recusals taken off below
    everyone = 0
    listed: Counter[str] = Counter()
    coded = np.zeros(len(assigned.dossiers) if assigned is not None else 0, dtype=np.int64)
    on: dict[str, Any] = {}  # juré -> what they are expected on, for their recusals
    owed: list[Owed] = []
    for i, a in enumerate(config.assessors):
        if a.role != JURY_ROLE:
            continue
        if a.dossiers is not None:
            words: list[str] = list(a.dossiers)
            at = _rows_of(words, index)
            # the positions of the texts listed (hits are positions in ``words``)
            pos = at if where is index else _rows_of(words, where)
            listed.update(set(words))
            on[a.id] = words
        elif assigned is not None and a.id in assigned.by_assessor:
            codes = assigned.by_assessor[a.id]
            at, pos = at_assigned[codes], pos_assigned[codes]
            on_them = np.zeros(len(coded), dtype=bool)  # each dossier code once
            on_them[codes] = True
            coded += on_them
            on[a.id] = codes
        else:
            if at_ids is None:  # the call's own rows: each dossier's row is its position
                at_ids = (np.arange(len(ids), dtype=np.int64)
                          if where is index and canon is None else _rows_of(ids, index))
            at, pos = at_ids, canon  # the call's dossiers: a hit is its position
            everyone += 1
            on[a.id] = None
        owed.append(Owed(i, a.id, at, pos, _recusals(recused.get(a.id), where, len(ids))))
    unrated_at, in_part, said = _missed(owed, ids, table, criteria)
    if owed and not any(done for *_, done in said):  # before any workbook came back
        diags.add("ratings-missing", nobody_rated(len(owed)), doc.loc(("assessors",)),
                  severity="warning", hint=NOBODY_ONLINE_HINT if online else NOBODY_HINT)
    else:
        for i, aid, missing, part, _ in said:
            _warn(aid, _Named(ids, missing), part, criteria, doc.loc(("assessors", i)), diags,
                  grid, online)
    return MissingCells(criteria, in_part, tuple(ids), unrated_at,
                        _expected(len(ids), where, everyone, listed, coded, pos_assigned, on,
                                  conflicted, assigned), tuple(owed), tuple(table.dossier_ids))


@dataclass(frozen=True)
class Owed:
    """What one juré is expected on (:attr:`MissingCells.owed`): ``at``, the rows of the
    ratings table of the dossiers they are expected on (-1: a text that is none of them);
    ``pos``, their positions among the call's dossiers (None: ``at`` are those positions);
    ``off``, a mark per position of the dossiers they are recused from (None: none);
    ``entry``, the juré's place in call.yaml's ``assessors`` (their warnings' key path)."""

    entry: int
    aid: str
    at: Any
    pos: Any
    off: Any


def _missed(owed: Sequence[Owed], ids: list[str], table: Any, criteria: tuple[str, ...]
            ) -> tuple[dict[str, Any], dict[tuple[str, str], tuple[str, ...]],
                       list[tuple[int, str, Any, dict[str, tuple[str, ...]], bool]]]:
    """What the jurés ``owed`` left without a value or NE in ``table``: each one's dossiers
    not rated at all (positions among the call's dossiers ``ids``), the (juré, dossier)
    pairs rated in part with the criteria of ``criteria`` they lack, and, per juré, both
    with whether they rated anything (their warnings)."""
    n_d = len(table.dossier_ids)
    # each given row's pair, assessor * n_d + dossier: a mark per pair (``done``), no sort
    # and no set of tuples; and how many of the jurors' criteria each pair rates (``count``:
    # fewer than all, rated in part; a criterion no file names is missing from every pair)
    pairs = max(len(table.assessor_ids), 1) * n_d
    by, of, crit = given_columns(table, "assessor", "dossier", "criterion")
    pair = by.astype(np.int64)  # made once (16 MB a national call), then in place
    pair *= n_d
    pair += of
    cindex = {cid: i for i, cid in enumerate(table.criterion_ids)}
    jury_c = np.zeros(max(len(table.criterion_ids), 1), dtype=bool)
    jury_c[[cindex[c] for c in criteria if c in cindex]] = True
    if jury_c.all():  # the jurors rate every criterion (most grids): one count of the pairs
        count = np.bincount(pair, minlength=pairs)
        done = count > 0
    else:
        done = np.zeros(pairs, dtype=bool)
        done[pair] = True
        count = np.bincount(pair[jury_c[crit]], minlength=pairs)
    rated = {aid: i for i, aid in enumerate(table.assessor_ids)}
    unrated_at: dict[str, Any] = {}
    in_part: dict[tuple[str, str], tuple[str, ...]] = {}
    said: list[tuple[int, str, Any, dict[str, tuple[str, ...]], bool]] = []
    for o in owed:
        at, pos, off = o.at, o.pos, o.off
        ai = rated.get(o.aid)
        # no dossier in the ratings table (every one refused): nothing is done
        todo = (at < 0) if ai is None or not n_d else \
            (at < 0) | ~done[ai * n_d + np.maximum(at, 0)]
        missing = _kept(np.flatnonzero(todo), pos, off)
        if len(missing):
            unrated_at[o.aid] = missing
        part: dict[str, tuple[str, ...]] = {}
        if ai is not None and n_d:
            some = (at >= 0) & (count[ai * n_d + np.maximum(at, 0)] < len(criteria)) & ~todo
            part = _lacking(ids, _kept(np.flatnonzero(some), pos, off), table, ai,
                            (by, of, crit), criteria)
            in_part.update(((o.aid, did), lacking) for did, lacking in part.items())
        said.append((o.entry, o.aid, missing, part, ai is not None and n_d > 0 and bool(
            done[ai * n_d:(ai + 1) * n_d].any())))
    return unrated_at, in_part, said


class _Named(Sequence[str]):
    """The ids at positions ``at`` of ``ids``, made when read: a juré's warning shows ten
    of the thousands of dossiers they have not rated (:func:`isgrid.messages.shown_names`)."""

    def __init__(self, ids: list[str], at: Any) -> None:
        self._ids, self._at = ids, at

    def __len__(self) -> int:
        return len(self._at)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return list(map(self._ids.__getitem__, self._at[i].tolist()))
        return self._ids[int(self._at[i])]


def _expected(n: int, where: dict[str, int], everyone: int, listed: Counter[str], coded: Any,
              pos_assigned: Any, on: dict[str, Any], conflicted: frozenset[tuple[str, str]],
              assigned: Assigned | None) -> Any:
    """How many jurés were expected on each dossier (by position), recusals taken off:
    :attr:`MissingCells.expected_at`."""
    out = np.full(n, everyone, dtype=np.int64)
    for d, k in listed.items():
        p = where.get(d)
        if p is not None:
            out[p] += k
    if assigned is not None:
        held = (pos_assigned >= 0) & (coded > 0)
        np.add.at(out, pos_assigned[held], coded[held])
    codes_of: dict[str, set[str]] = {}  # an assigned juré's dossiers, made once
    for aid, d in conflicted:
        p = where.get(d)
        if p is None or aid not in on:
            continue
        mine = on[aid]
        if mine is None:
            out[p] -= 1
        elif isinstance(mine, list):
            if d in mine:
                out[p] -= 1
        elif assigned is not None:
            if aid not in codes_of:
                codes_of[aid] = {assigned.dossiers[k] for k in mine.tolist()}
            if d in codes_of[aid]:
                out[p] -= 1
    return out


def _recused(conflicted: frozenset[tuple[str, str]]) -> dict[str, set[str]]:
    """Each juror's recusals: the dossiers they are recused from."""
    out: dict[str, set[str]] = {}
    for aid, did in conflicted:
        out.setdefault(aid, set()).add(did)
    return out


def _recusals(recused: set[str] | None, where: dict[str, int], n: int) -> Any:
    """A juré's recusals as a mark per position of the call's dossiers (None: none)."""
    if not recused:
        return None
    off = np.zeros(n, dtype=bool)
    off[[p for d in recused if (p := where.get(d)) is not None]] = True
    return off


def _kept(hits: Any, pos: Any, off: Any) -> Any:
    """The positions, among the call's dossiers, of the ``hits`` (positions in what the
    juré is expected on; ``pos``: their positions among the call's, -1 for a text that is
    not one of its dossiers; None: they are the call's dossiers) that are the call's and
    that the juré is not recused from (``off``), in order."""
    at = hits if pos is None else pos[hits]
    if pos is not None:
        at = at[at >= 0]
    return at if off is None else at[~off[at]]


def _lacking(ids: list[str], at: Any, table: Any, ai: int,
             given: tuple[Any, Any, Any], criteria: tuple[str, ...]
             ) -> dict[str, tuple[str, ...]]:
    """The dossiers the juror ``ai`` rated in part (``at``: positions among the call's
    dossiers ``ids``), each with the criteria of ``criteria`` it lacks (``given``: the
    given rows' assessor, dossier and criterion columns, read once by the caller)."""
    if not len(at):
        return {}
    dossiers = [ids[p] for p in at.tolist()]
    by, of, crit = given
    mine = by == ai
    rated = set(zip(of[mine].tolist(), crit[mine].tolist(), strict=True))
    rows = dossier_index(table)
    cindex = {cid: i for i, cid in enumerate(table.criterion_ids)}
    out = {}
    for d in dossiers:
        lacking = tuple(c for c in criteria if (rows[d], cindex.get(c, -1)) not in rated)
        if lacking:
            out[d] = lacking
    return out


def _warn(aid: str, missing: Sequence[str], part: dict[str, tuple[str, ...]],
          criteria: tuple[str, ...], loc: Location, diags: Collector, grid: Grid,
          online: bool = False) -> None:
    """One juré's ``ratings-missing`` warnings: the dossiers not rated yet, then those
    rated in part, the criteria they lack said: « j5 has not rated every criterion of 20
    dossiers yet (ALS-3 missing): D01, D04, … »."""
    if missing:
        diags.add("ratings-missing",
                  Plural("{assessor} has not rated {n} dossier yet: {shown}",
                         "{assessor} has not rated {n} dossiers yet: {shown}",
                         len(missing), assessor=aid, shown=shown_names(missing)),
                  loc, severity="warning", hint=workspace_hint(aid) if online else None)
    if part:
        lacking = [c for c in criteria if any(c in x for x in part.values())]
        diags.add("ratings-missing",
                  Plural("{assessor} has not rated every criterion of {n} dossier yet "
                         "({criteria} missing): {shown}",
                         "{assessor} has not rated every criterion of {n} dossiers yet "
                         "({criteria} missing): {shown}", len(part), assessor=aid,
                         criteria=shown_names(lacking), shown=shown_names(list(part))),
                  loc, severity="warning",
                  hint=workspace_hint(aid) if online else left_out_hint(grid, aid, lacking))


def _rows_of(words: list[str], index: dict[str, int]) -> Any:
    """Each dossier id's row of the ratings table (-1 where it has none)."""
    return np.fromiter((index.get(w, -1) for w in words), np.int64, len(words))
