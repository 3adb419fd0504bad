"""``assignments.csv``'s rows read as who rates what (:func:`isgrid.call.assignments.by_assessor`)."""

from isgrid.call.assignments import by_assessor


def test_each_assessor_keeps_the_order_of_first_rows() -> None:
    rows = [("j2", "D3"), ("j1", "D1"), ("j2", "D1"), ("j1", "D2"), ("j2", "D2")]
    assert by_assessor(rows) == {"j2": ["D3", "D1", "D2"], "j1": ["D1", "D2"]}
    assert list(by_assessor(rows)) == ["j2", "j1"]  # assessors in the order they first come


def test_a_repeated_row_is_one_assignment_where_it_first_came() -> None:
    rows = [("j1", "D2"), ("j1", "D1"), ("j1", "D2"), ("j1", "D1"), ("j1", "D3")]
    assert by_assessor(rows) == {"j1": ["D2", "D1", "D3"]}


def test_a_blank_cell_assigns_nothing() -> None:
    rows = [("", "D1"), ("j1", ""), ("j1", "D1"), ("", "")]
    assert by_assessor(rows) == {"j1": ["D1"]}


def test_pairs_may_come_from_a_generator_once() -> None:
    assessors, dossiers = ["j1", "j1", "j2"], ["D1", "D1", "D1"]
    assert by_assessor(zip(assessors, dossiers, strict=True)) == {"j1": ["D1"], "j2": ["D1"]}
    assert by_assessor(iter(())) == {}
