"""A dossier's criterion cells as a row over the call's distinct cells (``result.Cells``):
read as a mapping in the grid's order, written once per distinct cell in the result JSON,
byte for byte what a plain dict of the same cells gives."""

from __future__ import annotations

import json
import pickle

import pytest

from isgrid.engine.result import Cell, Cells, FrozenDict
from isgrid.io.write import Encoded, dumps_records_bytes


def _cell(value: float | int | None, n: int) -> Cell:
    return Cell(value=value, raw=value, consensus=None, n=n, na=0, min=value, max=value,
                spread=0 if value is not None else None, consensus_reason=None)


# Two distinct cells; the grid's order is C2 then C10 (not the sorted order, on purpose:
# "C10" < "C2" as text, so the JSON's sorted keys differ from the grid's order).
LOW, HIGH = _cell(1, 3), _cell(3.5, 4)
INDEX = {"C2": 0, "C10": 1}


def test_reads_as_a_mapping_in_the_grid_order() -> None:
    row = Cells(INDEX, [LOW, HIGH], [1, 0])  # C2 is group 1 (HIGH), C10 group 0 (LOW)
    assert list(row) == ["C2", "C10"]
    assert len(row) == 2
    assert row["C2"] is HIGH and row["C10"] is LOW
    assert row.get("C3") is None and row.get("C3", LOW) is LOW and row.get("C2") is HIGH
    assert "C10" in row and "C3" not in row
    assert dict(row) == {"C2": HIGH, "C10": LOW}
    assert row == {"C2": HIGH, "C10": LOW}
    assert row != {"C2": LOW, "C10": HIGH}
    with pytest.raises(KeyError):
        row["C3"]


def test_cannot_be_changed() -> None:
    row = Cells(INDEX, [LOW, HIGH], [0, 0])
    with pytest.raises(TypeError):
        row["C2"] = HIGH  # type: ignore[index]


def test_pickles_as_a_read_only_dict() -> None:
    row = Cells(INDEX, [LOW, HIGH], [1, 1])
    back = pickle.loads(pickle.dumps(row))
    assert isinstance(back, FrozenDict)
    assert back == {"C2": HIGH, "C10": HIGH}


def test_encoded_once_with_sorted_keys_as_a_dict_would_be() -> None:
    cells = [LOW, HIGH]
    rows = [Cells(INDEX, cells, [1, 0]), Cells(INDEX, cells, [0, 0])]
    cache: dict[int, object] = {}
    first = rows[0].encoded(cache)
    assert isinstance(first, Encoded)
    high = ('{"consensus":null,"consensus_reason":null,"max":3.5,"min":3.5,"n":4,"na":0,'
            '"raw":3.5,"spread":0,"value":3.5}')
    low = ('{"consensus":null,"consensus_reason":null,"max":1,"min":1,"n":3,"na":0,'
           '"raw":1,"spread":0,"value":1}')
    # written by hand: keys sorted as text, C10 before C2
    assert first.json == f'{{"C10":{low},"C2":{high}}}'.encode()
    assert rows[1].encoded(cache).json == f'{{"C10":{low},"C2":{low}}}'.encode()
    # each distinct cell was encoded once, for the two rows: one list of two, in the cache
    assert [len(v) for v in cache.values() if isinstance(v, list) and
            isinstance(v[0], bytes)] == [2]


def test_made_once_per_distinct_cell_in_the_grid_order() -> None:
    # positions deliberately not in the grid's order: C2 is the row's second number
    index = {"C2": 1, "C10": 0}
    cells = [LOW, HIGH]
    rows = [Cells(index, cells, [0, 1]), Cells(index, cells, [1, 1])]
    calls: list[object] = []

    def text(c: Cell) -> str:
        calls.append(c)
        return f"{c.value}/{c.n}"

    cache: dict[int, object] = {}
    # C2 is group 1 (HIGH) in the first row, C10 group 0 (LOW); both HIGH in the second
    assert rows[0].made(text, cache) == ["3.5/4", "1/3"]
    assert rows[1].made(text, cache) == ["3.5/4", "3.5/4"]
    assert rows[0].made(text, cache) == [text(rows[0][c]) for c in rows[0]][:2]
    assert calls[:2] == [LOW, HIGH]  # each distinct cell once, for both rows
    assert len(calls) == 4  # and the two direct calls of the line above


def test_a_record_with_encoded_cells_is_written_as_plain_json() -> None:
    row = Cells(INDEX, [LOW, HIGH], [1, 0])
    plain = {"id": "D1", "criteria": {k: dict(v) for k, v in row.items()}}
    shared = {"id": "D1", "criteria": row.encoded({})}
    assert (dumps_records_bytes({"dossiers": [shared]}, "dossiers")
            == dumps_records_bytes({"dossiers": [plain]}, "dossiers"))


def test_the_standard_library_fallback_reads_encoded_cells() -> None:
    # an integer beyond 64 bits (a hostile amount) sends the record to json.dumps
    row = Cells(INDEX, [LOW, HIGH], [1, 0])
    big = 10 ** 30
    text = dumps_records_bytes({"dossiers": [{"id": "D1", "requested": big,
                                              "criteria": row.encoded({})}]}, "dossiers")
    back = json.loads(text)["dossiers"][0]
    assert back["requested"] == big
    assert back["criteria"]["C2"]["value"] == 3.5
    assert back["criteria"]["C10"]["n"] == 3


def test_rows_of_the_calls_matrix_read_and_write_as_lists() -> None:
    """Cells made from the call's matrix of group numbers (``groups``, ``at``) are the
    cells of the same numbers given as lists: read, encoded one by one or many at once,
    also mixed with list rows in one call of ``encoded_many``."""
    import numpy as np

    cells = [LOW, HIGH]
    numbers = [[1, 0], [0, 0], [1, 1]]
    groups = np.array(numbers, dtype=np.int64)
    from_matrix = [Cells(INDEX, cells, groups=groups, at=i) for i in range(3)]
    from_lists = [Cells(INDEX, cells, row) for row in numbers]
    assert [dict(c) for c in from_matrix] == [dict(c) for c in from_lists]
    assert from_matrix[0]["C2"] is HIGH and from_matrix[0].get("C10") is LOW
    assert [c.encoded({}).json for c in from_matrix] == [c.encoded({}).json for c in from_lists]
    want = Cells.encoded_many(from_lists, {})
    # the mapping's order is C2, C10; JSON's keys are sorted: C10 first (by hand, row 0)
    assert want[0].startswith(b'{"C10":{') and b'"C2":{' in want[0]
    assert Cells.encoded_many(from_matrix, {}) == want
    mixed = [from_matrix[0], from_lists[1], from_matrix[2]]
    assert Cells.encoded_many(mixed, {}) == want
    # the matrix is read once per dossier, into the same list a row is
    assert from_matrix[1]._numbers() == [0, 0]


def test_a_row_or_the_groups_must_be_given() -> None:
    with pytest.raises(TypeError):
        Cells(INDEX, [LOW, HIGH])
