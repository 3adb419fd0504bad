"""A :class:`~isgrid.engine.result.Result`'s dossiers, kept as the engine made them: one
column per field of :class:`~isgrid.engine.dossier.DossierResult`, each record made when
it is first read (:class:`Dossiers`).

A national call has 20,000 dossiers: ``isgrid score --format json`` writes them from the
columns (:func:`isgrid.engine.records.encoded_records`) and never needs a record, which
cost about a tenth of its processor time to make and to free (docs/performance.md,
thirty-ninth pass).  The documents, the web pages and the analyses read the records as
before: ``result.dossiers`` is an immutable ``Sequence[DossierResult]``, each record made
once (the same object at every reading: :meth:`Result.tie` and the documents' memos rely
on it), its equality, hash and pickles those of the records it holds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from typing import Any, overload

from .dossier import DossierResult

#: the columns, in the order of :class:`DossierResult`'s fields (its positional arguments)
FIELDS = tuple(f.name for f in fields(DossierResult))
_AT = {name: j for j, name in enumerate(FIELDS)}


class Dossiers(Sequence[DossierResult]):
    """The result's dossiers as columns (module docstring): ``columns``, one tuple per
    field of :data:`FIELDS`, all of one length.  Read-only; a record is made on first
    reading and kept."""

    __slots__ = ("_all", "_cols", "_index", "_lock", "_made", "get")

    #: the dossier ``did``, None when the call has none: :meth:`_get` until every record is
    #: made, then the bound ``get`` of a dict of them by id (the documents and the séance's
    #: pages ask dossiers by id thousands of times a page: a dict's lookup, not a method's)
    get: Callable[[str], DossierResult | None]

    def __init__(self, columns: Iterable[Iterable[Any]]) -> None:
        cols = tuple(map(tuple, columns))
        if len(cols) != len(FIELDS) or len({len(c) for c in cols}) > 1:
            raise ValueError(f"Dossiers: {len(FIELDS)} columns of one length, one per field "
                             "of DossierResult")
        self._cols = cols
        self._made: list[DossierResult | None] = [None] * (len(cols[0]) if cols else 0)
        self._all: tuple[DossierResult, ...] | None = None  # every record, once all made
        self._index: dict[str, int] | None = None
        self.get = self._get
        self._lock = threading.Lock()

    @classmethod
    def of(cls, records: Iterable[DossierResult]) -> Dossiers:
        """The dossiers of ``records`` (a result built from records: ``dataclasses.
        replace(result, dossiers=…)``, a test's), the same objects read back."""
        made = tuple(records)
        if not all(type(d) is DossierResult for d in made):
            raise TypeError("a Result's dossiers are DossierResult records")
        out = cls(zip(*[[getattr(d, f) for f in FIELDS] for d in made], strict=True)
                  if made else [()] * len(FIELDS))
        out._made[:] = made
        out._all = made
        return out

    def column(self, name: str) -> tuple[Any, ...]:
        """Every dossier's ``name`` (a field of :class:`DossierResult`), in order: what the
        engine reads over the whole call without making a record per dossier."""
        return self._cols[_AT[name]]

    def __len__(self) -> int:
        return len(self._made)

    def _make(self, i: int) -> DossierResult:
        with self._lock:  # one record per dossier, whichever thread reads it first
            d = self._made[i]
            if d is None:
                d = self._made[i] = DossierResult(*[c[i] for c in self._cols])
            return d

    @overload
    def __getitem__(self, i: int) -> DossierResult: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[DossierResult, ...]: ...

    def __getitem__(self, i: int | slice) -> DossierResult | tuple[DossierResult, ...]:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        d = self._made[i]  # IndexError as a tuple's
        return d if d is not None else self._make(i % len(self._made))

    def made(self) -> tuple[DossierResult, ...]:
        """Every record, made now (a reader that reads them all, or a server that keeps the
        result: made before :func:`isgrid.io.collector.freeze_long_lived`)."""
        whole = self._all
        if whole is None:
            with self._lock:
                made, cols = self._made, self._cols
                if not any(made):  # none read yet: all at once
                    made[:] = map(DossierResult, *cols)
                for i, d in enumerate(made):
                    if d is None:
                        made[i] = DossierResult(*[c[i] for c in cols])
                whole = self._all = tuple(made)  # type: ignore[arg-type]
        if self.get == self._get:
            self.get = dict(zip(self.column("id"), whole, strict=True)).get
        return whole

    def __iter__(self) -> Iterator[DossierResult]:
        return iter(self.made())

    def __reversed__(self) -> Iterator[DossierResult]:
        return reversed(self.made())

    def __contains__(self, d: object) -> bool:
        return isinstance(d, DossierResult) and self.get(d.id) == d

    def position(self, did: str) -> int | None:
        """The position of dossier ``did``, None when the call has none (an index of the
        ids, made on first use)."""
        index = self._index
        if index is None:
            index = self._index = {did: i for i, did in enumerate(self.column("id"))}
        return index.get(did)

    def _get(self, did: str) -> DossierResult | None:
        """:attr:`get` before every record is made: through the index of the ids."""
        if self._all is not None:
            self.made()  # the dict by id, from now on
            return self.get(did)
        i = self.position(did)
        return None if i is None else self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Dossiers):
            return self._cols == other._cols
        if isinstance(other, tuple):  # as the tuple of records a result held
            return self.made() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._cols)

    def __repr__(self) -> str:
        return f"Dossiers({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Dossiers, (self._cols,))

    def __copy__(self) -> Dossiers:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Dossiers:
        return self


def made_now(dossiers: Sequence[DossierResult]) -> None:
    """Every record of ``dossiers`` (a result's) made now: for a server that keeps the result
    and takes it out of the collector's scans (:func:`isgrid.io.collector.freeze_long_lived`),
    so that the records its pages read are frozen with it, not made after."""
    if isinstance(dossiers, Dossiers):
        dossiers.made()


__all__ = ["FIELDS", "Dossiers", "made_now"]
