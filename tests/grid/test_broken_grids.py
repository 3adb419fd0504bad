"""`isgrid grids check` refuses broken grids with a located message and exit 2.

Each case is a small grid (or a few files) written to tmp_path, the diagnostic
code expected, and the line (worked out by hand from the listings below) where
the message must point.  The check is run through the CLI, as a user would.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from isgrid.cli import cli

ANY_LINE = -1  # the message must give a line, whichever it is
NO_LINE = None  # a whole-file problem: the message names the file only

FileContent = str | bytes | Callable[[Path], None]

# The base grid, line by line.
BASE = [
    "id: g",  # 1
    'version: "1"',  # 2
    "title: Grille",  # 3
    "mode: scored",  # 4
    "scales:",  # 5
    "  s04:",  # 6
    "    levels:",  # 7
    "      - {value: 0, label: Insuffisant}",  # 8
    "      - {value: 2, label: Moyen}",  # 9
    "      - {value: 4, label: Bon}",  # 10
    "sections:",  # 11
    "  - id: besoin",  # 12
    "    label: Besoin",  # 13
    "    criteria:",  # 14
    "      - id: B1",  # 15
    "        label: Besoin social",  # 16
    "        scale: s04",  # 17
    "        dimension: D1",  # 18
    "        provenance: {status: inferred}",  # 19
]


def alter(lines: list[str], n: int, *new: str) -> list[str]:
    """Replace line ``n`` (1-based) by the ``new`` lines (none: delete it)."""
    return [*lines[: n - 1], *new, *lines[n:]]


def text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


# The same grid in checklist and profile mode: one line more (counts_as is line 5),
# so the criterion is at 16, its scale at 18.
CHECKLIST = alter(BASE, 4, "mode: checklist", "counts_as: {met: 4, partly: 2}")
PROFILE = alter(BASE, 4, "mode: profile", "counts_as: {present: 2}")

# Facts and a rule inserted after line 4: the rule starts at line 8.
WITH_RULE = alter(
    BASE, 4,
    "mode: scored",  # 4
    "facts:",  # 5
    "  region: {type: string}",  # 6
    "eligibility:",  # 7
    "  - id: r1",  # 8
    "    label: Siège en région",  # 9
    "    fact: region",  # 10
    "    equals: Alsace",  # 11
)

PARENT = text([
    "id: parent",
    'version: "1"',
    "title: Parent",
    "mode: scored",
    "scales:",
    "  s04:",
    "    levels:",
    "      - {value: 0, label: Insuffisant}",
    "      - {value: 2, label: Moyen}",
    "      - {value: 4, label: Bon}",
    "sections:",
    "  - id: besoin",
    "    label: Besoin",
    "    criteria:",
    "      - {id: B1, label: Besoin social, scale: s04, dimension: D1, provenance: {status: inferred}}",
    "      - {id: B2, label: Public, scale: s04, dimension: D1, provenance: {status: inferred}}",
])

CHILD = [
    "id: child",  # 1
    'version: "1"',  # 2
    "title: Enfant",  # 3
    "extends: parent",  # 4
]


def child(*more: str, extends: str = "parent") -> dict[str, FileContent]:
    lines = alter(CHILD, 4, f"extends: {extends}", *more)
    return {"child.yaml": text(lines), "parent.yaml": PARENT}


def sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as fh:
            fh.truncate(size)

    return make


def billion_laughs() -> str:
    lines = ["id: g", 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    return text(lines)


@dataclass
class Case:
    files: dict[str, FileContent]
    code: str
    line: int | tuple[int, ...] | None
    key: str | None = None  # the key path the message must show
    message: str | None = None  # a substring of the message
    hint: str | None = None  # a substring of the hint
    where: tuple[str, ...] = field(default_factory=tuple)  # files the message may name
    column: bool = True  # the message gives a column too


def one(lines: list[str]) -> dict[str, FileContent]:
    return {"grid.yaml": text(lines)}


BUG_KEY_LINE: tuple[()] = ()  # fixed
BUG_UNLOCATED: tuple[()] = ()  # fixed
BUG_DEEP: tuple[()] = ()  # fixed

CASES = [
    # --- keys and types
    pytest.param(Case(one(alter(BASE, 17, "        scael: s04")), "unknown-key", 17,
                      key="sections[0].criteria[0].scael", hint="Did you mean 'scale'?"),
                 id="unknown-key"),
    pytest.param(Case(one(alter(BASE, 4, "mode: scored", "weird: 1")), "unknown-key", 5,
                      key="weird"), id="unknown-top-key"),
    pytest.param(Case(one(alter(BASE, 14, "    critera:")), "unknown-key", 14,
                      key="sections[0].critera", hint="Did you mean 'criteria'?"),
                 id="unknown-key-block-value", marks=BUG_KEY_LINE),
    pytest.param(Case(one(alter(BASE, 3, "title: [1, 2]")), "schema-invalid", 3, key="title"),
                 id="wrong-type"),
    pytest.param(Case(one(alter(BASE, 17, "        scale: s04", "        weight: lourd")),
                      "schema-invalid", 18, key="sections[0].criteria[0].weight"),
                 id="weight-not-a-number"),
    pytest.param(Case(one(alter(BASE, 4, "mode: notée")), "schema-invalid", 4, key="mode"),
                 id="bad-mode"),
    pytest.param(Case(one(alter(BASE, 4)), "schema-invalid", 1, message="'mode'"),
                 id="missing-mode"),
    pytest.param(Case(one(alter(BASE, 19)), "schema-invalid", 15,
                      key="sections[0].criteria[0]", message="'provenance'"),
                 id="missing-provenance"),
    pytest.param(Case(one([*BASE, "remove: [B1]"]), "schema-invalid", 20, key="remove"),
                 id="remove-without-extends"),
    # --- ids
    pytest.param(Case(one(alter(BASE, 15, "      - id: B 1")), "invalid-id", 15,
                      key="sections[0].criteria[0].id"), id="id-with-space"),
    pytest.param(Case(one(alter(BASE, 12, "  - id: bеsoin")), "invalid-id", 12,  # Cyrillic е
                      key="sections[0].id"), id="id-cyrillic-lookalike"),
    pytest.param(Case(one([*BASE, "      - {id: B1, label: Doublon, scale: s04, dimension: D1, "
                                   "provenance: {status: inferred}}"]),
                      "duplicate-id", (15, 20), message="'B1'"), id="duplicate-criterion"),
    # --- references
    pytest.param(Case(one(alter(BASE, 17, "        scale: s05")), "unknown-scale", 17,
                      key="criteria.B1.scale"), id="unknown-scale"),
    pytest.param(Case(one(alter(BASE, 18, "        dimension: D11")), "unknown-dimension", 18,
                      key="sections[0].criteria[0].dimension"), id="dimension-D11"),
    # --- numbers
    pytest.param(Case(one(alter(BASE, 17, "        scale: s04", "        weight: 0")),
                      "bad-weight", 18, key="criteria.B1.weight"), id="zero-weight"),
    pytest.param(Case(one(alter(BASE, 13, "    label: Besoin", "    weight: -1")),
                      "bad-weight", 14, key="sections.besoin.weight"), id="negative-section-weight"),
    pytest.param(Case(one(alter(BASE, 9, "      - {value: 0, label: Moyen}")), "bad-scale", 8,
                      key="scales.s04.levels"), id="scale-not-increasing"),
    pytest.param(Case(one(alter(BASE, 10, "      - {value: 4, label: moyen}")), "bad-scale", 8,
                      key="scales.s04.levels", message="label"), id="scale-same-label"),
    pytest.param(Case(one(alter(alter(BASE, 10), 9)), "schema-invalid", 8,
                      key="scales.s04.levels"), id="scale-one-level"),
    pytest.param(Case(one(alter(BASE, 17, "        scale: s04", "        floor: 5")),
                      "floor-out-of-scale", 18, key="criteria.B1.floor"), id="floor-outside-scale"),
    pytest.param(Case(one(alter(BASE, 4, "mode: scored", "threshold: 120")), "bad-threshold", 5,
                      key="threshold"), id="threshold-over-100"),
    # --- mode
    pytest.param(Case(one(alter(CHECKLIST, 18, "        scale: s04", "        weight: 2")),
                      "mode-mismatch", 19, key="criteria.B1.weight"), id="weight-in-checklist"),
    pytest.param(Case(one(alter(CHECKLIST, 18, "        scale: s04", "        floor: 2")),
                      "mode-mismatch", 19, key="criteria.B1.floor"), id="floor-in-checklist"),
    pytest.param(Case(one(alter(PROFILE, 5, "counts_as: {present: 2}", "threshold: 50")),
                      "mode-mismatch", 6, key="threshold"), id="threshold-in-profile"),
    pytest.param(Case(one(alter(PROFILE, 14, "    label: Besoin", "    weight: 2")),
                      "mode-mismatch", 15, key="sections.besoin.weight"),
                 id="section-weight-in-profile"),
    pytest.param(Case(one(alter(BASE, 17, "        scale: s04", "        core: true")),
                      "mode-mismatch", 18, key="criteria.B1.core"), id="core-in-scored"),
    pytest.param(Case(one(alter(BASE, 4, "mode: checklist")), "schema-invalid", ANY_LINE,
                      message="counts as met"), id="checklist-without-counts-as",
                 marks=BUG_UNLOCATED),
    # --- eliminatory
    pytest.param(Case(one(alter(BASE, 17, "        scale: s04", "        eliminatory: true",
                                "        rated_by: juré")),
                      "eliminatory-scale", 17, key="criteria.B1.scale"),
                 id="eliminatory-three-levels"),
    pytest.param(Case(one(alter(BASE, 17, "        scale: s04", "        eliminatory: true")),
                      "eliminatory-scale", 15, key="criteria.B1", message="rated_by"),
                 id="eliminatory-without-rated-by"),
    pytest.param(Case(one(alter(BASE, 17, "        scale: s04", "        rated_by: instructeur")),
                      "eliminatory-scale", 18, key="criteria.B1.rated_by"),
                 id="rated-by-without-eliminatory"),
    # --- rules and tie-breaks
    pytest.param(Case(one(alter(WITH_RULE, 10, "    fact: regoin")), "unknown-fact", (8, 10),
                      message="'regoin'"), id="rule-undeclared-fact"),
    pytest.param(Case(one(alter(WITH_RULE, 11, "    equals: Alsace", "    in: [Alsace]")),
                      "bad-rule", 8, key="eligibility[0]", message="exactly one operator"),
                 id="rule-two-operators"),
    pytest.param(Case(one(alter(WITH_RULE, 11)), "bad-rule", 8, key="eligibility[0]"),
                 id="rule-no-operator"),
    pytest.param(Case(one(alter(WITH_RULE, 11, "    equal: Alsace")), "unknown-key", 11,
                      hint="Did you mean 'equals'?"), id="rule-misspelt-operator"),
    pytest.param(Case(one(alter(BASE, 4, "mode: scored", "tie_breaks:",
                                '  - {by: "criterion:ZZ"}')),
                      "unknown-target", 6, key="tie_breaks[0]"), id="tie-break-unknown-criterion"),
    pytest.param(Case(one(alter(BASE, 4, "mode: scored", "tie_breaks:",
                                '  - {by: "fact:submitted_at"}')),
                      "unknown-fact", 6, key="tie_breaks[0]"), id="tie-break-unknown-fact"),
    pytest.param(Case(one(alter(BASE, 4, "mode: scored", "tie_breaks:", "  - {by: rank}")),
                      "schema-invalid", 6, key="tie_breaks[0].by"), id="tie-break-malformed"),
    # --- empty
    pytest.param(Case(one(BASE[:10]), "empty-grid", 1, key="sections"), id="no-sections"),
    pytest.param(Case(one(BASE[:13]), "empty-grid", 12, key="sections.besoin"),
                 id="empty-section"),
    # --- extends
    pytest.param(Case({"a.yaml": text(["id: a", 'version: "1"', "title: A", "extends: b"]),
                       "b.yaml": text(["id: b", 'version: "1"', "title: B", "extends: a"])},
                      "extends-cycle", 4, key="extends", where=("a.yaml", "b.yaml")),
                 id="extends-cycle"),
    pytest.param(Case({"self.yaml": text(["id: self", 'version: "1"', "title: S",
                                          "extends: self"])},
                      "extends-cycle", 4, key="extends"), id="extends-itself"),
    pytest.param(Case(child(extends="nowhere"), "unknown-grid", 4, key="extends"),
                 id="unknown-parent"),
    pytest.param(Case(child(extends="parent@9"), "version-mismatch", 4, key="extends"),
                 id="pinned-version-mismatch"),
    pytest.param(Case(child("remove: [B1, ZZ]"), "unknown-target", 5, key="remove[1]",
                      message="'ZZ'"), id="remove-unknown"),
    pytest.param(Case(child("add:", "  - section: besoin", "    after: ZZ",
                            "    criterion: {id: B3, label: Nouveau, scale: s04, dimension: D1, "
                            "provenance: {status: inferred}}"),
                      "unknown-target", 7, key="add[0].after"), id="add-after-unknown"),
    pytest.param(Case(child("add:", "  - section: nowhere",
                            "    criterion: {id: B3, label: Nouveau, scale: s04, dimension: D1, "
                            "provenance: {status: inferred}}"),
                      "unknown-target", 6, key="add[0].section"), id="add-to-unknown-section"),
    pytest.param(Case(child("set:", "  criteria.ZZ.weight: 2"), "unknown-target", 6,
                      key="set.criteria.ZZ.weight"), id="set-unknown-criterion"),
    pytest.param(Case(child("set:", "  criteria.B1.colour: red"), "bad-set-path", 6,
                      key="set.criteria.B1.colour"), id="set-unknown-field"),
    pytest.param(Case(child("set:", "  foo.bar: 1"), "bad-set-path", 6, key="set.foo.bar"),
                 id="set-bad-path"),
    pytest.param(Case(child("set:", "  criteria.B1.weight: 0"), "bad-weight", 6,
                      key="criteria.B1.weight"), id="set-zero-weight"),
    pytest.param(Case(child("set:", "  threshold: 150"), "bad-threshold", 6),
                 id="set-threshold-over-100"),
    pytest.param(Case(child("mode: checklist"), "mode-mismatch", 5, key="mode"),
                 id="child-redeclares-mode"),
    pytest.param(Case(child("sections:", "  - {id: x, label: X}"), "schema-invalid", (5, 6),
                      key="sections"), id="child-with-sections"),
    # --- the file itself
    pytest.param(Case(one(alter(BASE, 3, "  title: Grille")), "yaml-syntax", 3),
                 id="yaml-syntax"),
    pytest.param(Case(one(alter(BASE, 13, "\tlabel: Besoin")), "yaml-syntax", 13,
                      hint="spaces"), id="tab-indentation"),
    pytest.param(Case(one(alter(BASE, 3, "title: Grille", "title: Autre")),
                      "yaml-duplicate-key", 4, key="title"), id="duplicate-yaml-key"),
    pytest.param(Case({"grid.yaml": "id: g\nl: [" + ", ".join(["*x"] * 201) + "]\nx: &x 1\n"},
                      "yaml-syntax", 2), id="undefined-alias"),
    pytest.param(Case({"grid.yaml": "x: &x 1\nl: [" + ", ".join(["*x"] * 201) + "]\n"},
                      "yaml-too-complex", 2), id="too-many-aliases"),
    pytest.param(Case({"grid.yaml": billion_laughs()}, "yaml-too-complex", ANY_LINE),
                 id="billion-laughs"),
    pytest.param(Case({"grid.yaml": "id: g\nx: " + "[" * 1000 + "]" * 1000 + "\n"},
                      "yaml-too-complex", 2), id="deep-nesting", marks=BUG_DEEP),
    pytest.param(Case({"grid.yaml": ""}, "yaml-not-mapping", 1), id="empty-file"),
    pytest.param(Case({"grid.yaml": "- a\n- b\n"}, "yaml-not-mapping", 1), id="top-level-list"),
    pytest.param(Case({"grid.yaml": sparse(20 * 1024 * 1024 + 1)}, "file-too-large", NO_LINE),
                 id="file-too-large"),
    pytest.param(Case({"grid.yaml": text(alter(BASE, 13, "    label: Bes")).encode()
                       .replace(b"label: Bes\n", b"label: Bes\x81oin\n")},
                      "encoding-invalid", 13, column=False), id="invalid-bytes"),
    pytest.param(Case({"grid.yaml": b"id: g\x00\n"}, "encoding-invalid", NO_LINE),
                 id="nul-bytes"),
]

# Whole-file problems whose catalog kind is "data": `grids check` exits 1 for them.
BUG_EXIT: tuple[()] = ()  # fixed
FILE_LEVEL_IDS = {
    "yaml-syntax", "tab-indentation", "duplicate-yaml-key", "undefined-alias",
    "too-many-aliases", "billion-laughs", "empty-file", "top-level-list",
    "file-too-large", "invalid-bytes", "nul-bytes",
}


def write_files(tmp_path: Path, files: dict[str, FileContent]) -> Path:
    for name, content in files.items():
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            content(path)
    return tmp_path / next(iter(files))


def check(path: Path) -> Result:
    return CliRunner().invoke(cli, ["grids", "check", str(path)])


LINE_RE = re.compile(
    r"^(?P<head>Error|Warning): (?P<file>[^:()]+?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?"
    r"(?: \((?P<key>[^)]*)\))?: (?P<message>.*) \[(?P<code>[a-z0-9-]+)\]$"
)


def diagnostics(stderr: str) -> list[dict[str, str | None]]:
    """Parse the diagnostic lines of stderr, each with the hint that follows it."""
    out: list[dict[str, str | None]] = []
    for raw in stderr.splitlines():
        m = LINE_RE.match(raw)
        if m:
            out.append({**m.groupdict(), "hint": None})
        elif raw.startswith("  Hint: ") and out:
            out[-1]["hint"] = raw[len("  Hint: "):]
    return out


def matches(d: dict[str, str | None], case: Case, tmp_path: Path) -> bool:
    if d["head"] != "Error" or d["code"] != case.code:
        return False
    names = case.where or (next(iter(case.files)),)
    if d["file"] not in {str(tmp_path / n) for n in names}:
        return False
    if case.line is NO_LINE:
        ok = d["line"] is None
    elif case.line == ANY_LINE:
        ok = d["line"] is not None
    else:
        lines = case.line if isinstance(case.line, tuple) else (case.line,)
        ok = d["line"] is not None and int(d["line"]) in lines
    if ok and case.line is not NO_LINE and case.column:
        ok = d["col"] is not None
    if ok and case.key is not None:
        ok = d["key"] == case.key
    if ok and case.message is not None:
        ok = case.message in (d["message"] or "")
    if ok and case.hint is not None:
        ok = case.hint in (d["hint"] or "")
    return ok


def test_there_are_enough_distinct_cases() -> None:
    kinds = {p.values[0].code for p in CASES}  # type: ignore[union-attr]
    assert len(CASES) >= 15
    assert len(kinds) >= 15


@pytest.mark.parametrize("case", CASES)
def test_broken_grid_is_refused_with_a_located_message(tmp_path: Path, case: Case) -> None:
    path = write_files(tmp_path, case.files)
    result = check(path)
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a crash
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert "Error:" not in result.stdout  # errors go to stderr
    found = diagnostics(result.stderr)
    assert any(matches(d, case, tmp_path) for d in found), result.stderr


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(*p.values, id=p.id, marks=(
            BUG_DEEP if p.id == "deep-nesting" else BUG_EXIT if p.id in FILE_LEVEL_IDS else ()
        ))
        for p in CASES
    ],
)
def test_broken_grid_exits_2(tmp_path: Path, case: Case) -> None:
    path = write_files(tmp_path, case.files)
    assert check(path).exit_code == 2


def test_real_process_exit_code_and_clean_stderr(tmp_path: Path) -> None:
    path = write_files(tmp_path, one(alter(BASE, 18, "        dimension: D11")))
    proc = subprocess.run(
        [sys.executable, "-m", "isgrid", "grids", "check", str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"Error: {path}:18:")
    assert "[unknown-dimension]" in proc.stderr
    assert "(sections[0].criteria[0].dimension)" in proc.stderr


def test_all_problems_of_all_files_are_reported_at_once(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    a.write_text(text(alter(BASE, 18, "        dimension: D11")), encoding="utf-8")
    b = tmp_path / "b.yaml"
    b.write_text(text(alter(alter(BASE, 17, "        scale: s05"), 3, "title: [x]")),
                 encoding="utf-8")
    result = CliRunner().invoke(cli, ["grids", "check", str(a), str(b)])
    assert result.exit_code == 2
    found = {(d["file"], d["code"]) for d in diagnostics(result.stderr)}
    assert (str(a), "unknown-dimension") in found
    assert (str(b), "schema-invalid") in found
    assert "Error: 2 errors." in result.stderr
