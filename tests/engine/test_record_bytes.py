"""The result JSON's dossier records assembled from pieces (``Result.to_json(encoded=True)``,
what ``isgrid score --format json`` writes) are byte for byte the records the generic
encoder writes from ``Result.to_json()``'s plain dicts: in every example, across the
chunks the cells are made in, for a grid with ranking weights, for cells that are not
rows (consensus reasons), and when a value sends a record back to the generic path."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.engine import score
from isgrid.engine.result import _RECORD_KEYS, Amounts, Cells, Result
from isgrid.io.write import EncodedRecords, dumps_records_bytes
from testpaths import EXAMPLES

EXAMPLE_CALLS = sorted(p.name for p in EXAMPLES.iterdir() if (p / "call.yaml").exists())


def _both(result: Result) -> tuple[bytes, bytes]:
    encoded = result.to_json(encoded=True)
    assert isinstance(encoded["dossiers"], EncodedRecords)
    return (dumps_records_bytes(encoded, "dossiers"),
            dumps_records_bytes(result.to_json(), "dossiers"))


@pytest.mark.parametrize("name", EXAMPLE_CALLS)
def test_every_example_writes_the_generic_bytes(name: str) -> None:
    fast, generic = _both(score(load_call(EXAMPLES / name)))
    assert fast == generic
    assert json.loads(fast)["dossiers"]  # not two empty lists


@pytest.mark.parametrize("chunk", [1, 2, 3, 1000])
def test_chunks_and_both_ways_of_making_cells_give_the_same_bytes(
        chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # a chunk of 1-3 dossiers holds fewer rows than the call has distinct cells (each
    # column reduced to the groups it holds); 1000 holds more (a piece per distinct cell)
    result = score(load_call(EXAMPLES / "alsace-2016"))
    monkeypatch.setattr(Result, "_ENCODE_CHUNK", chunk)
    fast, generic = _both(result)
    assert fast == generic


def test_the_keys_are_written_sorted_as_the_generic_encoder_sorts_them() -> None:
    assert list(_RECORD_KEYS) == sorted(_RECORD_KEYS)
    d = score(load_call(EXAMPLES / "alsace-2016")).dossiers[0]
    assert set(d.to_json()) | {"ranking_total"} == set(_RECORD_KEYS)


def test_a_grid_with_ranking_weights_writes_its_ranking_total(tmp_path: Path) -> None:
    from test_funders_rules import grid, rows

    scores = {"A": (3, 3.5, 3.5), "C": (4, 3, 3)}
    folder = make_call(tmp_path, grid(impact_ranking="    ranking_weight: 1.5\n"),
                       dossiers=[{"id": d} for d in scores], ratings=rows(scores))
    fast, generic = _both(score(load_call(folder)))
    assert fast == generic
    # A: 15 x (3 + 1.5 x 3.5 + 3.5) / (5 x 3.5) = 15 x 11.75 / 17.5 (worked out by hand)
    a = next(d for d in json.loads(fast)["dossiers"] if d["id"] == "A")
    assert a["ranking_total"] == pytest.approx(15 * 11.75 / 17.5)


def test_cells_that_are_not_rows_and_a_record_sent_back_to_the_generic_path() -> None:
    result = score(load_call(EXAMPLES / "alsace-2016"))
    first, second, *rest = result.dossiers
    # a dossier whose cells are a plain read-only map (as with a consensus reason), and
    # one whose request is an integer beyond 64 bits (orjson refuses it)
    plain = dataclasses.replace(first, criteria=dict(first.criteria))
    huge = dataclasses.replace(second, amounts=Amounts(1e30, None))
    assert isinstance(first.criteria, Cells) and not isinstance(plain.criteria, Cells)
    changed = dataclasses.replace(result, dossiers=(plain, huge, *rest), _by_id={})
    fast, generic = _both(changed)
    assert fast == generic
    assert json.loads(fast)["dossiers"][1]["amounts"]["requested"] == int(1e30)  # the float 1e30, exactly


def test_no_dossiers_is_an_empty_list(tmp_path: Path) -> None:
    result = score(load_call(EXAMPLES / "alsace-2016"))
    empty = dataclasses.replace(result, dossiers=(), _by_id={})
    fast, generic = _both(empty)
    assert fast == generic
    assert json.loads(fast)["dossiers"] == []
