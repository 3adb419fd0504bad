"""A date fact a spreadsheet saved with a time (review excel, left over): « 20/05/2016 00:00 »
is what Excel writes in a CSV for a date cell, « 2016-05-20 14:30:00 » what a date-and-time
cell becomes; both were refused as ``fact-invalid``.  At midnight the date is read, silently;
at another time the date is read and a warning at the cell says the time is ignored
(``date-time-ignored``): a date fact holds a day, and refusing the whole table for a time
nobody asked for would stop a call whose days are right.  The same in a workbook's
date-and-time cells, in a dossier file (a time there was refused too), and in ``isgrid intake`` of an export (not for the platform's own
timestamps, « Déposé le », whose time is the platform's)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from click.testing import CliRunner

from dnexport import DOSSIERS, INTAKE, make_intake_call, write_csv
from isgrid.call import dossiers
from isgrid.call.model import CallConfig
from isgrid.cli.main import cli
from isgrid.errors import Collector
from isgrid.grid.facts import date_time, iso_date
from isgrid.grid.load import load_grid
from testpaths import FIXTURES

NB = "\u00a0"


french: list[str] = []


def load(folder: Path, write: Any) -> tuple[dict[str, Any], list[tuple[str, str, str, str]]]:
    grid = yaml.safe_load((FIXTURES / "grids" / "mini-scored.yaml").read_text(encoding="utf-8"))
    assert grid["facts"]["submitted_at"] == {"type": "date"}  # the grid's own date fact
    (folder / "grid.yaml").write_text(yaml.safe_dump(grid, allow_unicode=True), encoding="utf-8")
    write(folder)
    diags = Collector()
    config = CallConfig.model_validate({"title": "t", "grid": "grid.yaml"})
    out = dossiers.load_dossiers(folder, config, load_grid(folder / "grid.yaml"), diags, {})
    said = [(d.code, d.severity, str(d.location).removeprefix(str(folder) + "/"),
             str(d.message)) for d in diags.items]
    french.extend(d.message.translated("fr") for d in diags.items)
    return {d.id: d.facts.get("submitted_at") for d in out}, said


def test_the_dates_and_times_a_spreadsheet_writes() -> None:
    assert date_time("20/05/2016 00:00") == ("2016-05-20", None)
    assert date_time("20/05/2016 00:00:00") == ("2016-05-20", None)
    assert date_time("2016-05-20 14:30:00") == ("2016-05-20", "14:30:00")
    assert date_time("20/05/2016 14:30") == ("2016-05-20", "14:30")
    assert date_time(dt.datetime(2016, 5, 20, 14, 30)) == ("2016-05-20", "14:30")
    assert date_time(dt.datetime(2016, 5, 20)) == ("2016-05-20", None)
    assert date_time("31/02/2016 00:00") is None  # no such day
    assert date_time("20/05/2016 24:00") is None  # no such time
    assert date_time("20/05/2016") is None  # a date alone: iso_date's
    assert date_time("2026-02-10 17:05:00 +0100") == ("2026-02-10", "17:05:00 +0100")
    # a date at midnight is a date wherever isgrid reads one (call.yaml's too); another
    # time is not (only a date fact takes its day, with the warning)
    assert iso_date("20/05/2016 00:00") == "2016-05-20"
    assert iso_date("20/05/2016 14:30") is None


def test_a_csv_table_whose_dates_excel_saved_with_a_time(tmp_path: Path) -> None:
    def write(folder: Path) -> None:
        (folder / "dossiers.csv").write_text(
            "id;title;submitted_at\n"
            "D1;Un;20/05/2016 14:30\n"  # line 2
            "D2;Deux;20/05/2016 00:00\n"
            "D3;Trois;2016-05-20 14:30:00\n"  # line 4
            "D4;Quatre;21/05/2016 00:00:00\n"
            "D5;Cinq;2016-05-22\n", encoding="utf-8")

    facts, said = load(tmp_path, write)
    assert facts == {"D1": "2016-05-20", "D2": "2016-05-20", "D3": "2016-05-20",
                     "D4": "2016-05-21", "D5": "2016-05-22"}
    # lines 2 and 4 (not the midnights of 3 and 5): one warning for the column, at its first
    assert said == [
        ("date-time-ignored", "warning", "dossiers.csv:2:3",
         "submitted_at: 2 values are a date and a time (the first here: '20/05/2016 14:30'): "
         "the dates are read, the times are ignored"),
    ]
    assert french[-1] == (f"submitted_at{NB}: 2 valeurs sont une date et une heure (la "
                          f"première ici{NB}: «{NB}20/05/2016 14:30{NB}»){NB}: les dates sont lues, "
                          f"les heures ignorées")


def test_a_column_of_timestamps_is_said_once(tmp_path: Path) -> None:
    """A platform's column of 1,200 date-and-times (every third at midnight, not counted):
    one warning, not 1,200, at the first (line 2), with the count; the days all read."""
    def write(folder: Path) -> None:
        rows = [f"D{i};T{i};{1 + i % 28:02d}/05/2016 {'00:00' if i % 3 == 0 else '09:15'}\n"
                for i in range(1, 1801)]
        (folder / "dossiers.csv").write_text("id;title;submitted_at\n" + "".join(rows),
                                             encoding="utf-8")

    facts, said = load(tmp_path, write)
    assert len(facts) == 1800 and facts["D1"] == "2016-05-02" and facts["D3"] == "2016-05-04"
    # 1,800 rows, 600 of them (i = 3, 6, … 1800) at midnight: 1,200 with a time
    assert said == [("date-time-ignored", "warning", "dossiers.csv:2:3",
                     "submitted_at: 1,200 values are a date and a time (the first here: "
                     "'02/05/2016 09:15'): the dates are read, the times are ignored")]
    assert french[-1].startswith(f"submitted_at{NB}: 1\u202f200 valeurs sont une date")


def test_a_workbook_with_date_and_time_cells(tmp_path: Path) -> None:
    def write(folder: Path) -> None:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "dossiers"
        ws.append(["id", "title", "submitted_at"])
        ws.append(["D1", "Un", dt.datetime(2016, 5, 20, 14, 30)])  # C2
        ws.append(["D2", "Deux", dt.datetime(2016, 5, 20)])  # a date cell: nothing said
        ws.append(["D3", "Trois", dt.date(2016, 5, 21)])
        ws.append(["D4", "Quatre", dt.datetime(2016, 5, 22, 8, 0)])  # C5
        wb.save(folder / "dossiers.xlsx")

    facts, said = load(tmp_path, write)
    assert facts == {"D1": "2016-05-20", "D2": "2016-05-20", "D3": "2016-05-21",
                     "D4": "2016-05-22"}
    assert said == [("date-time-ignored", "warning", "dossiers.xlsx!dossiers!C2",
                     "submitted_at: 2 values are a date and a time (the first here: "
                     "'2016-05-20 14:30'): the dates are read, the times are ignored")]


def test_intake_of_an_export_whose_date_column_has_times(tmp_path: Path) -> None:
    # the date column is the démarche's own (« Date de signature »), not the platform's
    # « Déposé le »: the CSV export writes it « 14/03/2016 10:22 » (dnexport.write_csv)
    intake = copy.deepcopy(INTAKE)
    intake["facts"]["submitted_at"] = "Date de signature"
    call = make_intake_call(tmp_path / "call", intake=intake)
    saved = copy.deepcopy(DOSSIERS)
    saved[1]["depot"] = dt.datetime(2016, 3, 20)  # « 20/03/2016 00:00 »: a date cell
    export = write_csv(tmp_path / "export.csv", saved, rename={"Déposé le": "Date de signature"})
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(export)])
    assert res.exit_code == 0, res.output
    said = [line for line in res.output.splitlines() if "[date-time-ignored]" in line]
    # dossiers 101 (10:22) and 103 (17:45) of the three taken (104 is refused: not read):
    # one warning for the column, at the first
    assert len(said) == 1, res.output
    assert "Date de signature: 2 values are a date and a time (the first here: " \
           "'14/03/2016 10:22'): the dates are read, the times are ignored" in said[0], said
    days = {p.stem: yaml.safe_load(p.read_text("utf-8"))["submitted_at"]
            for p in (call / "dossiers").glob("*.yaml")}
    assert sorted(days.values()) == ["2016-03-14", "2016-03-20", "2016-04-02"], days


def test_the_platforms_own_timestamp_is_not_said(tmp_path: Path) -> None:
    # « Déposé le 14/03/2016 10:22 »: the platform's time of deposit, the day is the fact
    call = make_intake_call(tmp_path / "call")
    export = write_csv(tmp_path / "export.csv", DOSSIERS)
    res = CliRunner().invoke(cli, ["--lang", "en", "intake", str(call), "--from", str(export)])
    assert res.exit_code == 0, res.output
    assert "[date-time-ignored]" not in res.output, res.output


def test_a_dossier_file_whose_date_has_a_time(tmp_path: Path) -> None:
    def write(folder: Path) -> None:
        (folder / "dossiers").mkdir()
        (folder / "dossiers" / "D1.yaml").write_text(
            "id: D1\ntitle: Un\nsubmitted_at: 20/05/2016 14:30\n", encoding="utf-8")
        (folder / "dossiers" / "D2.yaml").write_text(
            "id: D2\ntitle: Deux\nsubmitted_at: '2016-05-21 00:00:00'\n", encoding="utf-8")

    facts, said = load(tmp_path, write)
    assert facts == {"D1": "2016-05-20", "D2": "2016-05-21"}
    assert said == [("date-time-ignored", "warning", "dossiers/D1.yaml:3:15 (submitted_at)",
                     "submitted_at: '20/05/2016 14:30' is a date and a time: the date "
                     "(2016-05-20) is read, the time (14:30) is ignored")]


def test_dossier_files_whose_dates_have_a_time_are_said_once(tmp_path: Path) -> None:
    """Three dossier files, two with a time (D1, D3): one warning, at the first file."""
    def write(folder: Path) -> None:
        (folder / "dossiers").mkdir()
        for did, when in (("D1", "20/05/2016 14:30"), ("D2", "2016-05-21"),
                          ("D3", "22/05/2016 08:00")):
            (folder / "dossiers" / f"{did}.yaml").write_text(
                f"id: {did}\ntitle: T\nsubmitted_at: {when}\n", encoding="utf-8")

    facts, said = load(tmp_path, write)
    assert facts == {"D1": "2016-05-20", "D2": "2016-05-21", "D3": "2016-05-22"}
    assert said == [("date-time-ignored", "warning", "dossiers/D1.yaml:3:15 (submitted_at)",
                     "submitted_at: 2 values are a date and a time (the first here: "
                     "'20/05/2016 14:30'): the dates are read, the times are ignored")]
