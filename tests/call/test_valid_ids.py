"""``valid_ids``: the ids of a dossier table checked at once, exactly as ``valid_id`` checks
each (the one rule); ``case_clashes``' shortcut for calls without a clash."""

from __future__ import annotations

import random
import string

from isgrid.call.dossier_facts import valid_id, valid_ids
from isgrid.call.idcase import case_clashes
from isgrid.errors import Location


def test_cases_by_hand() -> None:
    assert valid_ids([])
    assert valid_ids(["AL16-01", "a.b_c", "9"])
    assert valid_ids(["A" * 64])
    assert not valid_ids(["A" * 65])  # ID_MAX_LENGTH
    assert not valid_ids(["AL16-01", ""])  # an empty id is no id
    assert not valid_ids(["AL16-01", "-x"])  # starts with a letter or digit
    assert not valid_ids(["AL16\n01"])  # a line end inside: not a separator
    assert not valid_ids(["A", "B\nC", "D"])
    assert not valid_ids(["é1"])


def test_the_same_answer_as_each_id_checked_alone() -> None:
    rnd = random.Random(20)
    alphabet = string.ascii_letters + string.digits + "._- \n\té/"
    for _ in range(20_000):
        ids = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))).strip()
               for _ in range(rnd.randint(0, 4))]
        assert valid_ids(ids) == all(w and valid_id(w) for w in ids), ids


def test_case_clashes_without_and_with_a_clash() -> None:
    def where(i: int) -> Location:
        return Location("dossiers.csv", line=i + 2)

    assert case_clashes("dossier", ["a1", "A2", "b3", "a1"], where) == []  # a repeat: no clash
    found = case_clashes("dossier", ["a1", "A2", "A1", "a2"], where)
    assert [(d.code, d.location.line) for d in found] == [("id-case-clash", 4),
                                                          ("id-case-clash", 5)]
