"""A result's dossiers kept as the engine's columns (:class:`isgrid.engine.dossiers.Dossiers`):
``score`` and the result JSON make no record; a record read is made once, the same object
at every reading; equality, pickles, copies and ``dataclasses.replace`` behave as with the
tuple of records a result held before (docs/performance.md, thirty-ninth pass)."""

from __future__ import annotations

import copy
import dataclasses
import gc
import pickle
import threading
from collections.abc import Sequence

import pytest

from isgrid.call.load import load_call
from isgrid.engine import score
from isgrid.engine.dossiers import FIELDS, Dossiers, made_now
from isgrid.engine.result import DossierResult, Result
from isgrid.io.write import dumps_records_bytes
from testpaths import EXAMPLES


@pytest.fixture(scope="module")
def alsace() -> Result:
    return score(load_call(EXAMPLES / "alsace-2016"))


def _made(result: Result) -> int:
    """How many records of ``result`` exist (tracked by the collector: they hold maps)."""
    return sum(1 for o in gc.get_objects() if type(o) is DossierResult
               and any(o is d for d in result.dossiers._made))  # type: ignore[attr-defined]


def test_score_and_its_json_make_no_record() -> None:
    result = score(load_call(EXAMPLES / "alsace-2016"))
    rows = result.dossiers
    assert isinstance(rows, Dossiers) and len(rows) == 8
    assert rows._made == [None] * 8  # nothing made by the pipeline
    assert result.summary == {"irrecevable": 1, "non classé": 2, "retenu": 2, "réserve": 2,
                              "à vérifier": 1}  # worked out on the columns
    dumps_records_bytes(result.to_json(encoded=True), "dossiers")
    assert rows._made == [None] * 8  # nor by the result JSON
    assert rows.column("id")[:2] == ("AL16-01", "AL16-02")
    first = rows[0]  # made on reading, kept
    assert first.id == "AL16-01" and rows._made[0] is first and rows._made[1:] == [None] * 7
    assert _made(result) == 1


def test_each_record_is_made_once(alsace: Result) -> None:
    rows = alsace.dossiers
    d = alsace.dossier("AL16-05")
    assert rows[2] is d and rows[-6] is d and list(rows)[2] is d
    assert alsace.dossier("AL16-05") is d and rows.get("AL16-05") is d
    assert rows[1:4] == (rows[1], d, rows[3]) and isinstance(rows[1:4], tuple)
    assert d in rows and rows.index(d) == 2
    assert rows.get("nope") is None
    with pytest.raises(KeyError):
        alsace.dossier("nope")
    with pytest.raises(IndexError):
        rows[8]
    made_now(rows)
    assert len(rows._made) == 8  # type: ignore[attr-defined]  # alsace-2016's 8 dossiers
    assert all(x is not None for x in rows._made)  # type: ignore[attr-defined]
    # every record made: a dossier by id is a dict's lookup, the same records
    assert rows.get("AL16-05") is d and alsace.dossier("AL16-05") is d
    assert rows.get("nope") is None


def test_threads_reading_at_once_get_one_record_each() -> None:
    result = score(load_call(EXAMPLES / "alsace-2016"))
    got: list[list[DossierResult]] = []

    def read() -> None:
        got.append([result.dossiers[i] for i in range(8)])

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 8  # one list from each thread (a thread that raised adds none)
    assert all(all(a is b for a, b in zip(got[0], g, strict=True)) for g in got)


def test_records_read_back_as_given(alsace: Result) -> None:
    records = tuple(alsace.dossiers)
    again = Dossiers.of(records)
    assert all(a is b for a, b in zip(again, records, strict=True))
    assert again.get(records[5].id) is records[5] and again.get("nope") is None
    # the columns of records made again give equal records, field by field
    fresh = Dossiers(again.column(f) for f in FIELDS)
    assert fresh == again and fresh[3] == records[3] and fresh[3] is not records[3]
    assert fresh == records and records == fresh  # as the tuple a result held
    with pytest.raises(ValueError):
        Dossiers([("D1",)])
    with pytest.raises(TypeError):
        Dossiers.of([{"id": "D1"}])  # type: ignore[list-item]


def test_equality_pickles_copies_and_replace(alsace: Result) -> None:
    back = pickle.loads(pickle.dumps(alsace))
    assert back == alsace and isinstance(back.dossiers, Dossiers)
    assert back.dossier("AL16-03") == alsace.dossier("AL16-03")
    assert copy.deepcopy(alsace) == alsace and copy.copy(alsace) == alsace
    # a tuple of records given: held as columns, the same records read back
    records = tuple(alsace.dossiers)
    same = dataclasses.replace(alsace, dossiers=records)
    assert same == alsace and isinstance(same.dossiers, Dossiers)
    assert same.dossiers[0] is records[0]
    renamed = dataclasses.replace(records[0], title="Autre titre")
    other = dataclasses.replace(alsace, dossiers=(renamed, *records[1:]))
    assert other != alsace and other.dossier("AL16-01").title == "Autre titre"
    assert alsace.dossier("AL16-01").title != "Autre titre"  # each result its own index
    empty = dataclasses.replace(alsace, dossiers=())
    assert len(empty.dossiers) == 0 and list(empty.dossiers) == []
    assert isinstance(alsace.dossiers, Sequence)
