"""The read-only maps a :class:`~isgrid.engine.result.Result` holds, in the shape of the
result JSON: :class:`FrozenDict`, a criterion's :class:`Cell`, a dossier's
:class:`Cells` (one row over the call's distinct cells) and its :class:`Amounts`.

A national call has 500,000 cells and a few hundred distinct ones: each distinct
cell is one frozen object, shared, and its JSON or its text is made once per writing
(:meth:`Cells.encoded`, :meth:`Cells.encoded_many`, :meth:`Cells.made`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ..io.write import Encoded
from ..vocabulary import num


class FrozenDict(dict[str, Any]):
    """A dict that cannot be changed once made.

    The result's mappings (criteria, cells, eligibility, sections...) are these:
    read-only like the rest of the result, and already in the shape of the
    result JSON, so that writing a national call's result does not rebuild
    millions of dicts (JSON encoders write a dict subclass as a dict).
    """

    __slots__ = ()

    def _read_only(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(f"{type(self).__name__} is read-only")

    __setitem__ = __delitem__ = _read_only
    clear = pop = popitem = setdefault = update = __ior__ = _read_only

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict:
        return self


EMPTY: Mapping[str, Any] = FrozenDict()


def frozen_map(d: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """A read-only copy of ``d`` (``d`` itself when it is already read-only)."""
    if type(d) is FrozenDict:
        return d
    return FrozenDict(d) if d else EMPTY


class Cell(FrozenDict):
    """One criterion of one dossier: the aggregate, the consensus, the spread.

    Its keys are those of the result JSON: ``value``, ``raw``, ``consensus``,
    ``consensus_reason``, ``n``, ``na``, ``min``, ``max``, ``spread``, and
    ``state`` in the checklist and profile modes.
    """

    __slots__ = ()

    @property
    def value(self) -> float | int | None:
        v: float | int | None = self["value"]
        return v

    @property
    def raw(self) -> float | int | None:
        v: float | int | None = self["raw"]
        return v

    @property
    def consensus(self) -> float | int | None:
        v: float | int | None = self["consensus"]
        return v

    @property
    def consensus_reason(self) -> str | None:
        v: str | None = self["consensus_reason"]
        return v

    @property
    def n(self) -> int:
        v: int = self["n"]
        return v

    @property
    def na(self) -> int:
        v: int = self["na"]
        return v

    @property
    def min(self) -> float | int | None:
        v: float | int | None = self["min"]
        return v

    @property
    def max(self) -> float | int | None:
        v: float | int | None = self["max"]
        return v

    @property
    def spread(self) -> float | int | None:
        v: float | int | None = self["spread"]
        return v

    @property
    def state(self) -> str | None:
        v: str | None = self.get("state")
        return v

    def replaced(self, **changes: Any) -> Cell:
        """A new cell with some keys changed (or added: ``state``)."""
        return Cell({**self, **changes})

    def to_json(self) -> dict[str, Any]:
        return dict(self)


class Cells(Mapping[str, Cell]):
    """A dossier's criterion cells, read-only: one row of group numbers over the call's
    distinct cells.

    A national call has 500,000 cells and a few hundred distinct ones: each dossier
    keeps a list of the numbers of its cells' groups, not a dict of its own, and
    the result JSON writes each distinct cell once (:meth:`encoded`).  It reads as
    a mapping from criterion id to :class:`Cell`, in the grid's order.
    """

    __slots__ = ("_at", "_cells", "_groups", "_index", "_row")

    def __init__(self, index: Mapping[str, int], cells: Sequence[Cell],
                 row: Sequence[int] | None = None, *, groups: Any = None, at: int = 0) -> None:
        """``row``: the dossier's group numbers, one per criterion; or ``groups``, the
        call's numpy matrix of them (a row per dossier, shared), and ``at``, the
        dossier's row: read into a list when a cell is first asked for, and laid out
        for thousands of dossiers at once by :meth:`encoded_many`."""
        if row is None and groups is None:
            raise TypeError("Cells needs a row of group numbers or the call's groups")
        self._index = index  # criterion id -> position in the row (shared by every dossier)
        self._cells = cells  # the distinct cells (shared)
        self._row = row  # this dossier's group numbers (None: not read from groups yet)
        self._groups = groups
        self._at = at

    def _numbers(self) -> Sequence[int]:
        row = self._row
        if row is None:
            row = self._row = self._groups[self._at].tolist()
        return row

    def __getitem__(self, cid: str) -> Cell:
        return self._cells[self._numbers()[self._index[cid]]]

    def get(self, cid: str, default: Any = None) -> Any:  # as a dict's, without a raise
        at = self._index.get(cid)
        return default if at is None else self._cells[self._numbers()[at]]

    def __contains__(self, cid: object) -> bool:
        return cid in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"Cells({dict(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def made(self, make: Callable[[Cell], Any], cache: dict[int, Any]) -> list[Any]:
        """``make(cell)`` of each of the dossier's cells, in the grid's order; computed once
        per distinct cell and ``cache`` (one writing's, with one ``make``): a national
        call's 500,000 cells written as text (the ranking's CSV)."""
        made = cache.get(id(self._cells))
        if made is None:
            made = cache[id(self._cells)] = [make(c) for c in self._cells]
        at = cache.get(id(self._index))
        if at is None:
            at = cache[id(self._index)] = list(self._index.values())
        row = self._numbers()
        return [made[row[i]] for i in at]

    def encoded(self, cache: dict[int, Any]) -> Encoded:
        """The cells as the result JSON writes them (compact, sorted keys), encoded:
        each distinct cell and each criterion id once per ``cache`` (one writing's)."""
        import orjson

        encoded = cache.get(id(self._cells))
        if encoded is None:
            encoded = cache[id(self._cells)] = [
                orjson.dumps(c, option=orjson.OPT_SORT_KEYS) for c in self._cells]
        keys = cache.get(id(self._index))
        if keys is None:  # sorted as orjson's OPT_SORT_KEYS sorts them
            keys = cache[id(self._index)] = [
                (orjson.dumps(cid) + b":", at) for cid, at in sorted(self._index.items())]
        row = self._numbers()
        return Encoded(b"{" + b",".join([key + encoded[row[at]] for key, at in keys]) + b"}")

    @staticmethod
    def encoded_many(many: Sequence[Cells], cache: dict[Any, Any]) -> list[bytes]:
        """The bytes of :meth:`encoded` for many dossiers' cells at once (see
        :meth:`encoded_columns`)."""
        columns = Cells.encoded_columns(many, cache)
        if len(columns) == 1:
            return columns[0]
        return [b"".join(row) for row in zip(*columns, strict=True)]

    @staticmethod
    def encoded_columns(many: Sequence[Cells], cache: dict[Any, Any]) -> list[list[bytes]]:
        """The bytes of :meth:`encoded` for many dossiers' cells at once, column by column:
        columns of pieces, one piece per dossier in each; a dossier's bytes are its
        pieces joined (nothing between them).

        The JSON of a dossier's cells is one piece per criterion, ``"C01":{...}``; a
        piece depends on the criterion and the cell's group only.  Each criterion's
        column of group numbers is reduced to the groups it holds, each such piece is
        made once, and numpy's indexing lays them out for every dossier: what was a
        Python loop over 500,000 cells.  When the dossiers' cells are all of one call's
        matrix (the usual case), the columns are the criteria's and no dossier's bytes
        are joined here (the records' writer joins them with the rest of the record,
        :func:`isgrid.engine.records.encoded_records`); otherwise there is one column,
        each dossier's bytes.  Memory is bounded by the cells themselves: a column's
        pieces are made for every distinct cell of the call when they are no more than
        the dossiers, else for the groups the column holds.
        """
        import numpy as np
        import orjson

        out: list[bytes] = [b""] * len(many)
        by_source: dict[tuple[int, int], list[int]] = {}
        one = many[0] if many else None
        if one is not None and all(c._cells is one._cells and c._index is one._index
                                   for c in many):  # one call's cells (the usual case)
            by_source[(id(one._cells), id(one._index))] = list(range(len(many)))
        else:  # the dossiers of the same cells and criteria together
            for i, c in enumerate(many):
                by_source.setdefault((id(c._cells), id(c._index)), []).append(i)
        for at in by_source.values():
            first = many[at[0]]
            encoded = cache.get(id(first._cells))
            if encoded is None:
                encoded = cache[id(first._cells)] = [
                    orjson.dumps(c, option=orjson.OPT_SORT_KEYS) for c in first._cells]
            keys = sorted(first._index.items())  # as orjson's OPT_SORT_KEYS sorts them
            if not keys:
                for i in at:
                    out[i] = b"{}"
                continue
            groups = first._groups
            if groups is not None and all(many[i]._groups is groups for i in at):
                rows = groups[[many[i]._at for i in at]]  # the call's matrix: no lists
            else:
                rows = np.array([many[i]._numbers() for i in at], dtype=np.intp).reshape(
                    len(at), len(first._index))
            pieces = np.empty((len(at), len(keys)), dtype=object)
            last = len(keys) - 1
            every = len(encoded) <= len(at)  # a piece per distinct cell: no more than rows
            for k, (cid, position) in enumerate(keys):
                column = rows[:, position]
                used, where = ((range(len(encoded)), column) if every else
                               np.unique(column, return_inverse=True))
                table = cache.get((id(encoded), cid, k, last)) if every else None
                if table is None:  # made once per writing when it holds every distinct cell
                    head = (b"{" if k == 0 else b",") + orjson.dumps(cid) + b":"
                    tail = b"}" if k == last else b""
                    table = np.empty(len(used), dtype=object)
                    table[:] = [head + encoded[g] + tail for g in used]
                    if every:
                        cache[(id(encoded), cid, k, last)] = table
                pieces[:, k] = table[where.reshape(-1)]
            if len(at) == len(many):  # one source: every dossier, in order
                return [pieces[:, k].tolist() for k in range(len(keys))]
            for i, row_pieces in zip(at, pieces.tolist(), strict=True):
                out[i] = b"".join(row_pieces)
        return [out]


def held(granted: float | None, proposed: float | None) -> float | None:
    """The money a retained dossier holds: granted by a decision, else proposed (the one
    rule; :attr:`Amounts.held` and the decided budget read it)."""
    return granted if granted is not None else proposed


class Amounts(FrozenDict):
    """A dossier's money: ``requested``, ``proposed`` (the rules' amount, or the amount a
    ``retenu`` decision holds before a vote grants it), ``granted`` (null until a vote
    retains the dossier: only a vote grants, docs/decisions.md).

    Read-only, in the shape of the result JSON (integral amounts as integers).
    """

    __slots__ = ()

    def __init__(self, requested: float | None, proposed: float | None,
                 granted: float | None = None) -> None:
        super().__init__(requested=num(requested), proposed=num(proposed), granted=num(granted))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.requested, self.proposed, self.granted))

    @property
    def requested(self) -> float | None:
        v: float | None = self["requested"]
        return v

    @property
    def proposed(self) -> float | None:
        v: float | None = self["proposed"]
        return v

    @property
    def granted(self) -> float | None:
        v: float | None = self["granted"]
        return v

    @property
    def held(self) -> float | None:
        """The money a retained dossier holds: granted by a vote, else proposed (by a
        jury-stage decision, else by the rules)."""
        return held(self.granted, self.proposed)

    def to_json(self) -> dict[str, Any]:
        return dict(self)


def deep_frozen(x: Any) -> Any:
    """A read-only copy: mappings as read-only dicts, lists as tuples."""
    if isinstance(x, Mapping):
        return FrozenDict({k: deep_frozen(v) for k, v in x.items()})
    if isinstance(x, list | tuple):
        return tuple(deep_frozen(v) for v in x)
    return x


def plain(x: Any) -> Any:
    """Mappings and tuples as dicts and lists, recursively (for JSON)."""
    if isinstance(x, Mapping):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, tuple | list):
        return [plain(v) for v in x]
    return x
