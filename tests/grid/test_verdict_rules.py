"""Checklist verdict rules in the grid language: shape, checks, and the shared combinators.

Every expected outcome is worked out by hand in a comment; located errors are checked at
the line and column of the listing written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrid.grid.facts import evaluate
from isgrid.grid.load import load_grid, validate_grid_file
from isgrid.grid.logic import at_least, effective_verdict, verdict_text
from isgrid.grid.model import Condition

ELIG = ("fail", "pass")
CHECK = ("not-met", "partly", "met")


# ----------------------------------------------------------------- the combinator
@pytest.mark.parametrize(("need", "outs", "want"), [
    # all (need = number of parts): one fail settles it, even beside an unknown
    (2, ["fail", "unknown"], "fail"),
    # all: a pass and an unknown could still fail: unknown
    (2, ["pass", "unknown"], "unknown"),
    (2, ["pass", "pass"], "pass"),
    # any (need 1): one pass settles it
    (1, ["pass", "unknown"], "pass"),
    (1, ["fail", "unknown"], "unknown"),
    (1, ["fail", "fail"], "fail"),
    # at least 2 of 3: two passes suffice whatever the third
    (2, ["pass", "pass", "unknown"], "pass"),
    # two fails of three: at most one can pass
    (2, ["fail", "fail", "unknown"], "fail"),
    (2, ["pass", "fail", "unknown"], "unknown"),
    # an empty all holds, an empty any fails (as eligibility always did)
    (0, [], "pass"),
    (1, [], "fail"),
])
def test_at_least_on_eligibility_outcomes(need: int, outs: list[str], want: str) -> None:
    assert at_least(need, outs, ELIG, "unknown") == want


@pytest.mark.parametrize(("need", "outs", "want"), [
    # the default checklist rule, all of the core criteria:
    (3, ["met", "met", "met"], "met"),             # caractérisé
    (3, ["met", "partly", "met"], "partly"),       # partiellement: the worst part
    (3, ["met", "not-met", None], "not-met"),      # a not-met settles it
    (3, ["met", "partly", None], None),            # the unrated one could be not-met
    # any: the best part
    (1, ["not-met", "partly"], "partly"),
    (1, ["not-met", None], None),
    # at least 2 of 3: the second best
    (2, ["met", "partly", "not-met"], "partly"),
])
def test_at_least_on_checklist_states(need: int, outs: list[str | None],
                                      want: str | None) -> None:
    assert at_least(need, outs, CHECK, None) == want


def test_eligibility_rules_gain_at_least() -> None:
    # at least 2 of: region is Alsace (pass), amount <= 10000 (12000: fail), a partner
    # (missing: unknown) -> one pass, one fail, one unknown: unknown; with the partner, pass.
    cond = Condition.model_validate({"at_least": 2, "of": [
        {"fact": "region", "equals": "Alsace"},
        {"fact": "amount", "le": 10000},
        {"fact": "partner", "present": True},
    ]})
    # `present` is never unknown: a missing partner fails it -> pass, fail, fail: fail
    assert evaluate(cond, {"region": "Alsace", "amount": 12000}) == "fail"
    assert evaluate(cond, {"region": "Alsace", "amount": 12000, "partner": "x"}) == "pass"
    # amount missing: pass (region), unknown (amount), fail (partner): unknown
    assert evaluate(cond, {"region": "Alsace"}) == "unknown"


def test_at_least_needs_of() -> None:
    with pytest.raises(ValueError, match="at_least"):
        Condition.model_validate({"at_least": 1})
    with pytest.raises(ValueError, match="at_least"):
        Condition.model_validate({"of": [{"fact": "x", "present": True}]})


# ----------------------------------------------------------------- grid files
GRID = [
    "id: g",  # 1
    'version: "1"',  # 2
    "title: Grille",  # 3
    "mode: checklist",  # 4
    "counts_as: {met: 2, partly: 1}",  # 5
    "scales:",  # 6
    "  s:",  # 7
    "    levels: [{value: 0, label: Non}, {value: 1, label: En partie}, {value: 2, label: Oui}]",
    "verdict:",  # 9
    "  at_least: 1",  # 10
    "  of:",  # 11
    "    - {criterion: C1}",  # 12
    "    - {criterion: C2}",  # 13
    "    - {criterion: C3, only_with: [C1, C2]}",  # 14
    "sections:",  # 15
    "  - id: s1",  # 16
    "    label: Section",  # 17
    "    criteria:",  # 18
    "      - {id: C1, label: Un, scale: s, dimension: D1, provenance: {status: inferred}}",
    "      - {id: C2, label: Deux, scale: s, dimension: D2, provenance: {status: inferred}}",
    "      - {id: C3, label: Trois, scale: s, dimension: D6, provenance: {status: inferred}}",
]


def write(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "g.yaml"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_a_good_rule_loads_and_reads_back(tmp_path: Path) -> None:
    loaded = load_grid(write(tmp_path, GRID))
    rule = loaded.grid.verdict
    assert rule is not None
    assert rule.criteria_ids() == ["C1", "C2", "C3"]
    assert verdict_text(rule) == "at least 1 of (C1; C2; C3 (counts only with one of C1, C2))"


def test_without_a_rule_the_default_is_every_core_criterion(tmp_path: Path) -> None:
    lines = [*GRID[:8], *GRID[14:]]  # no verdict; no core flag: every criterion
    rule = effective_verdict(load_grid(write(tmp_path, lines)).grid)
    assert verdict_text(rule) == "all of (C1; C2; C3)"


def only(diags: list, code: str) -> list:
    return [d for d in diags if d.code == code]


def test_unknown_criterion_is_located_with_a_hint(tmp_path: Path) -> None:
    lines = list(GRID)
    lines[12] = "    - {criterion: C22}"  # line 13
    diags = validate_grid_file(write(tmp_path, lines)).errors
    [d] = only(diags, "bad-verdict")
    assert "C22" in d.message
    # "    - {criterion: C22}": 4 spaces, "-", " ", "{" (col 7), "criterion" (8-16), ":" (17),
    # " " (18): the value starts at column 19
    assert (d.location.line, d.location.column) == (13, 19)
    assert d.location.key_path == "verdict.of.1.criterion"
    assert "C2" in (d.hint or "")  # did you mean 'C2'?


def test_unknown_criterion_in_only_with_is_located(tmp_path: Path) -> None:
    lines = list(GRID)
    lines[13] = "    - {criterion: C3, only_with: [C1, C9]}"  # line 14
    [d] = only(validate_grid_file(write(tmp_path, lines)).errors, "bad-verdict")
    assert d.location.line == 14
    assert d.location.key_path == "verdict.of.2.only_with.1"


def test_a_bad_combinator_is_located(tmp_path: Path) -> None:
    lines = list(GRID)
    lines[9] = "  at-least: 1"  # line 10: the hyphenated spelling is not the key
    diags = validate_grid_file(write(tmp_path, lines)).errors
    assert diags, "an unknown combinator is an error"
    assert any(d.location.line in (9, 10, 11) for d in diags), [str(d) for d in diags]
    assert any("at_least" in (d.message + (d.hint or "")) for d in diags)


def test_at_least_more_than_the_parts_is_refused(tmp_path: Path) -> None:
    lines = list(GRID)
    lines[9] = "  at_least: 4"  # 4 of 3 parts can never be met
    diags = validate_grid_file(write(tmp_path, lines)).errors
    assert any("can never" in d.message for d in diags), [d.message for d in diags]
    assert all(d.location.line is not None for d in diags)


def test_a_core_flag_outside_the_rule_is_refused(tmp_path: Path) -> None:
    lines = list(GRID)
    lines[19] = ("      - {id: C2, label: Deux, scale: s, dimension: D2, core: true, "
                 "provenance: {status: inferred}}")
    lines[12] = "    - {criterion: C1}"  # the rule no longer names C2 (line 13)...
    lines[13] = "    - {criterion: C3}"  # ...nor in only_with (line 14)
    [d] = only(validate_grid_file(write(tmp_path, lines)).errors, "bad-verdict")
    assert "C2" in d.message and d.location.line == 20


def test_a_scored_grid_has_no_verdict_rule(tmp_path: Path) -> None:
    lines = [*GRID]
    lines[3] = "mode: scored"
    lines[4] = "aggregator: mean"
    diags = validate_grid_file(write(tmp_path, lines)).errors
    [d] = only(diags, "mode-mismatch")
    assert d.location.line == 9 and d.location.key_path == "verdict"  # the key `verdict:`


def test_a_child_sets_its_own_rule(tmp_path: Path) -> None:
    write(tmp_path, GRID)
    (tmp_path / "child.yaml").write_text(
        "id: child\nversion: '1'\ntitle: Enfant\nextends: g\n"
        "set:\n  verdict: {all: [{criterion: C1}, {criterion: C2}]}\n", encoding="utf-8")
    rule = load_grid(tmp_path / "child.yaml").grid.verdict
    assert rule is not None and verdict_text(rule) == "all of (C1; C2)"
