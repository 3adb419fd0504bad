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
from isgrid.engine import records, score
from isgrid.engine.records import RECORD_KEYS as _RECORD_KEYS
from isgrid.engine.result import Amounts, Cells, Result
from isgrid.io.write import EncodedRecords, dumps_records_bytes
from testpaths import EXAMPLES

EXAMPLE_CALLS = sorted(p.name for p in EXAMPLES.iterdir() if (p / "call.yaml").exists())


def _both(result: Result, *, shared: bool = True) -> tuple[bytes, bytes]:
    """The bytes of the encoded records, and the generic encoder's of ``to_json()``
    (checked equal to those of ``to_json(shared=True)``, the former path, too)."""
    encoded = result.to_json(encoded=True)
    assert isinstance(encoded["dossiers"], EncodedRecords)
    fast = dumps_records_bytes(encoded, "dossiers")
    generic = dumps_records_bytes(result.to_json(), "dossiers")
    if shared:
        assert dumps_records_bytes(result.to_json(shared=True), "dossiers") == generic
    return fast, generic


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
    monkeypatch.setattr(records, "ENCODE_CHUNK", chunk)
    fast, generic = _both(result)
    assert fast == generic


def test_the_keys_are_written_sorted_as_the_generic_encoder_sorts_them() -> None:
    assert list(_RECORD_KEYS) == sorted(_RECORD_KEYS)
    result = score(load_call(EXAMPLES / "alsace-2016"))
    assert set(result.dossiers[0].to_json()) | {"ranking_total"} == set(_RECORD_KEYS)
    written = dumps_records_bytes(result.to_json(encoded=True), "dossiers")
    records = json.loads(written, object_pairs_hook=lambda pairs: pairs)
    dossiers = dict(records)["dossiers"]
    for record in dossiers:  # the order the writer writes, read back
        assert [k for k, _ in record] == [k for k in _RECORD_KEYS if k != "ranking_total"]


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


@pytest.mark.parametrize("chunk", [1, 2, 1000])
def test_cells_that_are_not_rows_and_a_record_sent_back_to_the_generic_path(
        chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # chunk 1: a chunk whose only dossier's cells are its own map (no row to stand in);
    # 2 and 1000: beside rows of the call's matrix
    result = score(load_call(EXAMPLES / "alsace-2016"))
    monkeypatch.setattr(records, "ENCODE_CHUNK", chunk)
    first, second, *rest = result.dossiers
    # a dossier whose cells are a plain read-only map (as with a consensus reason), and
    # one whose request is an integer beyond 64 bits (orjson refuses it)
    plain = dataclasses.replace(first, criteria=dict(first.criteria))
    huge = dataclasses.replace(second, amounts=Amounts(1e30, None))
    assert isinstance(first.criteria, Cells) and not isinstance(plain.criteria, Cells)
    changed = dataclasses.replace(result, dossiers=(plain, huge, *rest))
    fast, generic = _both(changed)
    assert fast == generic
    assert json.loads(fast)["dossiers"][1]["amounts"]["requested"] == int(1e30)  # the float 1e30, exactly


def test_no_dossiers_is_an_empty_list(tmp_path: Path) -> None:
    result = score(load_call(EXAMPLES / "alsace-2016"))
    empty = dataclasses.replace(result, dossiers=())
    fast, generic = _both(empty)
    assert fast == generic
    assert json.loads(fast)["dossiers"] == []


def test_hand_built_values_are_written_as_the_generic_encoder_writes_them() -> None:
    # DossierResult is public: 1 and 0 where the engine puts True and False are written
    # 1 and 0 (not true and false), and an empty profile next to a value orjson refuses
    # (the record then goes through the generic path) is null, as in to_json(shared=True)
    result = score(load_call(EXAMPLES / "alsace-2016"))
    first, second, *rest = result.dossiers
    ints = dataclasses.replace(first, eligible=1, complete=0, reserve=1.0)  # type: ignore[arg-type]
    empty = dataclasses.replace(second, profile={}, amounts=Amounts(1e30, None))
    changed = dataclasses.replace(result, dossiers=(ints, empty, *rest))
    fast, generic = _both(changed)
    assert fast == generic
    written = json.loads(fast)["dossiers"]
    assert (written[0]["eligible"], written[0]["complete"], written[0]["reserve"]) == (1, 0, 1.0)
    assert written[1]["profile"] is None


def test_a_cell_orjson_refuses_sends_only_its_record_to_the_generic_path() -> None:
    result = score(load_call(EXAMPLES / "alsace-2016"))
    first, *rest = result.dossiers
    assert isinstance(first.criteria, Cells)
    cell = next(iter(first.criteria.values()))
    huge = cell.replaced(value=10**30, raw=10**30)  # beyond 64 bits: orjson refuses it
    row = Cells({cid: i for i, cid in enumerate(first.criteria)}, [huge],
                [0] * len(first.criteria))
    changed = dataclasses.replace(result, dossiers=(dataclasses.replace(first, criteria=row),
                                                    *rest))
    fast, generic = _both(changed, shared=False)  # the former path raised here
    assert fast == generic
    assert json.loads(fast)["dossiers"][0]["criteria"][next(iter(row))]["value"] == 10**30


def test_each_value_encoded_from_one_list() -> None:
    # numbers and ids: the list's JSON split at its commas, each piece the value's own JSON
    assert records._each([1, None, 2.5, 3.0, -0.0]) == [b"1", b"null", b"2.5", b"3.0", b"-0.0"]
    assert records._each(["D-01", "D.02"]) == [b'"D-01"', b'"D.02"']
    # a comma inside a value (a text, a map): one piece too many, each value encoded alone
    assert records._each(["a,b", 1]) == [b'"a,b"', b"1"]
    assert records._each([{"x": 1, "y": 2}]) == [b'{"x":1,"y":2}']
    assert records._each([]) == []


def test_maps_encoded_from_one_list() -> None:
    """Sections and amounts: the list's JSON split at ``},{``, each piece given back its
    braces, is each map's own JSON (sorted keys); a text holding ``},{`` or a value that
    is not a map sends the list to the one-by-one encoding."""
    def alone(values: list[object]) -> list[bytes]:
        return [b"ALONE"] * len(values)

    assert records._dicts([{"b": 1, "a": 2.5}, {}, Amounts(10, 8)], alone) == [
        b'{"a":2.5,"b":1}', b"{}", b'{"granted":null,"proposed":8,"requested":10}']
    assert records._dicts([{"a": "x},{y"}, {"a": 1}], alone) == [b"ALONE"] * 2
    assert records._dicts([{"a": 1}, None], alone) == [b"ALONE"] * 2
    assert records._dicts([], alone) == []
