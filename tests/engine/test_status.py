"""status(), outcome_of(), summary() and sort_flags(): every branch, by hand."""

from __future__ import annotations

from typing import Any

import pytest

from isgrid.engine.status import FLAG_ORDER, outcome_of, sort_flags, status, summary
from isgrid.vocabulary import Status

#: A ranked dossier in a call that selects, selected: status retenu.
BASE: dict[str, Any] = {"eligible": True, "incomplete": False, "rankable": True,
                        "selecting": True, "amount_unknown": False, "selected": True,
                        "reserve": False}


def st(**changes: Any) -> Status:
    return status(**{**BASE, **changes})


def test_selected_is_retenu() -> None:
    assert st() is Status.RETENU


@pytest.mark.parametrize(("changes", "expected"), [
    # each branch in the order status() tests them
    ({"outcome": "retiré"}, Status.RETIRE),
    ({"outcome": "ajourné"}, Status.AJOURNE),
    ({"outcome": "non retenu"}, Status.NON_RETENU),
    ({"outcome": "réserve"}, Status.RESERVE),
    ({"eligible": False}, Status.IRRECEVABLE),
    ({"eligible": None}, Status.A_VERIFIER),
    ({"incomplete": True}, Status.INCOMPLET),
    ({"rankable": False}, Status.NON_CLASSE),
    ({"selecting": False}, Status.CLASSE),
    ({"amount_unknown": True}, Status.A_VERIFIER),
    ({"selected": True}, Status.RETENU),
    ({"selected": False, "reserve": True}, Status.RESERVE),
    ({"selected": None}, Status.CLASSE),  # a tie at the line: the engine did not choose
    ({"selected": False}, Status.NON_RETENU),
])
def test_each_branch(changes: dict[str, Any], expected: Status) -> None:
    assert st(**changes) is expected


@pytest.mark.parametrize(("changes", "expected"), [
    # a decision wins over everything the engine knows
    ({"outcome": "retenu", "eligible": False}, Status.RETENU),
    ({"outcome": "non retenu", "selected": True}, Status.NON_RETENU),
    # ineligible wins over incomplete, unranked, unknown amounts
    ({"eligible": False, "incomplete": True, "rankable": False, "amount_unknown": True},
     Status.IRRECEVABLE),
    # eligibility to check wins over incomplete
    ({"eligible": None, "incomplete": True}, Status.A_VERIFIER),
    # incomplete wins over not rankable
    ({"incomplete": True, "rankable": False}, Status.INCOMPLET),
    # not ranked: non classé even in a call that does not select
    ({"rankable": False, "selecting": False}, Status.NON_CLASSE),
    # without a line, an unknown amount does not matter: classé
    ({"selecting": False, "amount_unknown": True}, Status.CLASSE),
    # an unknown amount wins over selected / reserve
    ({"amount_unknown": True, "selected": None, "reserve": True}, Status.A_VERIFIER),
    # selected wins over reserve
    ({"selected": True, "reserve": True}, Status.RETENU),
    # on the reserve with selected None
    ({"selected": None, "reserve": True}, Status.RESERVE),
])
def test_precedence(changes: dict[str, Any], expected: Status) -> None:
    assert st(**changes) is expected


def test_unknown_outcome_is_refused() -> None:
    with pytest.raises(ValueError):
        st(outcome="peut-être")


@pytest.mark.parametrize(("s", "expected"), [
    ("retenu", "retenu"),
    ("réserve", "réserve"),
    ("non retenu", "non retenu"),
    ("irrecevable", "non retenu"),
    ("incomplet", "non retenu"),
    ("non classé", "non retenu"),
    ("classé", None),
    ("à vérifier", None),
    (Status.RETENU, "retenu"),
    (Status.IRRECEVABLE, "non retenu"),
    (Status.CLASSE, None),
])
def test_outcome_of(s: str, expected: str | None) -> None:
    out = outcome_of(s)
    assert out == expected
    assert out is None or type(out) is str  # a plain string, not the enum


def test_summary_counts_by_status_name_sorted() -> None:
    got = summary([Status.RETENU, "réserve", Status.RETENU, Status.IRRECEVABLE, "classé"])
    # retenu 2, réserve 1, irrecevable 1, classé 1; keys in str order
    assert got == {"classé": 1, "irrecevable": 1, "retenu": 2, "réserve": 1}
    assert list(got) == ["classé", "irrecevable", "retenu", "réserve"]
    assert summary([]) == {}


def test_sort_flags_by_kind_stable_within_a_kind_without_repeats() -> None:
    flags = ["overridden:jury", "tie", "zzz-new", "disagreement:Q2", "ineligible:R1",
             "disagreement:Q1", "tie", "partial-grant", "unknown:amount_requested",
             "tie-at-line", "conflict-excluded:j2", "overridden:vote"]
    # FLAG_ORDER: ineligible, unknown, ..., disagreement, conflict-excluded, tie, tie-at-line,
    # ..., partial-grant, overridden; an unknown kind last; Q2 before Q1 (input order kept)
    assert sort_flags(flags) == (
        "ineligible:R1", "unknown:amount_requested", "disagreement:Q2", "disagreement:Q1",
        "conflict-excluded:j2", "tie", "tie-at-line", "partial-grant", "overridden:jury",
        "overridden:vote", "zzz-new")


def test_sort_flags_follows_flag_order() -> None:
    shuffled = list(reversed(FLAG_ORDER))
    assert sort_flags(shuffled) == tuple(FLAG_ORDER)


def test_sort_flags_small_inputs() -> None:
    assert sort_flags([]) == ()
    assert sort_flags(["tie"]) == ("tie",)
    assert sort_flags(iter(["tie", "ineligible:X"])) == ("ineligible:X", "tie")
