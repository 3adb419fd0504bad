"""Fuzzing the readers with Hypothesis: YAML, CSV, ratings, workbooks.

Every input, however broken, must end in data or in diagnostics: the readers
return a value (or None after recording at least one located error), and the
loaders raise nothing but :class:`isgrid.errors.IsgridError`.  Inputs are raw
bytes, text made of the characters that matter to each format, and mutations
of valid files (bytes flipped, cut, duplicated; in workbooks, the XML inside
the zip garbled and the zip rebuilt, so the damage reaches openpyxl's parsers).
When a call loads, it is scored too, and the result must be plain JSON.

The budget is bounded (a few hundred examples per reader, under a minute in
all).  A crash found here becomes a named case in ``tests/hostile`` (see
test_hostile.py), so that it is also checked through the command line.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, example, given, settings

from isgrid.call.load import load_call
from isgrid.engine import score
from isgrid.errors import Collector, IsgridError
from isgrid.grid.load import load_grid
from isgrid.io.tabular import parse_csv
from isgrid.io.text import decode
from isgrid.io.write import dumps_records
from isgrid.io.xlsx import read_xlsx
from isgrid.io.yamlio import load_yaml, parse_yaml
from testpaths import HOSTILE

BASE = HOSTILE / "base"
NOTHING = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def fuzz(n: int) -> Any:
    return settings(max_examples=n, deadline=None, suppress_health_check=NOTHING,
                    database=None)


@contextmanager
def tempdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="isgrid-fuzz-") as d:
        yield Path(d)


def check_diags(diags: Collector, failed: bool) -> None:
    """A failure says why; every diagnostic names its file."""
    if failed:
        assert diags.errors, "None returned without an error"
    for d in diags.items:
        assert d.location.file, d


# ------------------------------------------------------------------ inputs
YAML_CHARS = st.sampled_from([*"abcD01 :-,[]{}&*!|>'\"#%@`?\n\t\\.=~",
                              "\r\n", "\ufeff", "é", "а", "\x00", "\x85", "\u2028", "  ",
                              "- ", ": ", "&a ", "*a", "!!str ", "!!python/object ", "<<: ",
                              "---\n", "...\n", "%YAML 1.1\n", "? ", "|\n", ">-\n",
                              "1e999", "0x1F", "01000", ".nan", "2016-02-30"])
CSV_CHARS = st.sampled_from([*"D01j2BI3,;\t\"\n\r 'x=+-@",
                             "dossier", "assessor", "criterion", "value", "comment", "\r\n",
                             "\ufeff", "NE", "na", "3,5", "1e999", "nan", "-0", "é", "\x00",
                             "\u00a0", "Bon", "\"\"", "\\"])


def texts(chars: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(chars, max_size=80).map("".join)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few bytes flipped, cut, inserted or duplicated."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "cut", "insert", "dup", "truncate"]))
        if op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[i:i + draw(st.integers(1, 40))]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif op == "dup":
            j = min(len(data), i + draw(st.integers(1, 60)))
            data[i:i] = data[i:j]
        else:
            del data[i:]
    return bytes(data)


def base_bytes(rel: str) -> bytes:
    return (BASE / rel).read_bytes()


def yaml_inputs() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=300),
        texts(YAML_CHARS).map(lambda s: s.encode("utf-8", "surrogatepass")),
        mutated(base_bytes("grid.yaml")),
        mutated(base_bytes("call.yaml")),
        mutated(base_bytes("dossiers/D01.yaml")),
    )


def csv_inputs() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=300),
        texts(CSV_CHARS).map(lambda s: s.encode("utf-8")),
        texts(CSV_CHARS).map(lambda s: "dossier,assessor,criterion,value,comment\n" + s)
        .map(lambda s: s.encode("utf-8")),
        mutated(base_bytes("ratings/j1.csv")),
        mutated(base_bytes("ratings/j1.csv").replace(b",", b";")),
    )


# ------------------------------------------------------------------ YAML
@fuzz(300)
@given(data=yaml_inputs())
@example(data=b"a: &a [*a]\n")
@example(data=b"\xef\xbb\xbf\xef\xbb\xbfa: 1\n")
@example(data=b"? - a\n: b\n")
@example(data=b"a: !!binary YWJj\nb: !!python/object:os.system ls\n")
@example(data=b"[" * 5000)
@example(data=b"<<: *x\n")
def test_yaml_reader_never_crashes(data: bytes) -> None:
    diags = Collector()
    text = decode(data, "fuzz.yaml", diags)
    if text is not None:
        doc = parse_yaml(text, "fuzz.yaml", diags)
        check_diags(diags, doc is None)
    with tempdir() as root:
        path = root / "fuzz.yaml"
        path.write_bytes(data)
        diags = Collector()
        doc = load_yaml(path, diags)
        check_diags(diags, doc is None)
        if doc is not None:
            assert isinstance(doc.data, dict)
            json.dumps(doc.data, allow_nan=False, default=str)


# ------------------------------------------------------------------ CSV
@fuzz(300)
@given(data=csv_inputs())
@example(data=b"\"")
@example(data=b"a,b\n\"x\"y,z\n")
@example(data=b"\r\r\r")
@example(data=b"a\x00b,c\n")
def test_csv_reader_never_crashes(data: bytes) -> None:
    diags = Collector()
    text = decode(data, "fuzz.csv", diags)
    if text is None:
        check_diags(diags, True)
        return
    table = parse_csv(text, "fuzz.csv", diags)
    check_diags(diags, table is None)
    if table is not None:
        for row in table.rows:
            assert set(row.values) == set(table.columns)
            assert row.where.line is not None and row.where.line >= 1


# ------------------------------------------------------------------ through load_call
def _load_and_score(folder: Path) -> None:
    """Load a call; if it loads, score it: the result must be plain JSON."""
    try:
        call = load_call(folder)
    except IsgridError as exc:
        assert exc.diagnostics, "an error without diagnostics"
        assert any(d.severity == "error" for d in exc.diagnostics)
        for d in exc.diagnostics:
            assert d.location.file, d
        return
    result = score(call).to_json()
    json.dumps(result, allow_nan=False)  # raises on NaN or Infinity anywhere in the data
    assert json.loads(dumps_records(result, "dossiers")) == json.loads(
        json.dumps(result, sort_keys=True))


@contextmanager
def base_call() -> Iterator[Path]:
    with tempdir() as root:
        folder = root / "call"
        shutil.copytree(BASE, folder)
        yield folder


@fuzz(150)
@given(data=csv_inputs())
@example(data=b"dossier,assessor,criterion,value\nD01,j1,B1,1e999\n")
@example(data=b"dossier,assessor,criterion,value\nD01,j1,B1,3\nD01,j1,B1,3\n")
@example(data=b"dossier,assessor,criterion,value,comment\nD01,i1,X1,NE,\n")
@example(data=b"criterion;dossier;value;assessor\nB2;D01;Excellent;j1\n")
def test_ratings_file_through_load_call(data: bytes) -> None:
    with base_call() as folder:
        (folder / "ratings" / "j1.csv").unlink()
        (folder / "ratings" / "fuzz.csv").write_bytes(data)
        _load_and_score(folder)


@fuzz(100)
@given(data=yaml_inputs())
@example(data=b"id: D01\ntitle: x\namount_requested: 1e308\n")
@example(data=b"id: D01\ntitle: x\nsubmitted_at: 31/02/2016\n")
@example(data=b"id: 1\ntitle: 2\nregion: 3\npostcode: 67000\n")
def test_dossier_file_through_load_call(data: bytes) -> None:
    with base_call() as folder:
        (folder / "dossiers" / "D01.yaml").write_bytes(data)
        _load_and_score(folder)


@fuzz(80)
@given(data=st.one_of(mutated(base_bytes("call.yaml")), yaml_inputs()))
@example(data=base_bytes("call.yaml") + b"budget: -1\n")
@example(data=base_bytes("call.yaml") + b"funding: {rate: 2, cap: -5}\n")
@example(data=base_bytes("call.yaml") + b"selection: {top: 0}\n")
@example(data=base_bytes("call.yaml") + b"min_ratings: 99\n")
def test_call_file_through_load_call(data: bytes) -> None:
    with base_call() as folder:
        (folder / "call.yaml").write_bytes(data)
        _load_and_score(folder)


@fuzz(80)
@given(data=st.one_of(mutated(base_bytes("grid.yaml")), yaml_inputs()))
def test_grid_file_through_load_grid_and_call(data: bytes) -> None:
    with base_call() as folder:
        (folder / "grid.yaml").write_bytes(data)
        try:
            load_grid(folder / "grid.yaml")
        except IsgridError as exc:
            assert exc.diagnostics
        _load_and_score(folder)


# ------------------------------------------------------------------ workbooks
def _workbook_bytes() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "dossiers"
    ws.append(["id", "title", "region", "amount_requested", "submitted_at"])
    ws.append(["D01", "Repair café", "Alsace", 12000, "2016-03-14"])
    ws.append(["D02", "Épicerie", "Alsace", 9000.5, "14/03/2016"])
    ws.append(["D03", "Garage", "Alsace", "9 000", None])
    other = wb.create_sheet("Notes")
    other["A1"] = "instructions"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


WORKBOOK = _workbook_bytes()


@st.composite
def garbled_workbooks(draw: st.DrawFn) -> bytes:
    """The workbook with one XML member mutated, rezipped (valid CRCs)."""
    src = zipfile.ZipFile(io.BytesIO(WORKBOOK))
    names = [i.filename for i in src.infolist()]
    victim = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == victim:
                if draw(st.booleans()):
                    body = draw(mutated(body))
                else:
                    continue  # a member gone
            dst.writestr(info.filename, body)
    return out.getvalue()


def xlsx_inputs() -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=200), mutated(WORKBOOK), garbled_workbooks())


@fuzz(200)
@given(data=xlsx_inputs())
@example(data=b"PK\x03\x04")
@example(data=b"")
def test_xlsx_reader_never_crashes(data: bytes) -> None:
    with tempdir() as root:
        path = root / "dossiers.xlsx"
        path.write_bytes(data)
        diags = Collector()
        tables = read_xlsx(path, diags)
        check_diags(diags, tables is None)


@fuzz(60)
@given(data=st.one_of(garbled_workbooks(), mutated(WORKBOOK)))
def test_dossier_workbook_through_load_call(data: bytes) -> None:
    with base_call() as folder:
        shutil.rmtree(folder / "dossiers")
        (folder / "dossiers.xlsx").write_bytes(data)
        _load_and_score(folder)


def test_the_valid_workbook_loads() -> None:
    """The fuzzed workbook is a good one before it is broken."""
    with base_call() as folder:
        shutil.rmtree(folder / "dossiers")
        (folder / "dossiers.xlsx").write_bytes(WORKBOOK)
        call = load_call(folder)
        assert [d.id for d in call.dossiers] == ["D01", "D02", "D03"]


@pytest.mark.parametrize("rel", ["grid.yaml", "call.yaml", "dossiers/D01.yaml",
                                 "ratings/j1.csv"])
def test_the_mutated_files_start_valid(rel: str) -> None:
    """The originals the mutations start from load without errors."""
    with base_call() as folder:
        assert (folder / rel).is_file()
        load_call(folder)


# ------------------------------------------------------------------ regressions
# Every crash the fuzzing found, by name (also in the hostile corpus, through the CLI).
CONTROL = b"id: D01\ntitle: Repair\x0bcaf\xc3\xa9\nregion: Alsace\n"  # a vertical tab (Word)


def test_regression_yaml_control_character() -> None:
    diags = Collector()
    text = decode(CONTROL, "D01.yaml", diags)
    assert text is not None
    assert parse_yaml(text, "D01.yaml", diags) is None
    assert [d.code for d in diags.errors] == ["yaml-syntax"]
    assert diags.errors[0].location.line == 2


@pytest.mark.parametrize("text", [";;;\n;;;\n", "\"\"\n", ",,\n"])
def test_regression_csv_of_empty_cells(text: str) -> None:
    diags = Collector()
    assert parse_csv(text, "dossiers.csv", diags) is None
    assert [d.code for d in diags.errors] == ["csv-syntax"]


def test_regression_infinite_budget() -> None:
    with base_call() as folder:
        path = folder / "call.yaml"
        path.write_bytes(path.read_bytes().replace(b"budget: 30000", b"budget: 1e999"))
        with pytest.raises(IsgridError) as info:
            load_call(folder)
    assert "call-invalid" in {d.code for d in info.value.diagnostics}


def test_regression_infinite_amount() -> None:
    with base_call() as folder:
        path = folder / "dossiers" / "D01.yaml"
        path.write_bytes(path.read_bytes().replace(b"amount_requested: 12000",
                                                   b"amount_requested: 1e999"))
        with pytest.raises(IsgridError) as info:
            load_call(folder)
    assert "fact-invalid" in {d.code for d in info.value.diagnostics}


# ------------------------------------------------------------------ jurors' workbooks
def _juror_files() -> dict[str, bytes]:
    """The workbook and the CSV sheet ``isgrid sheets`` writes for juror j1 (base call)."""
    from isgrid.jury.sheets import write_sheets

    out: dict[str, bytes] = {}
    with base_call() as folder:
        call = load_call(folder)
        for fmt in ("xlsx", "csv"):
            target = folder.parent / f"out-{fmt}"
            write_sheets(call, target, fmt=fmt, only=["j1"])
            out[fmt] = (target / f"j1.{fmt}").read_bytes()
    return out


JUROR = _juror_files()
CELL_VALUES = st.one_of(
    st.none(), st.integers(-10, 10), st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.dates(), st.datetimes(), st.text(max_size=30),
    st.sampled_from(["=1+2", "=A1", "NE", "n/a", "Bon", "3,5", "oui", "favorable",
                     "12 000,50 €", "-0", "1e999", " 3 ", "D01", "j1", "ј1", "note",
                     "commentaire", "x" * 5000]),
)


@st.composite
def edited_workbooks(draw: st.DrawFn) -> bytes:
    """The juror's workbook edited by hand: cells of any type, anywhere, on any sheet."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(JUROR["xlsx"]))
    for _ in range(draw(st.integers(1, 8))):
        ws = wb[draw(st.sampled_from(wb.sheetnames))]
        row = draw(st.integers(1, 9))
        col = draw(st.integers(1, 10))
        value = draw(CELL_VALUES)
        if isinstance(value, float) and value != value:
            value = None  # openpyxl refuses to write NaN
        try:
            ws.cell(row=row, column=col, value=value)
        except Exception:  # openpyxl refuses some values (control characters): no such file
            continue
    if draw(st.booleans()):
        ws = wb[draw(st.sampled_from(wb.sheetnames))]
        op = draw(st.sampled_from(["merge", "insert_row", "delete_row", "delete_col",
                                   "new_sheet", "remove_sheet"]))
        if op == "merge":
            ws.merge_cells(start_row=2, start_column=draw(st.integers(1, 8)),
                           end_row=draw(st.integers(2, 5)), end_column=9)
        elif op == "insert_row":
            ws.insert_rows(draw(st.integers(1, 5)))
        elif op == "delete_row":
            ws.delete_rows(draw(st.integers(1, 5)))
        elif op == "delete_col":
            ws.delete_cols(draw(st.integers(1, 9)))
        elif op == "new_sheet":
            wb.create_sheet(draw(st.sampled_from(["Notation", "Feuil1", "_isgrid2"])), 0)
        elif len(wb.sheetnames) > 1:
            del wb[ws.title]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _import(data: bytes, suffix: str) -> None:
    """Import one returned file; a success must leave a call that loads and scores."""
    from isgrid.jury.importer import import_sheets

    with base_call() as folder:
        (folder / "ratings" / "j1.csv").unlink()
        call = load_call(folder)
        path = folder.parent / f"j1{suffix}"
        path.write_bytes(data)
        try:
            import_sheets(call, [path])
        except IsgridError as exc:
            assert exc.diagnostics or exc.message
            assert not (folder / "ratings" / "j1.csv").exists(), "written despite errors"
            return
        _load_and_score(folder)


@fuzz(120)
@given(data=st.one_of(edited_workbooks(), mutated(JUROR["xlsx"])))
def test_juror_workbook_import_never_crashes(data: bytes) -> None:
    _import(data, ".xlsx")


@fuzz(120)
@given(data=st.one_of(mutated(JUROR["csv"]), csv_inputs()))
def test_juror_csv_sheet_import_never_crashes(data: bytes) -> None:
    _import(data, ".csv")
