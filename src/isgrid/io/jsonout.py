"""Deterministic JSON outputs (results, records one per line), re-exported by
:mod:`isgrid.io.write`, where every writer finds them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any


def dumps_json(data: Any) -> str:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def dumps_records(data: dict[str, Any], records_key: str) -> str:
    """Deterministic JSON with one record of ``data[records_key]`` per line (as text)."""
    return dumps_records_bytes(data, records_key).decode("utf-8")


def dumps_records_bytes(data: dict[str, Any], records_key: str) -> bytes:
    """Deterministic JSON with one record of ``data[records_key]`` per line, UTF-8.

    For large results: each top-level key on its own line, each record compact
    on one line (sorted keys).  It is readable, diff-friendly (one dossier per
    line), and fast: records are encoded by orjson, as bytes, straight to the
    file (a national call's result is 80 MB; the standard library's encoder
    alone took longer than reading the ratings).  ``json.loads`` gives exactly
    the same data as :func:`dumps_json`.
    """
    return b"".join(iter_records(data, records_key))


def iter_records(data: dict[str, Any], records_key: str) -> Iterator[bytes]:
    """The bytes of :func:`dumps_records_bytes`, piece by piece (for writing as they come)."""
    yield b"{\n"
    keys = sorted(data)
    for i, key in enumerate(keys):
        comma = b",\n" if i < len(keys) - 1 else b"\n"
        value = data[key]
        if key == records_key and isinstance(value, EncodedRecords) and len(value):
            # the same bytes as a list's records below, written as their maker joined them
            # (a few MB at a time): no second copy, and no Python step per record
            yield b"  " + _compact(key) + b": [\n    "
            first = True
            for piece in value:  # each piece a few thousand records (EncodedRecords)
                if not first:
                    yield RECORD_JOINER
                first = False
                yield piece
            yield b"\n  ]" + comma
        elif key == records_key and isinstance(value, list) and value:
            yield b"  " + _compact(key) + b": [\n"
            last = len(value) - 1
            for j, record in enumerate(value):
                yield b"    " + _compact(record) + (b",\n" if j < last else b"\n")
            yield b"  ]" + comma
        elif isinstance(value, EncodedRecords):  # no records: as an empty list
            yield b"  " + _compact(key) + b": []" + comma
        else:
            yield b"  " + _compact(key) + b": " + _compact(value) + comma
    yield b"}\n"


def compact(x: Any) -> bytes:
    """One value as the compact JSON with sorted keys of a record (:func:`iter_records`)."""
    return _compact(x)


def _compact(x: Any) -> bytes:
    """One value as compact JSON with sorted keys.

    orjson where it can; the standard library for what orjson refuses (integers
    beyond 64 bits, which a hostile dossier may hold).  orjson would write NaN
    as null: a result never holds NaN (the fuzz tests check the data itself).
    """
    import orjson

    try:
        return orjson.dumps(x, default=_fragment,
                            option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(x, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False, default=_unfragment).encode("utf-8")


#: what separates two records of the result JSON (:func:`iter_records`)
RECORD_JOINER = b",\n    "


class EncodedRecords:
    """Records already encoded (:meth:`isgrid.engine.result.Result.to_json` with
    ``encoded=True``), made as :func:`iter_records` writes them, a few thousand at a time:
    ``make()`` yields pieces of consecutive records' compact JSON, the records of a piece
    joined by :data:`RECORD_JOINER` (a record alone is a piece); ``n`` is the number of
    records."""

    __slots__ = ("_make", "_n")

    def __init__(self, make: Callable[[], Iterator[bytes]], n: int) -> None:
        self._make = make
        self._n = n

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[bytes]:
        return self._make()


class Encoded:
    """A value already encoded as compact JSON with sorted keys, to be written as it is
    (the result's criterion cells: each distinct cell is encoded once, not per dossier)."""

    __slots__ = ("json",)

    def __init__(self, json: bytes) -> None:
        self.json = json


def _fragment(x: Any) -> Any:
    """orjson's ``default``: an :class:`Encoded` value is written as it is."""
    import orjson

    if isinstance(x, Encoded):
        return orjson.Fragment(x.json)
    raise TypeError(f"{type(x).__name__} is not JSON serialisable")


def _unfragment(x: Any) -> Any:
    """The standard library's ``default``: an :class:`Encoded` value as data."""
    if isinstance(x, Encoded):
        return json.loads(x.json)
    raise TypeError(f"{type(x).__name__} is not JSON serialisable")
