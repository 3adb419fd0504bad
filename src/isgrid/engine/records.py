"""The result JSON's dossier records, written from their pieces (``isgrid score --format
json``; :meth:`isgrid.engine.result.Result.to_json` with ``encoded=True``).

The bytes are always those the generic encoder (:func:`isgrid.io.write.iter_records`)
writes from ``Result.to_json()``'s dicts; only the way they are made differs
(``tests/engine/test_record_bytes.py`` compares them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..io.write import RECORD_JOINER, compact
from .dossiers import Dossiers
from .maps import Cells, plain

if TYPE_CHECKING:
    from .dossier import DossierResult

#: dossiers encoded at once by :func:`encoded_records` (bounds the memory they take:
#: about 4 MB of a national call's records, 3.7 kB each)
ENCODE_CHUNK = 1024


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
    """The dossiers' records as the result JSON writes them (compact, sorted keys), a few
    thousand at a time: each piece yielded is consecutive records joined by
    :data:`~isgrid.io.write.RECORD_JOINER`, as :func:`isgrid.io.write.iter_records` joins
    the pieces; the bytes ``io.write`` encodes ``d.to_json()`` to, assembled from pieces.

    A national call writes 20,000 records: encoding each as a dict of dicts, its
    keys sorted at every level, took half of the writing, and assembling each
    record from its own dozen encoded values most of what was left.  Here the
    records of a chunk are made field by field, from the result's columns
    (:class:`~isgrid.engine.dossiers.Dossiers`: no record is made for it; records given
    are read as columns the same way): each field's values encoded in one
    pass (the maps that dossiers share, eligibility outcomes, decisions, amounts,
    once per writing; the statuses and flags once per distinct value), the cells
    column by column (:meth:`Cells.encoded_columns`), then every piece of the
    chunk laid out in the keys' sorted order (:data:`RECORD_KEYS`) by slice
    assignment and joined once.  A value orjson refuses (an integer beyond 64
    bits in a hostile call), in a field or a cell, sends its chunk through the
    generic path, so the bytes are always the generic ones, those of ``to_json()``
    and of ``to_json(shared=True)`` (``tests/engine/test_record_bytes.py``).
    """
    import orjson

    rows = dossiers if isinstance(dossiers, Dossiers) else Dossiers.of(dossiers)
    cache: dict[Any, Any] = {}
    shared: dict[int, bytes] = {}  # id of an eligibility map, a decision, amounts -> JSON
    for start in range(0, len(rows), ENCODE_CHUNK):
        stop = min(start + ENCODE_CHUNK, len(rows))
        try:
            yield _chunk(rows, start, stop, cache, shared)
        except (orjson.JSONEncodeError, TypeError, ValueError):
            yield RECORD_JOINER.join([_record(d, cache) for d in rows[start:stop]])


def _record(d: DossierResult, cache: dict[Any, Any]) -> bytes:
    """One record, alone: a chunk with a value orjson refuses (its record generic)."""
    import orjson

    try:
        return _chunk(Dossiers.of([d]), 0, 1, cache, {})
    except (orjson.JSONEncodeError, TypeError, ValueError):
        return compact(d.to_json())


def _by_id(values: list[Any], shared: dict[int, bytes], encode: Callable[[Any], bytes]
           ) -> list[bytes]:
    """Each value's JSON, made once per object (maps that many dossiers share)."""
    out: list[bytes] = []
    append = out.append
    for v in values:
        b = shared.get(id(v))
        if b is None:
            b = shared[id(v)] = encode(v)
        append(b)
    return out


def _by_value(values: list[Any], encode: Callable[[Any], bytes]) -> list[bytes]:
    """Each value's JSON, made once per distinct value (texts and tuples of texts only:
    1, 1.0 and True are equal keys but different JSON)."""
    seen: dict[Any, bytes] = {}
    out: list[bytes] = []
    append = out.append
    for v in values:
        b = seen.get(v)
        if b is None:
            b = seen[v] = encode(v)
        append(b)
    return out


def _each(values: list[Any]) -> list[bytes]:
    """Each value's JSON, as ``orjson.dumps`` of it alone, from one encoding of the list
    (a national call's ids, ranks and totals: 60,000 calls of the encoder, half of its
    calls, made three): the list's JSON split at its commas, when that gives one piece per
    value (numbers, null, ids: no comma in their JSON); else (a text or a map with a
    comma) one by one."""
    import orjson

    pieces = orjson.dumps(values)[1:-1].split(b",") if values else []
    if len(pieces) == len(values):
        return pieces
    return [orjson.dumps(x) for x in values]


