"""The two readers of a ratings file give the same call.

:mod:`isgrid.call.ratings_reader` reads a well-formed ratings CSV with Arrow and numpy
(``_fast_path``) and anything unusual row by row with Python's ``csv`` module
(``_slow_path``); its docstring promises that both give the same table.  Each
test here loads a call folder twice through :func:`isgrid.call.load.load_call`:
once as users do, and once with ``_fast_path`` patched to return None, which
forces the slow path for every file.  Everything a later command can see must
be equal: every column of the rating table (NaN-aware), the assessor ids and
files, the call's assessors, the warnings, the result of
:func:`isgrid.engine.score`, or, when loading fails, every diagnostic.

Arrow's parse is used here at every size (``ARROW_MIN_BYTES`` set to 0 for the module):
a call's ratings below that size are read by the slow path anyway, and these small
files stand for large ones.

A spy records what ``_fast_path`` returned, so the clean cases also prove that
the fast path was really taken (otherwise the comparison would compare the slow
path with itself).

Three discrepancies found by these tests were fixed in ``src/`` and are kept as
regression tests: the fast path registered new assessors in sorted order (the
slow path: in order of first appearance); a cell longer than the csv module's
default limit (131,072 characters) failed only on the slow path; a quoted value
spanning lines, cut by Arrow's block boundary, was read as two rows.
"""

from __future__ import annotations

import dataclasses
import math
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import isgrid.call.ratings_reader as rt
from callfactory import make_call
from gridtexts import S04_HALF, SOURCES, YESNO_NO_NA, criterion, grid, scale, section
from isgrid.call.load import load_call
from isgrid.engine import score
from isgrid.errors import IsgridError

# Two scales with different values and labels (s04 with half steps, s13), a
# yes/no scale without n/a, and an eliminatory criterion rated by instructors.
GRID = grid(
    "paths-grid", "Grille des deux chemins (test)",
    section("besoin", "Besoin",
            criterion("B1", "Besoin social", weight=2),
            criterion("B2", "Public", "s13"),
            weight=2),
    section("impact", "Impact",
            criterion("I1", "Impact", dimension="D6"),
            criterion("X1", "Action ponctuelle exclue", "yesno", "D10", eliminatory=True,
                      rated_by="instructeur")),
    head=SOURCES + "threshold: 50\n",
    scales=[S04_HALF, scale("s13", "Peu", "Assez", "Beaucoup", start=1), YESNO_NO_NA],
    parameters=["threshold", "sections.besoin.weight", "criteria.B1.weight"])



@pytest.fixture(autouse=True)
def _arrow_at_every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """These small files stand for a national call's: Arrow parses them (module docstring)."""
    import isgrid.io.ratingsfile as ratingsfile

    monkeypatch.setattr(ratingsfile, "ARROW_MIN_BYTES", 0)


DOSSIERS = ("D01", "D02", "D03")
DECLARED = [
    {"id": "i1", "name": "Service", "role": "instructeur"},
    {"id": "j1", "name": "Claire", "role": "juré"},
    {"id": "j2", "name": "Paul", "role": "juré"},
]
H = "dossier,assessor,criterion,value,comment\n"

# A clean file: every id and value known, assessors in sorted order of first
# appearance (see the module docstring), i1 rates the eliminatory criterion.
CLEAN = H + (
    "D01,i1,X1,oui,\n"
    "D02,i1,X1,oui,recevable\n"
    "D01,j1,B1,3,bien\n"
    "D01,j1,B2,2,\n"
    "D01,j1,I1,4,\n"
    "D02,j1,B1,1,faible\n"
    "D02,j1,B2,Beaucoup,\n"
    "D03,j1,I1,2.5,\n"
    "D01,j2,B1,2,\n"
    "D01,j2,B2,3,\n"
    "D02,j2,I1,0,\n"
)


def write_call(root: Path, files: dict[str, str | bytes], *, declared: bool = False,
               call: dict[str, Any] | None = None, name: str = "call") -> Path:
    """A call folder with the test grid, dossiers D01-D03 and these ratings files."""
    config: dict[str, Any] = {"assessors": DECLARED} if declared else {}
    config.update(call or {})
    folder = make_call(root, GRID, call=config, dossiers=[{"id": d} for d in DOSSIERS],
                       name=name)
    if files:
        rdir = folder / "ratings"
        rdir.mkdir()
        for fname, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (rdir / fname).write_bytes(data)
    return folder


