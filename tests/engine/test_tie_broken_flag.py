"""The engine records, where it ranks, the step of the call's tie-break cascade that put a
dossier after the rank above it at an equal ranking key: ``Entry.parted_by`` in
:func:`isgrid.engine.rank.rank`, the pipeline's flag ``tie-broken:<by>`` (docs/result.md).
The documents read it (isgrid.documents.tiebreak) instead of comparing totals."""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.engine import rank as rank_module
from isgrid.engine import score
from isgrid.engine.rank import Entry, rank
from isgrid.engine.status import FLAG_ORDER, sort_flags
from tiebreak_calls import tie_call


def _parted(entries: list[Entry], orders: list[str]) -> list[tuple[str, int | None, int | None]]:
    return [(e.id, e.rank, e.parted_by) for e in rank(entries, orders)]


def test_three_at_an_equal_total_parted_by_their_dates() -> None:
    # 67.9 each, deposited 14, 16 and 18 February, earliest first: C, B, A; each after the
    # one above by the date, the only step (index 0); the 80 above has no equal key
    es = [Entry("A", (67.9,), ["2026-02-18"]), Entry("B", (67.9,), ["2026-02-16"]),
          Entry("C", (67.9,), ["2026-02-14"]), Entry("X", (80.0,), ["2026-02-20"])]
    assert _parted(es, ["asc"]) == [("X", 1, None), ("C", 2, None), ("B", 3, 0),
                                    ("A", 4, 0)]


def test_a_cascade_of_two_steps_the_first_equal() -> None:
    # (section, date), section highest first then date earliest first: C's section 1.0
    # beats 0.75 (step 0); B and A share 0.75, B's earlier date puts A after it (step 1)
    es = [Entry("A", (75.0,), [0.75, "2026-02-18"]), Entry("B", (75.0,), [0.75, "2026-02-14"]),
          Entry("C", (75.0,), [1.0, "2026-02-20"])]
    assert _parted(es, ["desc", "asc"]) == [("C", 1, None), ("B", 2, 0), ("A", 3, 1)]


def test_tied_dossiers_share_the_step_and_equal_keys_are_within_eps() -> None:
    # B and C are equal on both steps: the same rank (tie), both after A by the date;
    # 75 + 1e-12 is 75 (EPS 1e-9), 74.999 is not: D follows no equal key
    es = [Entry("A", (75.0,), [0.75, "2026-02-10"]),
          Entry("B", (75.0 + 1e-12,), [0.75, "2026-02-14"]),
          Entry("C", (75.0,), [0.75, "2026-02-14"]), Entry("D", (74.999,), [1.0, "2026-01-01"])]
    got = rank(es, ["desc", "asc"])
    assert [(e.id, e.rank, e.tie, e.parted_by) for e in got] == [
        ("A", 1, False, None), ("B", 2, True, 1), ("C", 2, True, 1), ("D", 4, False, None)]


def test_a_missing_value_goes_last_and_is_the_step() -> None:
    # B has no date: missing values go last, the date parts them
    es = [Entry("B", (5.0,), [0.5, None]), Entry("A", (5.0,), [0.5, "2026-02-14"])]
    assert _parted(es, ["desc", "asc"]) == [("A", 1, None), ("B", 2, 1)]


def test_the_columns_pass_records_the_same_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    # 300 entries (the numpy first pass from 256): keys 0..6 repeat, one tie value i % 3,
    # ascending.  Within a key the values 0, 1, 2 in turn, each a tied group: 0 follows no
    # equal key, 1 and 2 are after the group above by step 0 -- the 200 entries whose
    # i % 3 is 1 or 2
    def entries() -> list[Entry]:
        return [Entry(f"D{i:04d}", (float(i % 7),), [i % 3]) for i in range(300)]

    got = rank(entries(), ["asc"])
    assert sum(e.parted_by == 0 for e in got) == 200
    assert all((e.parted_by is None) == (e.tie_values == [0]) for e in got)
    monkeypatch.setattr(rank_module, "_COLUMNS_FROM", 10**9)  # Python's first pass
    by_python = rank(entries(), ["asc"])
    assert [(e.id, e.parted_by) for e in by_python] == [(e.id, e.parted_by) for e in got]


def test_the_pipeline_flags_the_step_by_its_name(tmp_path: Path) -> None:
    """tests/tiebreak_calls.py, worked out there: D3 after D2 by the section, D4 after
    D3 and D5 after D4 by the date (the section equal); D1 (100), D2 (first at 75) and
    D6 (50) follow no equal total."""
    result = score(load_call(tie_call(tmp_path)))
    flags = {d.id: [f for f in d.flags if f.startswith("tie-broken")] for d in result.dossiers}
    assert flags == {"D1": [], "D2": [], "D3": ["tie-broken:section:besoin"],
                     "D4": ["tie-broken:fact:submitted_at"],
                     "D5": ["tie-broken:fact:submitted_at"], "D6": []}
    assert [(d.id, d.rank) for d in result.dossiers] == [
        ("D1", 1), ("D2", 2), ("D3", 3), ("D4", 4), ("D5", 5), ("D6", 6)]
    as_json = {d["id"]: d["flags"] for d in result.to_json()["dossiers"]}
    assert as_json["D4"] == ["tie-broken:fact:submitted_at"]


def test_without_a_cascade_equal_totals_stay_tied(tmp_path: Path) -> None:
    result = score(load_call(tie_call(tmp_path, tie_breaks=[])))
    by = {d.id: d for d in result.dossiers}
    # D2, D3, D4, D5 all at 75: rank 2, tied, nothing parted them
    assert [by[i].rank for i in ("D2", "D3", "D4", "D5")] == [2, 2, 2, 2]
    assert not any(f.startswith("tie-broken") for d in result.dossiers for f in d.flags)
    assert "tie" in by["D3"].flags


def test_the_flag_has_its_place_in_the_documented_order() -> None:
    assert FLAG_ORDER.index("tie") < FLAG_ORDER.index("tie-broken") \
        < FLAG_ORDER.index("tie-at-line")
    assert sort_flags(["tie-at-line", "tie-broken:fact:submitted_at", "tie"]) == (
        "tie", "tie-broken:fact:submitted_at", "tie-at-line")
