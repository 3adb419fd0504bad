"""A workbook whose hidden ``_isgrid`` sheet was made to name another juror (Calc's
« Afficher la feuille », no password, j2 typed over j1) is refused, not imported as
that juror's (review s16 hostile, finding 3: j1's ratings replaced j2's, with only a
``conflicted-rating`` warning on AL16-01, j2's recusal).  ``isgrid sheets`` seals the
juror's id with the dossiers it writes (:mod:`isgrid.jury.owner`); a workbook written
before the seal is held against the dossiers its juror was given."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from alsacebooks import alsace, workbook
from click.testing import CliRunner
from odsbooks import ods_cell, ods_of

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.errors import CallError
from isgrid.jury.importer import import_sheets
from isgrid.jury.owner import seal

#: j1's dossiers (call.yaml), the workbook's rows from 2, three a dossier: AL16-01 on 2-4
J1 = ["AL16-01", "AL16-02", "AL16-03", "AL16-04", "AL16-05", "AL16-07", "AL16-08"]


def _j1(tmp_path: Path, *, sealed: bool = True, juror: str = "j1") -> tuple[Path, Path]:
    """The call and j1's workbook, AL16-01's AV-1.1 rated 3 (E2), naming ``juror``."""
    folder = alsace(tmp_path)
    path, wb = workbook(folder)
    wb["Notation"]["E2"] = 3
    meta = wb["_isgrid"]
    assert meta["A3"].value == "assessor" and meta["B3"].value == "j1"
    meta["B3"] = juror
    keys = [c.value for c in meta["A"]]
    row = keys.index("seal_sha256") + 1
    assert meta.cell(row, 2).value == seal("j1", J1)
    assert keys[keys.index("dossiers:1")] and meta.cell(keys.index("dossiers:1") + 1, 2).value \
        == " ".join(J1)
    if not sealed:  # as isgrid wrote it before December 2026
        meta.delete_rows(row)
    wb.save(path)
    return folder, path


def _errors(folder: Path, path: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(CallError) as exc:
        import_sheets(load_call(folder), [path], replace=True)
    return [(d.code, f"{Path(d.location.file or '').name}!{d.location.sheet}!{d.location.cell}",
             str(d.message)) for d in exc.value.diagnostics if d.severity == "error"]


def _before(folder: Path) -> str:
    return (folder / "ratings" / "j2.csv").read_text(encoding="utf-8")


def test_a_sealed_workbook_made_to_name_another_juror_is_refused(tmp_path: Path) -> None:
    folder, path = _j1(tmp_path, juror="j2")
    before = _before(folder)
    assert _errors(folder, path) == [
        ("sheet-assessor-changed", "j1.xlsx!_isgrid!B3",
         "the workbook was written for j1, not j2: the juror of its _isgrid sheet was changed")]
    assert _before(folder) == before and not (folder / "ratings" / "replaced").exists()


def test_the_same_in_an_ods_and_in_french(tmp_path: Path) -> None:
    folder, xlsx = _j1(tmp_path)
    ods = ods_of(xlsx, tmp_path / "j1.ods", {("_isgrid", "B3"): ods_cell("j2")})
    assert _errors(folder, ods) == [
        ("sheet-assessor-changed", "j1.ods!_isgrid!B3",
         "the workbook was written for j1, not j2: the juror of its _isgrid sheet was changed")]
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(ods),
                                   "--replace"])
    said = " ".join(res.output.replace("\u00a0", " ").replace("\u202f", " ").split())
    assert res.exit_code != 0
    assert (f"{ods}!_isgrid!B3 : le classeur a été écrit pour j1, pas pour j2 : le juré de son "
            "onglet _isgrid a été changé [sheet-assessor-changed]") in said
    assert ("Indice : Importez le classeur tel qu'il a été envoyé, pour j1. Si j2 l'a rempli, "
            "recopiez ses notes dans son propre classeur (isgrid sheets --assessor j2).") in said


def test_a_seal_of_no_juror_says_the_sheet_was_changed(tmp_path: Path) -> None:
    """The list of dossiers edited (AL16-08 left out, the count made right): the seal is
    no juror's."""
    folder, path = _j1(tmp_path)
    wb = openpyxl.load_workbook(path)
    meta = wb["_isgrid"]
    for row in meta.iter_rows():
        if row[0].value == "dossiers":
            row[1].value = "6"
        elif row[0].value == "dossiers:1":
            row[1].value = " ".join(J1[:-1])
    wb.save(path)
    assert _errors(folder, path) == [
        ("sheet-assessor-changed", "j1.xlsx!_isgrid!B3",
         "the _isgrid sheet of the workbook was changed since isgrid wrote it for j1 (its "
         "juror or its dossiers)")]


def test_an_unsealed_workbook_made_to_name_another_juror_is_refused(tmp_path: Path) -> None:
    """Written before the seal: j1's workbook rates AL16-01, which j2 was not given (their
    recusal): refused, both named.  j1, j3 share the list: no owner guessed."""
    folder, path = _j1(tmp_path, sealed=False, juror="j2")
    assert _errors(folder, path) == [
        ("sheet-assessor-changed", "j1.xlsx!_isgrid!B3",
         "the workbook holds AL16-01, which j2 was not given (recusal): was it written for "
         "another juror?")]
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(path),
                                   "--replace"])
    said = " ".join(res.output.replace("\u00a0", " ").replace("\u202f", " ").split())
    assert (f"{path}!_isgrid!B3 : le classeur contient AL16-01, que j2 n'a pas reçu (déport) : "
            "a-t-il été écrit pour un autre juré ? [sheet-assessor-changed]") in said


def test_an_unsealed_workbook_lacking_a_dossier_of_its_juror_is_refused(
        tmp_path: Path) -> None:
    """j1 is given AL16-06 too: the workbook, written without it, lacks it; with j1's
    dossiers as it was written, it imports."""
    folder, path = _j1(tmp_path, sealed=False)
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8")
    head, j1, rest = text.partition("- id: j1\n")
    new = re.sub(r"AL16-05, AL16-07", "AL16-05, AL16-06, AL16-07", rest, count=1)
    yaml.write_text(head + j1 + new, encoding="utf-8")
    assert _errors(folder, path) == [
        ("sheet-assessor-changed", "j1.xlsx!_isgrid!B3",
         "the workbook lacks AL16-06, which j1 was given: was it written for another juror?")]
    yaml.write_text(text, encoding="utf-8")
    assert import_sheets(load_call(folder), [path]).counts == {"j1": 1}


def test_a_sealed_workbook_imports_across_a_change_of_dossiers(tmp_path: Path) -> None:
    """The seal vouches for the list: AL16-06 given to j1 since, the workbook imports (the
    rule of a dossier given after the workbook was sent)."""
    folder, path = _j1(tmp_path)
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8")
    head, j1, rest = text.partition("- id: j1\n")
    yaml.write_text(head + j1 + rest.replace("AL16-05, AL16-07", "AL16-05, AL16-06, AL16-07",
                                             1), encoding="utf-8")
    assert import_sheets(load_call(folder), [path]).counts == {"j1": 1}
    assert (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines() == [
        "dossier,assessor,criterion,value,comment", "AL16-01,j1,AV-1.1,3,"]
