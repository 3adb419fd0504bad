"""Floods of one diagnostic: stderr shows ten of each code and how many more.

A large call can repeat one warning hundreds of times (a conflicted juror's
ratings, a fact the grid does not declare); the CLI prints at most ``SHOWN_PER_CODE`` of
each code in their order, then one line per code it cut.  ``--all-diagnostics``
prints every one, and ``--strict`` and the error count still count every one.
Dossiers not rated yet are said one by one while they are few, else in one warning
(:func:`isgrid.call.missing.warn_unrated`: tests/call/test_no_ratings_once.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from callfactory import make_call
from gridtexts import ONE_CRITERION
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import SHOWN_PER_CODE, CallError, Diagnostic, Location, render_diagnostics

ODD_FACTS = 25  # dossiers with an undeclared fact: 25 unknown-fact-key warnings
UNRATED = 2  # dossiers without ratings: 2 no-ratings warnings (few: one each)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def flood_call(tmp_path: Path) -> Path:
    """ODD_FACTS rated dossiers with a stray fact, then UNRATED dossiers without ratings."""
    dossiers: list[dict[str, Any]] = []
    for i in range(1, ODD_FACTS + UNRATED + 1):
        d: dict[str, Any] = {"id": f"d{i:02d}", "title": f"Dossier {i}"}
        if i <= ODD_FACTS:
            d["couleur"] = "bleu"
        dossiers.append(d)
    rated = [(f"d{i:02d}", "a1", "C", 3) for i in range(1, ODD_FACTS + 1)]
    return make_call(tmp_path, ONE_CRITERION, None, dossiers, rated)


def blocks(stderr: str) -> list[str]:
    """Split stderr into printed diagnostics (a head line and its indented hint)."""
    out: list[str] = []
    for line in stderr.splitlines():
        if line.startswith("  ") and out:
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


def test_the_default_is_ten() -> None:
    assert SHOWN_PER_CODE == 10


def test_warnings_are_cut_at_ten_per_code(tmp_path: Path) -> None:
    folder = flood_call(tmp_path)
    warnings = load_call(folder).warnings
    codes = [d.code for d in warnings]
    assert codes.count("no-ratings") == UNRATED
    assert codes.count("unknown-fact-key") == ODD_FACTS
    assert len(warnings) == UNRATED + ODD_FACTS
    # what the CLI should print, worked out by hand: the first ten unknown-fact-key and
    # both no-ratings, in the library's order, then one line for the 15 others
    kept: list[Diagnostic] = []
    n_odd = 0
    for d in warnings:
        if d.code == "unknown-fact-key":
            n_odd += 1
            if n_odd > 10:
                continue
        kept.append(d)
    assert len(kept) == 12
    summary = ("Warning: … and 15 more unknown-fact-key warnings "
               "(isgrid --all-diagnostics score … shows every one)")

    result = invoke("score", str(folder), "--format", "json")
    assert result.exit_code == 0
    got = blocks(result.stderr)
    assert got == [d.format() for d in kept] + [summary]
    assert result.stderr.count("[unknown-fact-key]") == 10
    assert result.stderr.count("[no-ratings]") == 2
    # the result itself is complete: every dossier, rated or not
    assert len(json.loads(result.stdout)["dossiers"]) == UNRATED + ODD_FACTS


def test_all_diagnostics_prints_every_one(tmp_path: Path) -> None:
    folder = flood_call(tmp_path)
    warnings = load_call(folder).warnings
    result = invoke("--all-diagnostics", "score", str(folder), "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.count("[unknown-fact-key]") == 25
    assert result.stderr.count("[no-ratings]") == 2
    assert " more " not in result.stderr
    assert blocks(result.stderr) == [d.format() for d in warnings]


def test_strict_counts_every_warning(tmp_path: Path) -> None:
    folder = flood_call(tmp_path)
    result = invoke("--strict", "call", "check", str(folder))
    assert result.exit_code == 1
    assert result.stdout == ""
    got = blocks(result.stderr)
    assert got[-2] == ("Warning: … and 15 more unknown-fact-key warnings "
                       "(isgrid --all-diagnostics call check … shows every one)")
    assert got[-1] == "Error: 27 warnings and --strict is set."
    assert result.stderr.count("[unknown-fact-key]") == 10


def test_errors_are_cut_too_and_all_counted(tmp_path: Path) -> None:
    out_of_scale = 25
    unknown_criteria = 2
    dossiers = [{"id": f"d{i:02d}", "title": f"Dossier {i}"} for i in range(out_of_scale)]
    rows = [(d["id"], "a1", "C", 9) for d in dossiers]
    rows += [(dossiers[i]["id"], "a2", "Z", 3) for i in range(unknown_criteria)]
    folder = make_call(tmp_path, ONE_CRITERION, None, dossiers, rows)
    try:
        load_call(folder)
    except CallError as exc:
        diags = exc.diagnostics
    else:  # pragma: no cover
        raise AssertionError("the call should not load")
    errors = [d for d in diags if d.severity == "error"]
    assert [d.code for d in errors].count("value-out-of-scale") == out_of_scale
    assert [d.code for d in errors].count("unknown-criterion") == unknown_criteria
    total = out_of_scale + unknown_criteria
    # the excluded ratings leave every dossier unrated: 25, more than UNRATED_APART (10),
    # so one no-ratings warning for them all
    assert [d.code for d in diags].count("no-ratings") == 1
    assert len(diags) == total + 1

    result = invoke("score", str(folder))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("[value-out-of-scale]") == 10
    assert result.stderr.count("[unknown-criterion]") == unknown_criteria
    assert result.stderr.count("[no-ratings]") == 1
    got = blocks(result.stderr)
    assert len(got) == 10 + unknown_criteria + 1 + 2
    assert got[-2:] == [
        f"Error: … and {out_of_scale - 10} more value-out-of-scale errors "
        "(isgrid --all-diagnostics score … shows every one)",
        f"Error: {total} errors.",
    ]

    result = invoke("--all-diagnostics", "score", str(folder))
    assert result.exit_code == 1
    assert result.stderr.count("[value-out-of-scale]") == out_of_scale
    assert blocks(result.stderr) == [d.format() for d in diags] + [f"Error: {total} errors."]


def test_render_one_more_and_severities_apart() -> None:
    def diag(code: str, i: int, severity: str = "warning") -> Diagnostic:
        return Diagnostic(code, f"message {i}", Location("f.csv", i + 1),
                          severity="error" if severity == "error" else "warning")

    diags = [diag("no-ratings", i) for i in range(4)]
    diags += [diag("below-min-ratings", i, "error") for i in range(2)]
    diags += [diag("below-min-ratings", i) for i in range(3)]
    lines = render_diagnostics(diags, 3, show_all="SEE")
    assert lines == [d.format() for d in diags[:3] + diags[4:6] + diags[6:9]] + [
        "Warning: … and 1 more no-ratings warning (SEE shows every one)",
    ]
    assert render_diagnostics(diags, 1) == [diags[0].format(), diags[4].format(),
                                            diags[6].format(),
                                            "Warning: … and 3 more no-ratings warnings",
                                            "Error: … and 1 more below-min-ratings error",
                                            "Warning: … and 2 more below-min-ratings warnings"]
    assert render_diagnostics(diags, None) == [d.format() for d in diags]
    assert render_diagnostics([], 10) == []


def test_call_check_counts_given_ratings(tmp_path: Path) -> None:
    # 3 values, 1 n/a (NE, counts as given) and 2 empty cells
    rows = [("d1", "a1", "C", 3), ("d2", "a1", "C", "NE"), ("d3", "a1", "C", None),
            ("d1", "a2", "C", 4), ("d2", "a2", "C", None), ("d3", "a2", "C", 0)]
    dossiers = [{"id": f"d{i}", "title": f"Dossier {i}"} for i in (1, 2, 3)]
    folder = make_call(tmp_path, ONE_CRITERION, None, dossiers, rows)
    result = invoke("call", "check", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "ok: 3 dossiers, 4 ratings received (of which 1 marked NE; ")
    table = load_call(folder).table
    empty = len(table) - 4
    assert f"1 marked NE; {empty} empty cells)" in result.stdout


def test_help_lists_the_option() -> None:
    result = invoke("--help")
    assert "--all-diagnostics" in result.stdout


def test_cut_line_names_the_command_when_run_as_python_m_isgrid(tmp_path: Path) -> None:
    # click calls the program "python -m isgrid" then: the line once read
    # "isgrid --all-diagnostics -m isgrid call check …"
    folder = flood_call(tmp_path)
    result = CliRunner().invoke(cli, ["call", "check", str(folder)],
                                prog_name="python -m isgrid")
    assert result.exit_code == 0
    assert ("(isgrid --all-diagnostics call check … shows every one)"
            in result.stderr)
    assert "-m isgrid call" not in result.stderr
