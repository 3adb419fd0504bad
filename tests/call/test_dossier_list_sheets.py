"""A list fact given by its own sheet of dossiers.xlsx (``partners``: one partner per row).

A workbook whose dossiers sheet also has a ``partners`` column used to crash
(``None.append`` for an empty cell, ``int.append`` for a number) when the
``partners`` sheet added its rows.  Now (docs/calls.md, "One table of
dossiers"): an empty cell leaves the list to the sheet; a list given in both
places is an error, ``list-given-twice``, at the sheet's row; every item of
the sheet is validated at its own row; a required list given by the sheet
only is not reported missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError
from testpaths import HOSTILE

BASE = HOSTILE / "base"
PARTNERS = ("  partners:\n"
            "    type: array\n"
            "    items:\n"
            "      type: object\n"
            "      properties:\n"
            "        name: {type: string}\n"
            "        type: {type: string, enum: [asso, collectivite, recherche]}\n")
HEAD = ["id", "title", "region", "postcode", "amount_requested", "submitted_at"]


def workbook_call(tmp_path: Path, rows: list[list[Any]], partners: list[list[Any]] | None,
                  *, head: list[str] | None = None, required: bool = False) -> Path:
    """The hostile base call with a partners fact, its dossiers in dossiers.xlsx.

    ``rows``: for D01..D03, the cells after the base columns (under ``head``'s
    extra columns); ``partners``: the rows of the ``partners`` sheet (header first).
    """
    call = tmp_path / "call"
    shutil.copytree(BASE, call)
    shutil.rmtree(call / "dossiers")
    facts = PARTNERS + ("    required: true\n" if required else "")
    grid = (call / "grid.yaml").read_text(encoding="utf-8")
    grid = grid.replace("  submitted_at: {type: date}\n", "  submitted_at: {type: date}\n" + facts)
    (call / "grid.yaml").write_text(grid, encoding="utf-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "dossiers"
    ws.append(HEAD + (head if head is not None else ["partners"]))
    for i, extra in enumerate(rows, 1):
        ws.append([f"D0{i}", f"Projet {i}", "Alsace", "67000", 1000 * i, "2016-03-14", *extra])
    if partners is not None:
        sheet = wb.create_sheet("partners")
        for row in partners:
            sheet.append(row)
    wb.save(call / "dossiers.xlsx")
    return call


def errors_of(call: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(CallError) as info:
        load_call(call)
    return [(d.code, str(d.location).split("dossiers.xlsx", 1)[-1], d.message)
            for d in info.value.diagnostics if d.severity == "error"]


SHEET = [["dossier", "name", "type"],
         ["D01", "Ville de Strasbourg", "collectivite"],
         ["D02", "Unistra", "recherche"],
         ["D01", "Emmaüs", "asso"]]


def test_an_empty_cell_leaves_the_list_to_the_sheet(tmp_path: Path) -> None:
    call = workbook_call(tmp_path, [[None], [""], [None]], SHEET)
    loaded = load_call(call)
    facts = {d.id: d.facts.get("partners") for d in loaded.dossiers}
    assert facts == {
        "D01": [{"name": "Ville de Strasbourg", "type": "collectivite"},
                {"name": "Emmaüs", "type": "asso"}],
        "D02": [{"name": "Unistra", "type": "recherche"}],
        "D03": None,  # no row in the sheet: the fact is absent, as an empty cell says
    }


def test_no_partners_column_at_all(tmp_path: Path) -> None:
    call = workbook_call(tmp_path, [[], [], []], SHEET, head=[])
    loaded = load_call(call)
    assert [len(d.facts.get("partners") or []) for d in loaded.dossiers] == [2, 1, 0]


@pytest.mark.parametrize("cell", [5, "Unistra", "Unistra;Emmaüs"])
def test_a_list_in_the_column_and_in_the_sheet_is_an_error(tmp_path: Path, cell: Any) -> None:
    """The crash: a number (int.append), and a text, in the partners column of D02."""
    call = workbook_call(tmp_path, [[None], [cell], [None]], SHEET)
    found = errors_of(call)
    twice = ("list-given-twice", "!partners!A3",
             "the partners of dossier 'D02' are given twice: in this sheet and in dossiers!G3")
    assert twice in found
    # the cell itself is no list of partners either, and says so where it is
    rest = [f for f in found if f != twice]
    assert {(code, where) for code, where, _ in rest} == {("fact-invalid", "!dossiers!G3")}
    assert rest[0][2] == ("partners: expected array, got 5" if cell == 5 else
                          "partners[0]: expected object, got 'Unistra'")


def test_the_cli_reports_it_without_a_traceback(tmp_path: Path) -> None:
    call = workbook_call(tmp_path, [[None], [5], [None]], SHEET)
    result = CliRunner().invoke(cli, ["call", "check", str(call)])
    out = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 1, out
    assert "Traceback" not in out and "internal error" not in out, out
    assert f"Error: {call / 'dossiers.xlsx'}!partners!A3: the partners of dossier 'D02' " \
           "are given twice" in out
    assert "[list-given-twice]" in out
    assert "Hint: Give each dossier's list in one place" in out


def test_item_columns_in_the_dossiers_sheet_count_too(tmp_path: Path) -> None:
    head = ["partners[].name", "partners[].type"]
    call = workbook_call(tmp_path, [["", ""], ["Unistra", "recherche"], ["", ""]], SHEET,
                         head=head)
    assert errors_of(call) == [
        ("list-given-twice", "!partners!A3",
         "the partners of dossier 'D02' are given twice: in this sheet and in dossiers!H3")]
    call = workbook_call(tmp_path / "ok", [["", ""], ["", ""], ["", ""]], SHEET, head=head)
    assert [len(d.facts["partners"]) for d in load_call(call).dossiers] == [2, 1, 0]


def test_every_item_of_the_sheet_is_validated_at_its_row(tmp_path: Path) -> None:
    sheet = [*SHEET, ["D01", "Crédit Coop", "banque"], ["D03", None, "asso"],
             ["D09", "Inconnu", "asso"], [None, "Sans dossier", "asso"]]
    call = workbook_call(tmp_path, [[None], [None], [None]], sheet)
    assert errors_of(call) == [
        ("fact-invalid", "!partners!C5",
         "partners[2].type: 'banque' is not one of asso, collectivite, recherche"),
        ("unknown-dossier", "!partners!A7", "the row names an unknown dossier 'D09'"),
        ("unknown-dossier", "!partners!A8", "the row names an unknown dossier ''"),
    ]


def test_a_required_list_may_come_from_the_sheet_only(tmp_path: Path) -> None:
    call = workbook_call(tmp_path, [[None], [None], [None]], SHEET, required=True)
    assert errors_of(call) == [
        ("fact-invalid", "!dossiers!A4",
         "the required fact 'partners' is missing: neither the dossiers sheet nor the "
         "sheet 'partners' gives it")]
    call = workbook_call(tmp_path / "ok", [[None], [None], [None]],
                         [*SHEET, ["D03", "Régie", "asso"]], required=True)
    assert [len(d.facts["partners"]) for d in load_call(call).dossiers] == [2, 1, 1]


def test_a_list_sheet_without_a_dossier_column(tmp_path: Path) -> None:
    call = workbook_call(tmp_path, [[None], [None], [None]],
                         [["N° dossier", "name"], ["D01", "Ville"]])
    assert errors_of(call) == [
        ("csv-missing-column", "!partners!A1", "the list sheet 'partners' has no `dossier` column")]
