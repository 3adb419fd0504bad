"""A workbook whose hidden ``_isgrid`` sheet was made to name another juror (Calc's
« Afficher la feuille », no password, j2 typed over j1) is refused, not imported as
that juror's (review s16 hostile, finding 3: j1's ratings replaced j2's, with only a
``conflicted-rating`` warning on AL16-01, j2's recusal).  ``isgrid sheets`` seals the
juror's id with the dossiers it writes (:mod:`isgrid.jury.owner`); a workbook written
before the seal is held against the dossiers its juror was given, and warned
(``sheet-assessor-unsure``), not refused: its list cannot tell a juror's id typed over
from the juror's dossiers changed since it was sent."""

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
    assert meta["A1"].value == "format" and meta["B1"].value == "isgrid-sheets/2"
    if not sealed:  # as isgrid wrote it before December 2026
        meta.delete_rows(row)
        meta["B1"] = "isgrid-sheets/1"
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


def _unsure(folder: Path, path: Path) -> list[tuple[str, str, str]]:
    report = import_sheets(load_call(folder), [path], replace=True)
    return [(d.code, f"{Path(d.location.file or '').name}!{d.location.sheet}!{d.location.cell}",
             str(d.message)) for d in report.warnings if d.code == "sheet-assessor-unsure"]


def test_an_unsealed_workbook_made_to_name_another_juror_is_warned(tmp_path: Path) -> None:
    """Written before the seal: j1's workbook rates AL16-01, which j2 was not given (their
    recusal).  Its list cannot tell that from a recusal j2 declared after it was sent, and
    every workbook in jurors' hands is unsealed: warned, both named, imported, j2's previous
    file kept.  j1, j3 share the list: no owner guessed."""
    folder, path = _j1(tmp_path, sealed=False, juror="j2")
    before = _before(folder)
    assert _unsure(folder, path) == [
        ("sheet-assessor-unsure", "j1.xlsx!_isgrid!B3",
         "the workbook holds AL16-01, which j2 was not given (recusal): was it written for "
         "another juror?")]
    kept = list((folder / "ratings" / "replaced").glob("j2*.csv"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == before
    folder, path = _j1(tmp_path / "fr", sealed=False, juror="j2")
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(path),
                                   "--replace"])
    assert res.exit_code == 0, res.output
    said = " ".join(res.output.replace("\u00a0", " ").replace("\u202f", " ").split())
    assert (f"{path}!_isgrid!B3 : le classeur contient AL16-01, que j2 n'a pas reçu (déport) : "
            "a-t-il été écrit pour un autre juré ? [sheet-assessor-unsure]") in said
    assert "Rien à faire si les dossiers de j2 ont changé depuis l'envoi du classeur" in said


def test_an_unsealed_workbook_lacking_a_dossier_of_its_juror_is_warned(
        tmp_path: Path) -> None:
    """j1 is given AL16-06 too: the workbook, written without it, lacks it (warned, imported);
    with j1's dossiers as it was written, nothing is said."""
    folder, path = _j1(tmp_path, sealed=False)
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8")
    head, j1, rest = text.partition("- id: j1\n")
    new = re.sub(r"AL16-05, AL16-07", "AL16-05, AL16-06, AL16-07", rest, count=1)
    yaml.write_text(head + j1 + new, encoding="utf-8")
    assert _unsure(folder, path) == [
        ("sheet-assessor-unsure", "j1.xlsx!_isgrid!B3",
         "the workbook lacks AL16-06, which j1 was given: was it written for another juror?")]
    yaml.write_text(text, encoding="utf-8")
    report = import_sheets(load_call(folder), [path], replace=True)
    assert report.counts == {"j1": 1}
    assert not [d for d in report.warnings if d.code == "sheet-assessor-unsure"]


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


def _seal_cleared(tmp_path: Path, juror: str, *, format_id: str | None = None) -> tuple[Path, Path]:
    """j1's sealed workbook, its juror typed over and its seal's row cleared (key and value),
    as the juror of finding 2 (review s17 hostile) did; ``format_id`` typed over too."""
    folder, path = _j1(tmp_path, juror=juror)
    wb = openpyxl.load_workbook(path)
    meta = wb["_isgrid"]
    for row in meta.iter_rows():
        if row[0].value == "seal_sha256":
            row[0].value = row[1].value = None
        if format_id is not None and row[0].value == "format":
            row[1].value = format_id
    wb.save(path)
    return folder, path


@pytest.mark.parametrize("juror", ["j3", "j2", "j1"])
def test_a_sealed_workbook_whose_seal_was_cleared_is_refused(tmp_path: Path, juror: str) -> None:
    """Review s17 hostile, finding 2: the seal's row cleared, the workbook was imported as an
    older one, j3's file replaced without a word (j1 and j3 have the same dossiers), j2's
    with a warning.  Its format says it was written sealed: refused, nothing replaced (its
    own juror's too: a seal is never cleared by isgrid)."""
    folder, path = _seal_cleared(tmp_path, juror)
    ratings = {p.name: p.read_text(encoding="utf-8") for p in (folder / "ratings").glob("*.csv")}
    assert _errors(folder, path) == [
        ("sheet-assessor-changed", "j1.xlsx!_isgrid!B3",
         "the _isgrid sheet of the workbook was changed since isgrid wrote it: its seal "
         "(seal_sha256) was deleted")]
    assert {p.name: p.read_text(encoding="utf-8")
            for p in (folder / "ratings").glob("*.csv")} == ratings
    assert not (folder / "ratings" / "replaced").exists()


def test_a_cleared_seal_in_an_ods_and_in_french(tmp_path: Path) -> None:
    folder, xlsx = _seal_cleared(tmp_path, "j3")
    ods = ods_of(xlsx, tmp_path / "j3.ods")
    res = CliRunner().invoke(cli, ["--lang", "fr", "sheets", "import", str(folder), str(ods),
                                   "--replace"])
    said = " ".join(res.output.replace("\u00a0", " ").replace("\u202f", " ").split())
    assert res.exit_code != 0
    assert (f"{ods}!_isgrid!B3 : l'onglet _isgrid du classeur a été modifié depuis qu'isgrid "
            "l'a écrit : son sceau (seal_sha256) a été effacé [sheet-assessor-changed]") in said
    assert not (folder / "ratings" / "j3.csv").exists() or "AL16-01,j3,AV-1.1,3" not in \
        (folder / "ratings" / "j3.csv").read_text(encoding="utf-8")


def test_the_dossiers_rows_cleared_with_the_seal_kept_is_refused(tmp_path: Path) -> None:
    """The dossiers' rows cleared leave a seal of no juror's list: refused, not read as a
    workbook that records no dossiers."""
    folder, path = _j1(tmp_path, juror="j3")
    wb = openpyxl.load_workbook(path)
    for row in wb["_isgrid"].iter_rows():
        if str(row[0].value or "").startswith("dossiers"):
            row[0].value = row[1].value = None
    wb.save(path)
    assert [code for code, _, _ in _errors(folder, path)] == ["sheet-assessor-changed"]


def test_a_forger_who_types_the_older_format_gets_the_older_workbook_rule(
        tmp_path: Path) -> None:
    """What the seal does not stop (docs/jury.md, « What it does not »): the seal cleared and
    ``isgrid-sheets/1`` typed over the format give an older workbook, warned for j2 (AL16-01,
    their recusal) and imported."""
    folder, path = _seal_cleared(tmp_path, "j2", format_id="isgrid-sheets/1")
    assert [code for code, _, _ in _unsure(folder, path)] == ["sheet-assessor-unsure"]
