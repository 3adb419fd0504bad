"""A ``convention_date`` column in dossiers.csv that neither the grid nor call.yaml declares
is the grant agreement's date the open-data export reads (docs/decisions.md §7): it got
only the generic « the column 'convention_date' is not a declared fact » warning, was
dropped, and the export wrote the decision's date in its place.  It is refused at its
header cell as a dossier file's is (``convention-date-undeclared``), with the declaration
to add; declared, its dates are read.

The séance call of tests/decisions_calls.py, its six dossiers D1..D6 moved from
dossiers/*.yaml into one dossiers.csv, each with a convention_date of 2026-04-1N (N its
number).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml

from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.errors import CallError

NB = "\u00a0"


def _table_call(tmp_path: Path, column: str = "convention_date",
                config: dict[str, object] | None = None) -> Path:
    folder = seance_call(tmp_path, call=config)
    rows = [yaml.safe_load(p.read_text("utf-8"))
            for p in sorted((folder / "dossiers").glob("*.yaml"))]
    shutil.rmtree(folder / "dossiers")
    with (folder / "dossiers.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, [*rows[0], column])
        w.writeheader()
        for r in rows:
            w.writerow({**r, column: f"2026-04-1{r['id'][1:]}"})
    return folder


def _refused(folder: Path) -> list[tuple[str, str, str, int | None, int | None, str]]:
    with pytest.raises(CallError) as err:
        load_call(folder)
    return [(d.code, str(d.message), d.message.translated("fr"), d.location.line,
             d.location.column, str(d.hint))
            for d in err.value.diagnostics if d.code in ("convention-date-undeclared",
                                                         "unknown-fact-key")]


def test_an_undeclared_convention_date_column_is_said_for_what_it_is(tmp_path: Path) -> None:
    folder = _table_call(tmp_path)
    header = (folder / "dossiers.csv").read_text("utf-8").splitlines()[0].split(",")
    column = header.index("convention_date") + 1  # the last column, on line 1
    assert column == len(header)
    [(code, en, fr, line, col, hint)] = _refused(folder)
    assert (code, line, col) == ("convention-date-undeclared", 1, column)
    assert en == ("the column 'convention_date' is the grant agreement's date of the "
                  "open-data export (meeting.attribuant.convention_date), but neither the "
                  "grid nor call.yaml declares it: it cannot be read")
    assert fr == (f"la colonne «\xa0convention_date\xa0» est la date de la convention de subvention "
                  f"de l'export en données ouvertes (meeting.attribuant.convention_date), "
                  f"mais ni la grille ni call.yaml ne la déclarent{NB}: elle ne peut pas "
                  f"être lue")
    assert hint == ("Declare it in call.yaml: `set: {facts.convention_date: {type: date}}` "
                    "(docs/decisions.md, §7).")


def test_the_column_attribuant_names_is_the_one_said(tmp_path: Path) -> None:
    meeting = yaml.safe_load(yaml.safe_dump(__import__("decisions_calls").MEETING))
    meeting["attribuant"] = {**meeting.get("attribuant", {}), "convention_date": "signee_le"}
    folder = _table_call(tmp_path, "signee_le", {"meeting": meeting})
    [(code, en, _, _, _, hint)] = _refused(folder)
    assert code == "convention-date-undeclared" and "'signee_le'" in en
    assert "`set: {facts.signee_le: {type: date}}`" in hint


def test_declared_the_dates_are_read(tmp_path: Path) -> None:
    folder = _table_call(tmp_path, config={"set": {"facts.convention_date": {"type": "date"}}})
    call = load_call(folder)
    assert {d.id: d.facts["convention_date"] for d in call.dossiers} == {
        "D1": "2026-04-11", "D2": "2026-04-12", "D3": "2026-04-13", "D4": "2026-04-14",
        "D5": "2026-04-15", "D6": "2026-04-16"}
