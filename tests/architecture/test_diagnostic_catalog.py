"""The diagnostics catalog: every code is documented, formatted, and triggered by a test.

``TRIGGERS`` maps each code the current code can emit to a small function that
produces it through the public API; codes triggered elsewhere in the suite are checked by the session-wide
recorder in ``conftest.py``; formerly pending codes of
features whose loaders are not written (or not covered here) yet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from isgrid.errors import (
    CODES,
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    CallError,
    Collector,
    Diagnostic,
    GridError,
    IsgridError,
    Location,
    UsageError,
)
from isgrid.grid.load import load_grid
from isgrid.io.tabular import parse_csv
from isgrid.io.text import decode, read_text
from isgrid.io.write import check_output
from isgrid.io.xlsx import read_xlsx
from isgrid.io.yamlio import load_yaml, parse_yaml

Trigger = Callable[[Path], list[Diagnostic]]

# Codes of loaders that are not written, or not covered by this suite, yet.

GRID = """\
id: g
version: "1"
title: Grille
mode: {mode}
{head}scales:
  s04:
    levels:
      - {{value: 0, label: Insuffisant}}
      - {{value: 2, label: Moyen}}
      - {{value: 4, label: Bon}}
sections:
  - id: besoin
    label: Besoin
    criteria:
      - id: B1
        label: Besoin social
        scale: {scale}
        dimension: {dimension}
        provenance: {{status: inferred}}
{more}"""


def grid_text(mode: str = "scored", head: str = "", scale: str = "s04",
              dimension: str = "D1", more: str = "") -> str:
    return GRID.format(mode=mode, head=head, scale=scale, dimension=dimension, more=more)


def grid_diags(tmp_path: Path, text: str, **others: str) -> list[Diagnostic]:
    """Load a grid written to tmp_path (with sibling files); return every diagnostic."""
    for name, content in others.items():
        (tmp_path / f"{name}.yaml").write_text(content, encoding="utf-8")
    path = tmp_path / "grid.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        return list(load_grid(path).warnings)
    except GridError as exc:
        return exc.diagnostics


def child(tmp_path: Path, body: str) -> list[Diagnostic]:
    parent = grid_text().replace("id: g", "id: parent", 1)
    return grid_diags(tmp_path, 'id: child\nversion: "1"\ntitle: C\nextends: parent\n' + body,
                      parent=parent)


def collected(fn: Callable[[Collector], object]) -> list[Diagnostic]:
    diags = Collector()
    fn(diags)
    return diags.items


def raised(fn: Callable[[], object]) -> list[Diagnostic]:
    try:
        fn()
    except IsgridError as exc:
        return exc.diagnostics
    return []


def workbook_with_formula(tmp_path: Path) -> list[Diagnostic]:
    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["a"])
    wb.active.append(["=1+1"])
    wb.save(path)
    return collected(lambda d: read_xlsx(path, d))


def file_with(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


TRIGGERS: dict[str, Trigger] = {
    # reading files
    "file-not-found": lambda t: collected(lambda d: read_text(t / "absent.txt", d)),
    "file-too-large": lambda t: collected(
        lambda d: read_text(file_with(t, "big.txt", b"x" * 10), d, max_bytes=5)),
    "encoding-decoded": lambda t: collected(lambda d: decode(b"caf\xe9", "f", d)),
    "encoding-invalid": lambda t: collected(lambda d: decode(b"\x81", "f", d)),
    "yaml-syntax": lambda t: collected(lambda d: parse_yaml("a: [1\n", "f", d)),
    "yaml-too-complex": lambda t: collected(lambda d: parse_yaml("a: &x\n  b: *x\n", "f", d)),
    "yaml-duplicate-key": lambda t: collected(lambda d: parse_yaml("a: 1\na: 2\n", "f", d)),
    "yaml-not-mapping": lambda t: collected(
        lambda d: load_yaml(file_with(t, "e.yaml", b""), d)),
    "csv-syntax": lambda t: collected(lambda d: parse_csv("", "f.csv", d)),
    "csv-row-length": lambda t: collected(lambda d: parse_csv("a\n1,2\n", "f.csv", d)),
    "xlsx-unreadable": lambda t: collected(
        lambda d: read_xlsx(file_with(t, "bad.xlsx", b"not a zip"), d)),
    "xlsx-formula": workbook_with_formula,
    # grid language
    "schema-invalid": lambda t: grid_diags(t, grid_text().replace("title: Grille", "title: [x]")),
    "unknown-key": lambda t: grid_diags(t, grid_text(head="wieght: 1\n")),
    "duplicate-id": lambda t: grid_diags(t, grid_text(
        more="      - {id: B1, label: X, scale: s04, dimension: D1, "
             "provenance: {status: inferred}}\n")),
    "invalid-id": lambda t: grid_diags(t, grid_text().replace("id: B1", "id: B 1")),
    "unknown-scale": lambda t: grid_diags(t, grid_text(scale="s05")),
    "unknown-dimension": lambda t: grid_diags(t, grid_text(dimension="D11")),
    "bad-weight": lambda t: grid_diags(t, grid_text(scale="s04\n        weight: 0")),
    "bad-scale": lambda t: grid_diags(t, grid_text().replace("value: 2,", "value: 0,")),
    "floor-out-of-scale": lambda t: grid_diags(t, grid_text(scale="s04\n        floor: 9")),
    "bad-threshold": lambda t: grid_diags(t, grid_text(head="threshold: 101\n")),
    "mode-mismatch": lambda t: grid_diags(t, grid_text(
        mode="profile", head="counts_as: {present: 2}\nthreshold: 50\n")),
    "eliminatory-scale": lambda t: grid_diags(t, grid_text(
        scale="s04\n        eliminatory: true")),
    "empty-grid": lambda t: grid_diags(t, grid_text().split("    criteria:")[0]),
    "missing-provenance": lambda t: grid_diags(t, grid_text(scale="s04\n        weight: 2")),
    "sourced-without-source": lambda t: grid_diags(
        t, grid_text().replace("{status: inferred}", "{status: sourced}")),
    "stale-provenance": lambda t: grid_diags(
        t, 'id: child\nversion: "1"\ntitle: C\nextends: parent\nset: {threshold: 60}\n',
        parent=grid_text(head="threshold: 50\n", more="parameters:\n  threshold: "
                         "{status: inferred}\n").replace("id: g", "id: parent", 1)),
    "share-changed": lambda t: grid_diags(
        t, 'id: child\nversion: "1"\ntitle: C\nextends: alsace-aap-2016\nadd:\n'
           '  - section: implication-acteurs\n    criterion: {id: X1, label: X, '
           'scale: note04, dimension: D5, provenance: {status: inferred}}\n'),
    "set-changes-nothing": lambda t: child(t, "set:\n  criteria.B1.label: Besoin social\n"),
    "unknown-fact": lambda t: grid_diags(t, grid_text(
        head='tie_breaks: [{by: "fact:submitted_at"}]\n')),
    "bad-rule": lambda t: grid_diags(t, grid_text(
        head="facts: {region: {type: string}}\neligibility:\n"
             "  - {id: r, label: R, fact: region}\n")),
    "unknown-grid": lambda t: raised(lambda: load_grid("no-such-grid-anywhere")),
    "extends-cycle": lambda t: grid_diags(
        t, 'id: a\nversion: "1"\ntitle: A\nextends: b\n',
        b='id: b\nversion: "1"\ntitle: B\nextends: grid\n'),
    "version-mismatch": lambda t: grid_diags(
        t, 'id: c\nversion: "1"\ntitle: C\nextends: parent@9\n',
        parent=grid_text().replace("id: g", "id: parent", 1)),
    "unknown-target": lambda t: child(t, "remove: [ZZ]\n"),
    "bad-set-path": lambda t: child(t, "set:\n  colour: red\n"),
    # output
    "output-exists": lambda t: raised(
        lambda: check_output(file_with(t, "out.json", b"{}"))),
    "output-is-input": lambda t: raised(
        lambda: check_output(t / "in.csv", inputs=[t / "in.csv"], force=True)),
}


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_trigger_produces_its_code(tmp_path: Path, code: str) -> None:
    diags = TRIGGERS[code](tmp_path)
    produced = [d for d in diags if d.code == code]
    assert produced, [d.format() for d in diags]
    for d in produced:
        head = "Error" if d.severity == "error" else "Warning"
        assert d.format().startswith(f"{head}: ")
        assert d.format().endswith(f" [{code}]\n  Hint: {d.effective_hint}")


def test_triggers_name_real_codes() -> None:
    assert set(TRIGGERS) <= set(CODES)


# ----------------------------------------------------------------- the catalog
@pytest.mark.parametrize("code", sorted(CODES))
def test_catalog_entry(code: str) -> None:
    info = CODES[code]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
    assert info.kind in {"grid", "data", "usage"}
    assert info.title and not info.title.endswith(".")
    assert info.hint


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_diagnostic_formats_with_place_code_and_hint(code: str) -> None:
    loc = Location("grille.yaml", 3, 7, key_path="sections[0].weight")
    d = Diagnostic(code, "un message", loc)
    # a code with a hint for files other than call.yaml (call-invalid) names grille.yaml
    info = CODES[code]
    hint = info.file_hint.format(file="grille.yaml") if info.file_hint else info.hint
    assert d.format() == (
        f"Error: grille.yaml:3:7 (sections[0].weight): un message [{code}]\n"
        f"  Hint: {hint}"
    )
    w = Diagnostic(code, "un message", loc, severity="warning")
    assert w.format().startswith("Warning: grille.yaml:3:7 (sections[0].weight): un message")


def test_format_variants() -> None:
    assert Diagnostic("csv-syntax", "m").format() == (
        "Error: m [csv-syntax]\n  Hint: " + CODES["csv-syntax"].hint
    )
    cell = Location("d.xlsx", sheet="Notes", cell="B3")
    assert Diagnostic("xlsx-formula", "m", cell).format().startswith(
        "Error: d.xlsx!Notes!B3: m [xlsx-formula]"
    )
    assert str(Location("f.csv", line=4)) == "f.csv:4"
    assert str(Location(key_path="a.b")) == "a.b"
    custom = Diagnostic("yaml-syntax", "m", Location("f"), hint="Remplacez les tabulations.")
    assert custom.format() == "Error: f: m [yaml-syntax]\n  Hint: Remplacez les tabulations."
    assert custom.to_dict() == {
        "code": "yaml-syntax", "severity": "error", "message": "m",
        "location": {"file": "f"}, "hint": "Remplacez les tabulations.",
    }


def test_an_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        Diagnostic("no-such-code", "m")


# ------------------------------------------------------------------ exit codes
def first_code_of_kind(kind: str) -> str:
    return next(c for c, info in sorted(CODES.items()) if info.kind == kind)


def test_exit_code_constants() -> None:
    assert (EXIT_OK, EXIT_DATA, EXIT_USAGE) == (0, 1, 2)


@pytest.mark.parametrize(("kind", "exit_code"), [("grid", 2), ("usage", 2), ("data", 1)])
def test_exit_code_follows_the_kind(kind: str, exit_code: int) -> None:
    d = Diagnostic(first_code_of_kind(kind), "m")
    assert IsgridError("x", [d]).exit_code == exit_code


def test_grid_and_usage_errors_win_over_data_errors() -> None:
    data = Diagnostic(first_code_of_kind("data"), "m")
    grid = Diagnostic(first_code_of_kind("grid"), "m")
    assert CallError("x", [data, grid]).exit_code == 2


def test_warnings_alone_use_the_default_exit() -> None:
    w = Diagnostic(first_code_of_kind("grid"), "m", severity="warning")
    assert GridError("x", [w]).exit_code == 2
    assert CallError("x", [w]).exit_code == 1
    assert UsageError("x").exit_code == 2


def test_collector_separates_errors_and_warnings() -> None:
    c = Collector()
    c.add("yaml-syntax", "e")
    c.add("encoding-decoded", "w", severity="warning")
    assert [d.code for d in c.errors] == ["yaml-syntax"]
    assert [d.code for d in c.warnings] == ["encoding-decoded"]
    with pytest.raises(GridError) as info:
        c.raise_if_errors(GridError, "headline")
    assert [d.code for d in info.value.diagnostics] == ["yaml-syntax", "encoding-decoded"]
    only_warnings = Collector()
    only_warnings.add("encoding-decoded", "w", severity="warning")
    only_warnings.raise_if_errors(GridError, "no error: no raise")
