"""What a juror of an English call types in the workspace is read in English, as their
workbook reads it: « N.A. », « not applicable » for NE (and « yes », « no » for a level
labelled « oui », « non »).  The workspace checked typed values in French only (the
review's « stored answers of an English call »: what it stores is the value's number or
NE, the same in both languages; what it read in French only was what a juror types)."""

from __future__ import annotations

from pathlib import Path

from isgrid.workspace.store import Entry, Workspace
from workspacecalls import alsace


def _call(tmp_path: Path, lang: str) -> Path:
    folder = alsace(tmp_path, keep_ratings=False, name=f"call-{lang}")
    path = folder / "call.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nlang: fr\n" in text
    path.write_text(text.replace("\nlang: fr\n", f"\nlang: {lang}\n"), encoding="utf-8")
    return folder


def test_an_english_call_reads_na_as_its_workbook_does(tmp_path: Path, db: str | None) -> None:
    ws = Workspace(_call(tmp_path, "en"), db)
    # ALS-2: 0 to 4 with half steps, NE allowed
    for typed in ("N.A.", "not applicable", "NE"):
        values, problems = ws.check_entry("j1", Entry(values={"ALS-2": typed}))
        assert (values, problems) == ({"ALS-2": "NE"}, {}), typed


def test_a_french_call_as_before(tmp_path: Path, db: str | None) -> None:
    ws = Workspace(_call(tmp_path, "fr"), db)
    values, problems = ws.check_entry("j1", Entry(values={"ALS-2": "N.A."}))
    assert values == {} and list(problems) == ["ALS-2"]
    assert ws.check_entry("j1", Entry(values={"ALS-2": "ne"})) == ({"ALS-2": "NE"}, {})