def _dicts(values: list[Any], one_by_one: Callable[[list[Any]], list[bytes]]) -> list[bytes]:
    """Each map's JSON (sorted keys), as ``orjson.dumps`` of it alone, from one encoding
    of the list (a national call's sections and amounts: 40,000 calls of the encoder, a
    map each, made 40): split at ``},{`` when every value is a map and that gives one
    piece per map (none of their texts holds it), each piece given back its braces;
    else ``one_by_one(values)``."""
    import orjson

    if values and all(isinstance(v, dict) for v in values):
        pieces = orjson.dumps(values, option=orjson.OPT_SORT_KEYS)[2:-2].split(b"},{")
        if len(pieces) == len(values):
            return [b"{" + p + b"}" for p in pieces]
    return one_by_one(values)


def _literals(values: list[Any]) -> list[bytes]:
    """:func:`_literal` of each value."""
    return [b"true" if x is True else b"false" if x is False else b"null" if x is None
            else _literal(x) for x in values]


#: the constant bytes before each field of a record (the first: the record's opening)
_KEYS = [b'{"amounts":', b',"checklist":', b',"complete":', b',"criteria":', b',"decision":',
         b',"eligibility":', b',"eligible":', b',"flags":', b',"id":', b',"profile":',
         b',"rank":', b',"reserve":', b',"sections":', b',"selected":', b',"status":',
         b',"title":', b',"total":', b',"verdict":']


def _chunk(rows: Dossiers, start: int, stop: int, cache: dict[Any, Any],
           shared: dict[int, bytes]) -> bytes:
    """The records of ``rows[start:stop]`` joined by :data:`RECORD_JOINER`
    (:func:`encoded_records`), read from the dossiers' columns (no record made)."""
    import orjson

    dumps = orjson.dumps
    sort = orjson.OPT_SORT_KEYS
    n = stop - start

    def column(name: str) -> list[Any]:
        return list(rows.column(name)[start:stop])

    def maps(values: list[Any]) -> list[bytes]:  # checklist, profile: null when empty
        return [dumps(plain(v), option=sort) if v else b"null" for v in values]

    cells = column("criteria")
    own = [i for i, c in enumerate(cells) if not isinstance(c, Cells)]
    stand_in = next((c for c in cells if isinstance(c, Cells)), None) if own else None
    if not own:
        crit = Cells.encoded_columns(cells, cache)
    elif stand_in is None:  # no dossier's cells are the call's rows: each map alone
        crit = [[dumps(c, option=sort) for c in cells]]
    else:
        # A few dossiers' cells are a map of their own (a consensus reason): the columns
        # are made for every dossier, another dossier's row standing in for theirs (the
        # columns of one source, as for a chunk without them: a national call with
        # consensus reasons has one in most chunks), then their whole JSON is put in the
        # first column and nothing in the others.
        crit = Cells.encoded_columns([stand_in if not isinstance(c, Cells) else c
                                      for c in cells], cache)
        for i in own:
            crit[0][i] = dumps(cells[i], option=sort)
            for other in crit[1:]:
                other[i] = b""
    ranks = _each(column("rank"))
    for i, total in enumerate(column("ranking_total")):
        if total is not None:  # written only where it exists, between rank and reserve
            ranks[i] += b',"ranking_total":' + dumps(total)
    values = [
        _dicts(column("amounts"), lambda v: _by_id(v, shared, lambda a: dumps(a, option=sort))),
        maps(column("checklist")),
        _literals(column("complete")),
        None,  # the criteria: their columns (above)
        _by_id(column("decision"), shared, lambda x: dumps(x.to_json(), option=sort)),
        _by_id(column("eligibility"), shared, lambda e: dumps(e, option=sort)),
        _literals(column("eligible")),
        _by_value(column("flags"), dumps),
        _each(column("id")),
        maps(column("profile")),
        ranks,
        _literals(column("reserve")),
        _dicts(column("sections"), lambda v: [dumps(x, option=sort) for x in v]),
        _literals(column("selected")),
        _by_value(column("status"), dumps),
        _each(column("title")),
        _each(column("total")),
        [b"null" if x is None else dumps(x) for x in column("verdict")],
    ]
    slots: list[list[bytes]] = []
    for key, vals in zip(_KEYS, values, strict=True):
        if key is _KEYS[0]:  # each record's opening, after the previous record's closing
            slots.append([key, *[b"}" + RECORD_JOINER + key] * (n - 1)])
        else:
            slots.append([key] * n)
        if vals is None:
            slots.extend(crit)
        else:
            slots.append(vals)
    width = len(slots)
    laid: list[bytes] = [b""] * (n * width)
    for j, slot in enumerate(slots):
        laid[j::width] = slot
    laid.append(b"}")
    return b"".join(laid)