# ------------------------------------------------------------ loading twice
def _nan_free(x: Any) -> Any:
    """The same data with NaN replaced by a marker, so that == compares it."""
    if isinstance(x, float) and math.isnan(x):
        return "<NaN>"
    if isinstance(x, dict):
        return {k: _nan_free(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_nan_free(v) for v in x]
    return x


def _diag(d: Any) -> tuple[Any, ...]:
    return (d.code, d.severity, d.message, dataclasses.astuple(d.location), d.hint)


def fast_hook() -> str:
    """The name of the function whose None sends a file to the slow path.

    ``_fast_path``; when the module splits it (Arrow's parse apart, prepared in
    a background thread), its successor ``_from_arrow``, which turns Arrow's
    table into a part or returns None.
    """
    for name in ("_fast_path", "_from_arrow"):
        if hasattr(rt, name):
            return name
    raise AssertionError("isgrid.call.ratings_reader has no fast path to compare with")


def load(folder: Path, *, force_slow: bool) -> tuple[dict[str, Any], list[bool]]:
    """Load a call and describe everything it holds; also what the fast path returned.

    ``force_slow`` patches the fast path (:func:`fast_hook`) to return None (the
    slow path reads every file).  The second value lists, per call of the fast
    path, whether it returned a part.
    """
    taken: list[bool] = []
    hook = fast_hook()
    original = getattr(rt, hook)

    def spy(*args: Any, **kwargs: Any) -> Any:
        part = None if force_slow else original(*args, **kwargs)
        taken.append(part is not None)
        return part

    with mock.patch.object(rt, hook, spy):
        try:
            call = load_call(folder)
        except IsgridError as exc:
            return {"error": type(exc).__name__,
                    "diagnostics": [_diag(d) for d in exc.diagnostics]}, taken
    t = call.table
    ids = t.assessor_ids
    snap: dict[str, Any] = {
        "error": None,
        "len": len(t),
        "dossier_ids": list(t.dossier_ids),
        "criterion_ids": list(t.criterion_ids),
        "assessor_ids": list(ids),
        "files": list(t.files),
        "dossier": t.dossier.tolist(),
        "assessor": t.assessor.tolist(),
        "assessor_of_row": [ids[i] for i in t.assessor.tolist()],
        "criterion": t.criterion.tolist(),
        "value": _nan_free(t.value.tolist()),
        "na": t.na.tolist(),
        "file": t.file.tolist(),
        "line": t.line.tolist(),
        "comment": list(t.comment),
        "dtypes": {c: str(getattr(t, c).dtype)
                   for c in ("dossier", "assessor", "criterion", "value", "na", "file", "line")},
        "ratings": [dataclasses.astuple(r) for r in call.ratings],
        "assessors": list(call.assessors),
        "assessor_records": {k: a.model_dump() for k, a in call.assessors.items()},
        "warnings": [_diag(w) for w in call.warnings],
        "score": _scored(call),
    }
    return snap, taken


def _scored(call: Any) -> Any:
    """The engine's result, or the exception it raised (the same on both paths)."""
    try:
        return _nan_free(score(call).to_json())
    except Exception as exc:  # compared; the engine's own tests report it
        return ("score raised", type(exc).__name__, str(exc))


def _loose(snap: dict[str, Any]) -> dict[str, Any]:
    """The snapshot without the order in which assessors were registered."""
    out = dict(snap)
    if out["error"] is None:
        out.pop("assessor")  # indices into assessor_ids: "assessor_of_row" compares them
        out["assessor_ids"] = sorted(out["assessor_ids"])
        out["assessors"] = sorted(out["assessors"])
    else:
        out["diagnostics"] = sorted(out["diagnostics"], key=repr)
    return out


def compare(folder: Path, *, assessor_order: bool = True) -> tuple[dict[str, Any], list[bool]]:
    """Load ``folder`` by both paths and assert they agree; return the normal load.

    ``assessor_order=False`` ignores the order in which assessors were
    registered (the known discrepancy of the module docstring), nothing else.
    """
    normal, taken = load(folder, force_slow=False)
    slow, slow_taken = load(folder, force_slow=True)
    assert not any(slow_taken)
    if not assessor_order:
        normal, slow = _loose(normal), _loose(slow)
    assert normal["error"] == slow["error"], (normal.get("diagnostics"), slow.get("diagnostics"))
    for key in sorted(set(normal) | set(slow)):
        assert normal.get(key) == slow.get(key), (
            f"{key} differs:\n fast: {normal.get(key)!r}\n slow: {slow.get(key)!r}")
    return normal, taken


def _codes(snap: dict[str, Any]) -> set[str]:
    return {d[0] for d in snap["diagnostics"] if d[1] == "error"} if snap["error"] else set()


# ------------------------------------------------------------ hand-written cases
CASES: dict[str, dict[str, Any]] = {
    # name: files, declared, fast ("all": every file read by _fast_path, "none":
    # none, None: either), errors (the error codes loading must report)
    "clean": {"files": {"r.csv": CLEAN}, "fast": "all"},
    "clean-declared": {"files": {"r.csv": CLEAN}, "declared": True, "fast": "all"},
    "clean-no-final-newline": {"files": {"r.csv": CLEAN.rstrip("\n")}, "fast": "all"},
    "comma-decimals-quoted": {
        "files": {"r.csv": H + 'D01,j1,B1,"3,5",\nD01,j1,I1,"0,5","a, b"\nD02,j1,B1,"4",\n'},
        "fast": "all"},
    "unquoted-comma-decimal-spills-into-comment": {
        "files": {"r.csv": "dossier,assessor,criterion,value\nD01,j1,B1,3,5\n"},
        "errors": {"csv-row-length"}},
    "semicolon": {
        "files": {"r.csv": "dossier;assessor;criterion;value;comment\n"
                           "D01;j1;B1;3,5;bien, vraiment\nD01;j1;B2;Assez;\n"
                           'D02;j1;I1;"1,5";"un ""mot"""\n'},
        "fast": "all"},
    "tab": {
        "files": {"r.csv": "dossier\tassessor\tcriterion\tvalue\tcomment\n"
                           "D01\tj1\tB1\t3,5\tbien; oui, oui\nD02\tj1\tB2\t1\t\n"},
        "fast": "all"},
    "comments": {
        "files": {"r.csv": H + 'D01,j1,B1,3,"virgule, ici"\n'
                           'D01,j1,B2,2,"il a dit ""oui"""\n'
                           "D01,j1,I1,4,é à ç ñ\n"
                           "D02,j1,B1,1,🎉 bravo 👩‍🔬\n"
                           'D02,j1,B2,3,""\n'
                           'D02,j1,I1,2,"""début et fin"""\n'},
        "fast": "all"},
    "newline-in-quoted-comment": {
        "files": {"r.csv": H + 'D01,j1,B1,3,"ligne un\nligne deux"\nD02,j1,B1,2,après\n'},
        "fast": "none"},
    "newline-in-quoted-comment-crlf": {
        "files": {"r.csv": (H + 'D01,j1,B1,3,"un\r\ndeux"\nD02,j1,B1,2,\n').replace(
            "\n", "\r\n")},
        "fast": "none"},
    "blank-lines-middle": {
        "files": {"r.csv": H + "D01,j1,B1,3,\n\nD01,j1,B2,2,\n   \nD02,j1,B1,1,\n"},
        "fast": "none"},
    "blank-lines-end": {"files": {"r.csv": CLEAN + "\n\n\n"}, "fast": "all"},
    "blank-lines-end-spaces": {"files": {"r.csv": CLEAN + "\n  \n\t\n"}},
    "blank-lines-before-header": {"files": {"r.csv": "\n\n" + CLEAN}, "fast": "all"},
    "junk-before-header": {"files": {"r.csv": "  \n,,,,\n\t\n" + CLEAN}, "fast": "all"},
    "header-with-quoted-newline": {
        "files": {"r.csv": '"dossier\n",assessor,criterion,value,comment\nD01,j1,B1,3,\n'},
        "fast": "none"},
    # a column twice: an error (the second « value » was silently ignored)
    "duplicate-header-column": {
        "files": {"r.csv": "dossier,assessor,criterion,value,value\nD01,j1,B1,3,4\n"},
        "errors": {"csv-syntax"}},
    "unicode-line-separators": {
        "files": {"r.csv": H + "D01,j1,B1,3,a\u2028b\nD01,j1,B2,2,c\x85d\n"
                           "D02,j1,B1,1,e\x0cf\x0bg\x1eh\nD02,j1,B2,\u2029,\n"},
        "fast": "all"},
    "separator-only-line": {
        "files": {"r.csv": H + "D01,j1,B1,3,\n,,,,\nD02,j1,B1,2,\n"},
        "fast": "none"},
    "trailing-empty-column-rows": {
        "files": {"r.csv": H + "D01,j1,B1,3,ok,\nD01,j1,B2,2,,\nD02,j1,B1,1,,,\n"},
        "fast": "none"},
    # an empty column at the end of the header (Excel's « ;;; »): no column, as on the rows
    "trailing-empty-column-header": {
        "files": {"r.csv": "dossier,assessor,criterion,value,comment,\nD01,j1,B1,3,ok,\n"},
        "fast": "none"},
    "short-rows": {"files": {"r.csv": H + "D01,j1,B1,3\nD01,j1,B2\n"}, "fast": "none"},
    "long-row": {"files": {"r.csv": H + "D01,j1,B1,3,ok,en trop\nD02,j1,B1,2,\n"},
                 "errors": {"csv-row-length"}},
    "crlf": {"files": {"r.csv": CLEAN.replace("\n", "\r\n")}, "fast": "all"},
    "bom": {"files": {"r.csv": b"\xef\xbb\xbf" + CLEAN.encode()}, "fast": "all"},
    "bom-crlf-semicolon": {
        "files": {"r.csv": b"\xef\xbb\xbf" + CLEAN.replace(",", ";").replace(
            "\n", "\r\n").encode()},
        "fast": "all"},
    "cp1252": {"files": {"r.csv": (H + "D01,j1,B1,3,très bien\n").encode("cp1252")},
               "fast": "all"},
    "header-variants": {
        "files": {"r.csv": "Value;Criterion;Dossier;Assessor\n3;B1;D01;j1\nBon;I1;D02;j1\n"},
        "fast": "all"},
    "header-quoted": {
        "files": {"r.csv": '"dossier","assessor","criterion","value","comment"\n'
                           '"D01","j1","B1","3","ok"\n"D02","j1","B1","2",""\n'},
        "fast": "all"},
    "unknown-dossier": {"files": {"r.csv": H + "D01,j1,B1,3,\nD77,j1,B1,2,\n"},
                        "errors": {"unknown-dossier"}},
    "unknown-criterion": {
        "files": {"r.csv": H + "D01,j1,B1,3,\nD01,j1,b2,2,\nD01,j1,Z9,2,\n"},
        "errors": {"unknown-criterion"}},
    "unknown-assessor-declared": {
        "files": {"r.csv": H + "D01,j1,B1,3,\nD01,j9,B1,2,\n"}, "declared": True,
        "errors": {"unknown-assessor"}},
    "new-assessor-undeclared": {
        "files": {"r.csv": H + "D01,j1,B1,3,\nD01,j9,B1,2,\nD02,k1,I1,1,\n"}, "fast": "all"},
    "invalid-assessor-id": {
        "files": {"r.csv": H + "D01,j1,B1,3,\nD01,jean dupont,B1,2,\nD02,,B1,1,\n"},
        "errors": {"invalid-id"}},
    "value-out-of-scale": {
        "files": {"r.csv": H + "D01,j1,B1,3,\nD01,j1,I1,9,\nD02,j1,B1,Super,\n"
                           "D02,j1,I1,-1,\nD03,j1,B1,3.25,\n"},
        "errors": {"value-out-of-scale"}},
    "na-tokens": {
        "files": {"r.csv": H + "D01,j1,B1,NE,\nD01,j1,B2,n/a,\nD01,j1,I1,na,\n"
                           "D02,j1,B1,N/A,\nD02,j1,B2,NA,\nD02,j1,I1,sans objet,\n"
                           "D03,j1,B1, ne ,\nD03,j1,B2,n.e.,\nD03,j1,I1,NC,\n"},
        "fast": "all"},
    "na-not-allowed": {"files": {"r.csv": H + "D01,i1,X1,NE,\n"}, "declared": True,
                       "errors": {"value-out-of-scale"}},
    "empty-values": {
        "files": {"r.csv": H + "D01,j1,B1,,\nD01,j1,B2,,pas encore\nD02,j1,I1,  ,\n"
                           'D02,j1,B1,"",\nD03,j1,B1,3,\n'},
        "fast": "all"},
    # (« #N/A » is Excel's error value, refused as one: tests/io/test_excel_errors.py)
    "null-like-texts": {
        "files": {"r.csv": H + "D01,j1,B1,3,NULL\nD01,j1,B2,2,null\nD01,j1,I1,1,#NA\n"
                           "D02,j1,B1,3,NaN\nD02,j1,B2,2,None\n"},
        "fast": "all"},
    "spaces-around-ids": {
        "files": {"r.csv": H + " D01 ,j1,B1,3,\nD01, j1,B2,2,\nD02,j1 , I1 , 4 ,\n"
                           "D02,\u00a0j1,B1,1,\n"},
        "fast": "none"},
    "spaces-around-value": {"files": {"r.csv": H + "D01,j1,B1, 3 ,\nD01,j1,B2,\t2,\n"},
                            "fast": "all"},
    "two-files": {
        "files": {"a.csv": H + "D01,i1,X1,non,\nD01,j1,B1,3,\n",
                  "b.csv": "dossier;assessor;criterion;value\nD01;j2;B1;2\nD02;j2;B1;3,5\n"},
        "fast": "all"},
    "two-files-one-slow": {
        "files": {"a.csv": H + "D01,j1,B1,3,\n\nD02,j1,B1,2,\n",
                  "b.csv": H + "D01,j2,B1,2,\nD02,j2,B1,1,\n"}},
    "header-only": {"files": {"r.csv": H}, "fast": "all"},
    "header-only-no-newline": {"files": {"r.csv": H.rstrip("\n")}, "fast": "all"},
    "header-only-blank-lines": {"files": {"r.csv": H + "\n\n"}},
    "empty-file": {"files": {"r.csv": ""}, "errors": {"csv-syntax"}},
    "missing-column": {"files": {"r.csv": "dossier,assessor,value\nD01,j1,3\n"},
                       "errors": {"csv-missing-column"}},
    "quote-inside-unquoted-field": {
        "files": {"r.csv": H + 'D01,j1,B1,3,x"y\nD02,j1,B1,2,l\'"avis"\n'}, "fast": "none"},
    "malformed-quoted-field": {
        "files": {"r.csv": H + 'D01,j1,B1,3,ok\nD02,j1,B1,2,"ab"c\nD03,j1,B1,1,\n'},
        "errors": {"csv-syntax"}},
    "unterminated-quote": {
        "files": {"r.csv": H + 'D01,j1,B1,3,ok\nD02,j1,B1,2,"ab\nD03,j1,B1,1,\n'},
        "errors": {"csv-syntax"}},
    "quote-after-space": {
        "files": {"r.csv": H + 'D01,j1,B1,3, "ok"\nD02,j1,B1, "2",\n'},
        "errors": {"value-out-of-scale"}, "fast": "none"},
    "two-scales-same-texts": {
        "files": {"r.csv": H + "D01,j1,B1,3,\nD01,j1,B2,3,\nD01,j1,I1,1,\nD02,j1,B1,1,\n"
                           "D02,j1,B2,1,\nD02,j1,I1,Moyen,\nD03,j1,B2,Peu,\n"},
        "fast": "all"},
    "two-scales-value-of-the-other": {
        "files": {"r.csv": H + "D01,j1,B1,4,\nD01,j1,B2,4,\nD02,j1,B2,0,\n"
                           "D02,j1,B1,Beaucoup,\nD03,j1,B2,\"2,5\",\n"},
        "errors": {"value-out-of-scale"}},
    "eliminatory-right-role": {
        "files": {"r.csv": H + "D01,i1,X1,oui,\nD02,i1,X1,non,\nD01,j1,B1,3,\nD01,j1,X1,,\n"},
        "declared": True, "fast": "all"},
    "eliminatory-wrong-role": {
        "files": {"r.csv": H + "D01,i1,X1,oui,\nD01,j1,X1,non,\nD01,j1,B1,3,\n"},
        "declared": True, "errors": {"wrong-rater-role"}},
    "scored-by-an-instructor": {  # the jurors rate the criteria that are not eliminatory
        "files": {"r.csv": H + "D01,i1,X1,oui,\nD01,j1,B1,3,\nD01,i1,B1,0,\n"},
        "declared": True, "errors": {"wrong-rater-role"}},
    "scored-by-an-instructor-blank": {  # an empty cell gives no value: not refused
        "files": {"r.csv": H + "D01,i1,X1,oui,\nD01,j1,B1,3,\nD01,i1,B1,,\n"},
        "declared": True, "fast": "all"},
    "scored-by-anyone-undeclared": {
        "files": {"r.csv": H + "D01,i1,X1,oui,\nD01,i1,B1,0,\n"}, "fast": "all"},
    "eliminatory-any-role-undeclared": {
        "files": {"r.csv": H + "D01,i1,X1,oui,\nD01,j1,X1,non,\n"}, "fast": "all"},
    "duplicates": {
        "files": {"r.csv": H + "D01,j1,B1,3,\nD01,j1,B1,2,\nD01,j2,B1,2,\n",
                  "s.csv": H + "D01,j1,B1,1,\n"},
        "errors": {"duplicate-rating"}},
    "conflict-warning": {
        "files": {"r.csv": CLEAN}, "declared": True,
        "call": {"conflicts": [{"assessor": "j2", "dossier": "D02", "reason": "membre"}]},
        "fast": "all"},
    # Excel's error values: the whole file is searched for one only when a comment holds
    # a « # »; in any other column the columns' lookups send the file to the row reader
    "excel-error-in-a-comment": {
        "files": {"r.csv": CLEAN + "D03,j2,B1,2,#NOM?\n"}, "errors": {"excel-error-value"},
        "fast": "none"},
    "excel-error-as-a-value": {
        "files": {"r.csv": CLEAN + "D03,j2,B1,#VALEUR!,\n"}, "errors": {"value-out-of-scale"},
        "fast": "none"},
    "excel-error-as-a-dossier": {
        "files": {"r.csv": CLEAN + "#REF!,j2,B1,2,\n"}, "errors": {"unknown-dossier"},
        "fast": "none"},
    "excel-error-as-an-assessor": {
        "files": {"r.csv": CLEAN + "D03,#N/A,B1,2,\n"}, "errors": {"invalid-id"},
        "fast": "none"},
    "a-hash-in-a-comment-not-an-error": {
        "files": {"r.csv": CLEAN + "D03,j2,B1,2,voir #3 du dossier\n"}, "fast": "all"},
}


@pytest.mark.parametrize("name", list(CASES))
def test_both_paths_agree(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    folder = write_call(tmp_path, case["files"], declared=case.get("declared", False),
                        call=case.get("call"))
    snap, taken = compare(folder)
    assert _codes(snap) == case.get("errors", set()), snap.get("diagnostics")
    if case.get("fast") == "all":
        assert taken and all(taken), taken
        assert len(taken) == len(case["files"])
    elif case.get("fast") == "none":
        assert not any(taken), taken


def test_fast_path_taken_for_clean_file(tmp_path: Path) -> None:
    """The comparison is not vacuous: a clean file is read by the fast path only."""
    folder = write_call(tmp_path, {"r.csv": CLEAN})
    seen: list[Any] = []
    hook = fast_hook()
    original_fast, original_slow = getattr(rt, hook), rt._slow_path

    def fast(*args: Any, **kwargs: Any) -> Any:
        seen.append(("fast", original_fast(*args, **kwargs)))
        return seen[-1][1]

    def slow(*args: Any, **kwargs: Any) -> Any:
        seen.append(("slow", None))
        return original_slow(*args, **kwargs)

    with mock.patch.object(rt, hook, fast), mock.patch.object(rt, "_slow_path", slow):
        call = load_call(folder)
    assert [k for k, _ in seen] == ["fast"]
    part = seen[0][1]
    assert part is not None and len(part.line) == CLEAN.count("\n") - 1
    assert len(call.table) == CLEAN.count("\n") - 1
    # and the forced load really read the file by the slow path
    slow_snap, taken = load(folder, force_slow=True)
    assert taken == [False] and slow_snap["len"] == len(call.table)


def test_many_rows_many_distinct_texts(tmp_path: Path) -> None:
    """A larger file (every dossier, criterion and value text) read fast, same table."""
    values = {"B1": ["0", "0,5", "1", "1.5", "2", "Moyen", "3", "3,5", "4", "NE", ""],
              "B2": ["1", "2", "3", "Peu", "assez", "n/a", ""],
              "I1": ["4", "Bon", "excellent", "2,5", "na", ""]}
    rows = [H.rstrip("\n")]
    for k in range(30):
        aid = f"j{k:02d}"
        for d in DOSSIERS:
            for c, vs in values.items():
                rows.append(f'{d},{aid},{c},"{vs[(k + len(d)) % len(vs)]}",c{k} {d} {c}')
    folder = write_call(tmp_path, {"r.csv": "\n".join(rows) + "\n"})
    snap, taken = compare(folder)
    assert taken == [True] and snap["len"] == len(rows) - 1


def test_arrow_reads_in_many_blocks(tmp_path: Path) -> None:
    """Arrow cut into small blocks (chunked columns, one dictionary per chunk): same table."""
    import pyarrow.csv as pcsv

    rows = [f"{d},j{k:02d},{c},{v},n{k}" for k in range(40) for d in DOSSIERS
            for c, v in (("B1", '"3,5"' if k % 2 else "Bon"), ("B2", "Peu"), ("I1", k % 5))]
    folder = write_call(tmp_path, {"r.csv": H + "\n".join(rows) + "\n"})
    original = pcsv.ReadOptions

    def small_blocks(*args: Any, **kwargs: Any) -> Any:
        return original(*args, **(kwargs | {"block_size": 256}))

    with mock.patch.object(pcsv, "ReadOptions", small_blocks):
        snap, taken = compare(folder)
    assert taken == [True] and snap["len"] == len(rows)


@pytest.mark.parametrize("flaw", ["D09,j39,B1,3,inconnu", "D01,j39,B1,vingt,valeur"])
def test_a_flaw_in_a_late_block_registers_no_assessor_early(tmp_path: Path, flaw: str) -> None:
    """The columns are filled block by block: a problem found in the last block only (an
    unknown dossier, a value outside the scale), after earlier blocks were filled, sends
    the file to the slow path; the call is the one the slow path alone gives (the same
    assessors in the same order, the same diagnostics), and the next file is read as
    usual."""
    import pyarrow.csv as pcsv

    rows = [f"{d},j{k:02d},B1,{k % 5}," for k in range(30) for d in DOSSIERS]
    later = H + "D02,k1,I1,2,\nD01,j05,B2,Peu,\n"
    folder = write_call(tmp_path, {"a.csv": H + "\n".join([*rows, flaw]) + "\n",
                                   "b.csv": later})
    original = pcsv.ReadOptions

    def small_blocks(*args: Any, **kwargs: Any) -> Any:
        return original(*args, **(kwargs | {"block_size": 256}))

    with mock.patch.object(pcsv, "ReadOptions", small_blocks):
        snap, taken = compare(folder)
    assert taken[0] is False  # the flaw took a.csv to the slow path
    if snap["error"] is None:  # a bad value is reported and its row left out
        assert snap["assessor_ids"][:3] == ["j00", "j01", "j02"]
        assert snap["assessor_ids"][-1] == "k1"


# ---------------------------------------- once discrepancies (fixed in src/)
def test_assessors_are_registered_in_order_of_first_appearance(tmp_path: Path) -> None:
    folder = write_call(tmp_path, {"r.csv": H + "D01,j2,B1,3,\nD01,j1,B1,2,\n"})
    compare(folder)


def test_assessor_order_with_three_assessors(tmp_path: Path) -> None:
    """j2, j1, k0 in that order on both paths (resolved ids, values, score...)."""
    folder = write_call(tmp_path, {"r.csv": H + "D01,j2,B1,3,\nD01,j1,B1,2,\nD02,k0,I1,1,\n"})
    _, taken = compare(folder)
    assert taken == [True]


def test_duplicate_diagnostics_in_the_same_order(tmp_path: Path) -> None:
    folder = write_call(tmp_path, {"r.csv": H + "D01,j2,B1,3,\nD01,j1,B1,3,\n"
                                               "D01,j2,B1,2,\nD01,j1,B1,2,\n"})
    compare(folder)


def test_a_comment_longer_than_the_csv_module_default_is_read(tmp_path: Path) -> None:
    folder = write_call(tmp_path, {"r.csv": H + "D01,j1,B1,3," + "x" * 140_000 + "\n"})
    compare(folder)


def test_a_quoted_newline_across_arrow_blocks_takes_the_slow_path(tmp_path: Path) -> None:
    import pyarrow.csv as pcsv

    folder = write_call(tmp_path, {"r.csv": H + 'D01,j1,B1,3,ok\nD02,j1,B1,2,"x\nD03,j1,B1,1,"\n'})
    original = pcsv.ReadOptions

    def small_blocks(*args: Any, **kwargs: Any) -> Any:
        return original(*args, **(kwargs | {"block_size": 24}))

    with mock.patch.object(pcsv, "ReadOptions", small_blocks):
        compare(folder)


def test_long_comment_below_the_limit(tmp_path: Path) -> None:
    folder = write_call(tmp_path, {"r.csv": H + "D01,j1,B1,3," + "x" * 100_000 + "\n"})
    _, taken = compare(folder)
    assert taken == [True]


# ------------------------------------------------------------ random files
SEPS = [",", ";", "\t"]
COLUMNS = ["dossier", "assessor", "criterion", "value", "comment"]
#: Known ids, and values allowed by each criterion's scale (texts as people write them).
GOOD_VALUES = {
    "B1": ["0", "1", "2", "3", "4", "3,5", "2.5", "0,5", "NE", "n/a", "", " 2 ", "Bon",
           "moyen", "EXCELLENT", "1e0", "sans objet"],
    "B2": ["1", "2", "3", "Peu", "assez", "Beaucoup", "na", "N/A", "", "2,0"],
    "I1": ["0", "4", "1,5", "Faible", "ne", "", "3.0"],
    "X1": ["oui", "non", "0", "1", "", "OUI"],
}
GOOD_ROWS = [(d, a, c) for d in DOSSIERS for a in ("i1", "j1", "j2")
             for c in (("X1",) if a == "i1" else ("B1", "B2", "I1"))]
#: Cells that are wrong somewhere: unknown, spaced, miscased or invalid ids, values
#: off the scale or of the other scale.
BAD_CELLS = {
    "dossier": ["D99", " D01", "D02 ", "d01", "", "\u00a0D03"],
    "assessor": ["k7", " j1", "j2 ", "jean dupont", "", "J1", "-x", "i1\u00a0"],
    "criterion": ["b1", "Q9", " B2", "", "X1"],
    "value": ["9", "-1", "3.25", "4,5", "Beaucoup", "x", "NA", "null", "oui", "0,25", "NE"],
}
COMMENT_CELLS = ["", "ok", "bien, très bien", 'il a dit "oui"', "é à ç", "🎉 super", "a;b",
                 "tab\there", "ligne\nsuivante", "  espaces  ", 'x"y', "'quote'", ",", ";",
                 '"', "NULL", "\u00a0insécable", "ligne\r\nWindows"]
GARBAGE = ["", "   ", ",,,,", ";;;;", "\t\t\t\t", 'x"y', '"ab"c', '"unterminated', "# note",
           "D01", "D01,j1", ",,,,,,", '""', "D01,j1,B1,3,ok,extra", "\u00a0", "D01;j1;B1;3"]


def _field(text: str, quote: bool) -> str:
    return '"' + text.replace('"', '""') + '"' if quote else text


@st.composite
def ratings_files(draw: st.DrawFn) -> bytes:
    """One ratings file made of the ingredients above, well formed or not.

    Half of the files are "clean" (known ids and values, no repeated key, one
    separator, consistent quoting), so that the fast path reads many of them;
    the others mix in bad cells, garbage lines, short rows, trailing separators
    and another separator.
    """
    clean = draw(st.booleans())
    sep = draw(st.sampled_from(SEPS))
    columns = list(draw(st.permutations(COLUMNS)))
    if draw(st.booleans()):
        columns.remove("comment")
    quoting = draw(st.sampled_from(["never", "always", "minimal"] + ([] if clean else ["random"])))

    def render(cells: list[str], row_sep: str) -> str:
        out = []
        for cell in cells:
            if quoting == "never":
                q = False
            elif quoting == "always":
                q = True
            elif quoting == "minimal":
                q = any(ch in cell for ch in (row_sep, '"', "\n", "\r"))
            else:
                q = draw(st.booleans())
            out.append(_field(cell, q))
        return row_sep.join(out)

    header = [c.title() if draw(st.integers(0, 3)) == 0 else c for c in columns]
    lines = [""] * draw(st.integers(0, 1)) + [render(header, sep)]
    keys = draw(st.lists(st.sampled_from(GOOD_ROWS), unique=True, min_size=1, max_size=8))
    for d, a, c in keys:
        cell = {"dossier": d, "assessor": a, "criterion": c,
                "value": draw(st.sampled_from(GOOD_VALUES[c])),
                "comment": draw(st.sampled_from(COMMENT_CELLS))}
        kind = "row"
        row_sep = sep
        if not clean:
            kind = draw(st.sampled_from(["row"] * 5 + ["bad", "garbage", "trailing-sep",
                                                        "short", "other-sep"]))
            if kind == "bad":
                column = draw(st.sampled_from(sorted(BAD_CELLS)))
                cell[column] = draw(st.sampled_from(BAD_CELLS[column]))
            elif kind == "garbage":
                lines.append(draw(st.sampled_from(GARBAGE)))
            elif kind == "other-sep":
                row_sep = draw(st.sampled_from(SEPS))
        cells = [cell[c] for c in columns]
        if kind == "short":
            cells = cells[:-1]
        line = render(cells, row_sep)
        if kind == "trailing-sep":
            line += row_sep * draw(st.integers(1, 2))
        lines.append(line)
    if not clean and draw(st.booleans()):
        lines.append(draw(st.sampled_from(GARBAGE)))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    text = eol.join(lines) + eol * draw(st.integers(0, 2))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(ratings_files(), min_size=1, max_size=2), declared=st.booleans())
def test_random_files_both_paths_agree(files: list[bytes], declared: bool) -> None:
    """Random small files: both paths agree in everything, assessor order included."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_call(Path(tmp), {f"r{i}.csv": data for i, data in enumerate(files)},
                            declared=declared)
        compare(folder)


def test_a_row_of_separators_only_is_skipped(tmp_path: Path) -> None:
    """``,,,,`` (a spreadsheet's empty row) is no rating and no error, on both paths."""
    folder = write_call(tmp_path, {"r.csv": H + "D01,j1,B1,3,\n,,,,\nD02,j1,B1,2,\n"})
    snap, taken = compare(folder)
    assert taken == [False] and snap["len"] == 2


def test_plain_utf8_files_skip_decoding(tmp_path: Path) -> None:
    """LF and CRLF UTF-8 files go to Arrow as bytes; a stray CR or cp1252 is decoded first."""
    from isgrid.io.ratingsfile import prepare_ratings_file

    cases = {"lf.csv": (CLEAN.encode(), True), "crlf.csv": (CLEAN.replace("\n", "\r\n").encode(), True),
             "cr.csv": (CLEAN.replace("\n", "\r", 1).encode(), False),
             "cp1252.csv": (CLEAN.replace("D01,j1,B1,3,", "D01,j1,B1,3,é").encode("cp1252"), False)}
    for name, (data, plain) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        prep = prepare_ratings_file(path)
        assert (prep.data is not None) == plain, name
        assert prep.ok and prep.arrow is not None, name
    # the text of a CRLF file, when the slow path needs it, is normalised like any text
    prep = prepare_ratings_file(tmp_path / "crlf.csv")
    assert "\r" not in prep.the_text() and prep.the_text() == CLEAN
