"""The result JSON's dossier records, written from their pieces (``isgrid score --format
json``; :meth:`isgrid.engine.result.Result.to_json` with ``encoded=True``).

The bytes are always those the generic encoder (:func:`isgrid.io.write.iter_records`)
writes from ``Result.to_json()``'s dicts; only the way they are made differs
(``tests/engine/test_record_bytes.py`` compares them).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..io.write import compact
from .maps import Cells, plain

if TYPE_CHECKING:
    from .result import DossierResult

#: dossiers encoded at once by :func:`encoded_records` (bounds the memory they take)
ENCODE_CHUNK = 4096


def _literal(x: Any) -> bytes:
    """A dossier's yes, no or unknown as JSON: true, false, null (anything else, such as
    1 in a hand-built result, as orjson writes it: 1, not true)."""
    if x is True:
        return b"true"
    if x is False:
        return b"false"
    if x is None:
        return b"null"
    import orjson

    return orjson.dumps(x)


#: the keys of a dossier's record, in the order :func:`encoded_records` writes them:
#: sorted, as every record of the result JSON (``ranking_total`` only where it exists)
RECORD_KEYS = ("amounts", "checklist", "complete", "criteria", "decision", "eligibility",
               "eligible", "flags", "id", "profile", "rank", "ranking_total", "reserve",
               "sections", "selected", "status", "title", "total", "verdict")


def encoded_records(dossiers: Sequence[DossierResult]) -> Iterator[bytes]:
    """Each dossier's record as the result JSON writes it (compact, sorted keys): the
    bytes ``io.write`` encodes ``d.to_json()`` to, assembled from pieces.

    A national call writes 20,000 records: encoding each as a dict of dicts, its
    keys sorted at every level, took half of the writing.  Here the keys are
    written in their sorted order (:data:`RECORD_KEYS`), each value encoded on
    its own, the maps that dossiers share (eligibility outcomes, decisions, amounts) once
    per writing, and the cells of a few thousand dossiers at once
    (:meth:`Cells.encoded_many`).  A value orjson refuses (an integer beyond 64
    bits in a hostile call), in a field or a cell, sends its whole record through
    the generic path, so the bytes are always the generic ones, those of
    ``to_json()`` and of ``to_json(shared=True)`` (``tests/engine/test_record_bytes.py``).
    """
    import orjson

    dumps = orjson.dumps
    sort = orjson.OPT_SORT_KEYS
    cache: dict[Any, Any] = {}
    shared: dict[int, bytes] = {}  # id of an eligibility map, a decision, amounts -> JSON
    literal = _literal
    for start in range(0, len(dossiers), ENCODE_CHUNK):
        chunk = dossiers[start:start + ENCODE_CHUNK]
        rows = [d.criteria for d in chunk if isinstance(d.criteria, Cells)]
        made: Iterator[bytes] | None
        try:
            made = iter(Cells.encoded_many(rows, cache))
        except (orjson.JSONEncodeError, TypeError, ValueError):
            made = None  # each dossier's cells on their own, below
        for d in chunk:
            crit = next(made) if made is not None and isinstance(d.criteria, Cells) \
                else None
            try:
                if crit is None:
                    crit = (d.criteria.encoded({}).json if isinstance(d.criteria, Cells)
                            else dumps(d.criteria, option=sort))
                elig = shared.get(id(d.eligibility))
                if elig is None:
                    elig = shared[id(d.eligibility)] = dumps(d.eligibility, option=sort)
                dec = shared.get(id(d.decision))
                if dec is None:
                    dec = shared[id(d.decision)] = dumps(d.decision.to_json(), option=sort)
                money = shared.get(id(d.amounts))  # shared too (engine.pipeline)
                if money is None:
                    money = shared[id(d.amounts)] = dumps(d.amounts, option=sort)
                yield b"".join((
                    b'{"amounts":', money,
                    b',"checklist":', dumps(plain(d.checklist), option=sort)
                    if d.checklist else b"null",
                    b',"complete":', literal(d.complete),
                    b',"criteria":', crit,
                    b',"decision":', dec,
                    b',"eligibility":', elig,
                    b',"eligible":', literal(d.eligible),
                    b',"flags":', dumps(d.flags),
                    b',"id":', dumps(d.id),
                    b',"profile":', dumps(plain(d.profile), option=sort)
                    if d.profile else b"null",
                    b',"rank":', dumps(d.rank),
                    b"" if d.ranking_total is None
                    else b',"ranking_total":' + dumps(d.ranking_total),
                    b',"reserve":', literal(d.reserve),
                    b',"sections":', dumps(d.sections, option=sort),
                    b',"selected":', literal(d.selected),
                    b',"status":', dumps(d.status),
                    b',"title":', dumps(d.title),
                    b',"total":', dumps(d.total),
                    b',"verdict":', dumps(d.verdict), b"}"))
            except (orjson.JSONEncodeError, TypeError, ValueError):
                yield compact(d.to_json())
