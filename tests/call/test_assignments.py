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


def _reference(rows: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The rule, written plainly: a pair once, where it first came; blanks assign nothing."""
    out: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    for a, d in rows:
        if a and d and (a, d) not in seen:
            seen.add((a, d))
            out.setdefault(a, []).append(d)
    return out


def test_random_rows_read_as_the_plain_rule() -> None:
    import random

    rng = random.Random(7)
    for _ in range(300):
        rows = [(rng.choice(["", "j1", "j2", "j3", "j10"]), rng.choice(["", "D1", "D2", "D3"]))
                for _ in range(rng.randrange(0, 25))]
        got = by_assessor(rows)
        want = _reference(rows)
        assert got == want
        assert list(got) == list(want)
