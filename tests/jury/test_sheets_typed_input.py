"""What a juror or an instructor types in a workbook, read as they meant it.

On the shipped Alsace example, j1's workbook holds AL16-01..05, 07 and 08, three rows each
from row 2 (AL16-01 rows 2-4, AL16-02 rows 5-7, AL16-03 rows 8-10), the seven juré
criteria in columns E-K (AV-1.1 first, on the 0-4 scale: 4 is « Très bon »).  i1's
workbook holds the three eligibility conditions (ALS-E1..E3, scale « ouinon »: non / oui,
``na: false`` — the grid says « Pas de NE »), in columns E-G.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alsacebooks import KOCHERSBERG, alsace, refused, workbook

from isgrid.call.load import load_call
from isgrid.grid.model import Level, Scale
from isgrid.grid.scales import parse_value
from isgrid.jury.importer import import_sheets

NB = "\u00a0"


@pytest.mark.parametrize("typed", ["AL16 02", "al16-02", "AL16-06"])
def test_an_edited_id_under_a_title_two_dossiers_share_gets_its_id_back(
        tmp_path: Path, typed: str) -> None:
    """AL16-02's rating row, its title left, its id typed otherwise: a mistyped id, one of
    the call's that is not j1's.  AL16-03 has the same title, so the title alone named no
    dossier and the error was « dossier inconnu 'AL16 02' » with a generic hint; the
    workbook's AL16-02 row of that kind is the one gone, so AL16-02 is the id to put back."""
    folder = alsace(tmp_path, same_title=True)
    path, wb = workbook(folder)
    ws = wb["Notation"]
    assert (ws.cell(5, 1).value, ws.cell(5, 2).value, ws.cell(5, 4).value) == (
        "AL16-02", KOCHERSBERG, "note")
    assert ws.cell(8, 2).value == KOCHERSBERG  # AL16-03's
    ws.cell(5, 1).value = typed
    ws.cell(5, 5).value = "Bon"
    found = [d for d in refused(folder, path, wb) if d.severity == "error"]
    assert [(d.code, str(d.location)) for d in found] == [
        ("dossier-id-edited", f"{path}!Notation!A5")]
    assert found[0].format("fr") == (
        f"Erreur{NB}: {path}!Notation!A5{NB}: la ligne porte l'identifiant {typed}, mais son "
        f"titre «{NB}{KOCHERSBERG}{NB}» est celui d'AL16-02 [dossier-id-edited]\n"
        f"  Indice{NB}: Remettez l'identifiant AL16-02{NB}: un tri déplace ensemble "
        "identifiants et titres, un identifiant ne se modifie pas.")


def test_a_level_typed_without_its_accent_or_in_capitals_is_the_level(tmp_path: Path) -> None:
    """« Tres bon » and « TRÈS  BON » are « Très bon » (4), as « Favorable » and
    « defavorable » are opinions: the level meant, not value-out-of-scale."""
    folder = alsace(tmp_path)
    path, wb = workbook(folder)
    ws = wb["Notation"]
    ws.cell(2, 5).value = "Tres bon"  # AL16-01, AV-1.1
    ws.cell(2, 6).value = "TRÈS  BON"  # ALS-2
    ws.cell(2, 7).value = "moyen"  # ALS-3
    ws.cell(2, 12).value = "Defavorable"  # the opinion
    wb.save(path)
    import_sheets(load_call(folder), [path])
    rows = (folder / "ratings" / "j1.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1:] == ["AL16-01,j1,AV-1.1,4,", "AL16-01,j1,ALS-2,4,", "AL16-01,j1,ALS-3,2,"]
    opinions = (folder / "opinions" / "j1.csv").read_text(encoding="utf-8").splitlines()
    assert opinions[1:] == ["AL16-01,j1,défavorable,,"]


def test_two_labels_read_alike_are_never_guessed() -> None:
    """A scale whose labels differ only by their accents: each is read as written, and a
    text that could be either is refused, saying both."""
    scale = Scale(levels=[Level(value=0, label="Réservé"), Level(value=1, label="Reserve"),
                          Level(value=2, label="Très bon")])
    assert parse_value("réservé", scale).value == 0
    assert parse_value("RESERVE", scale).value == 1
    assert parse_value("tres bon", scale).value == 2
    ambiguous = parse_value("Réserve", scale)
    assert ambiguous.value is None
    assert str(ambiguous.error) == ("'Réserve' may be either of the labels Réservé, Reserve: "
                                    "write the one meant with its accents")


def test_an_instructor_is_never_invited_to_write_ne(tmp_path: Path) -> None:
    """i1's conditions take no NE (the grid: « Pas de NE »): the workbook's instructions
    said « NE si vous ne pouvez pas évaluer » and the import's hint « NE pour sans objet »,
    then refused the NE.  Both now say to leave the cell empty."""
    folder = alsace(tmp_path)
    path, wb = workbook(folder, "i1")
    guidance = "\n".join(str(c.value) for row in wb["Grille"].iter_rows() for c in row
                         if c.value is not None)
    assert "NE si vous" not in guidance
    assert ("Pour chaque dossier, choisissez un niveau par critère dans la liste (ou tapez sa "
            "valeur), et laissez vide ce que vous n'avez pas encore noté ou ne pouvez pas "
            "évaluer.") in guidance
    ws = wb["Notation"]
    assert str(ws.cell(1, 5).value).startswith("ALS-E1")
    ws.cell(2, 5).value = "NE"
    [said] = refused(folder, path, wb, replace=True)  # i1 has a ratings file
    assert said.format("fr") == (
        f"Erreur{NB}: {path}!Notation!E2{NB}: ALS-E1{NB}: sans objet (NE) n'est pas permis "
        "sur cette échelle [value-out-of-scale]\n"
        f"  Indice{NB}: Utilisez un niveau de l'échelle (non, oui), sa valeur, ou laissez la "
        f"cellule vide{NB}: cette échelle n'admet pas NE (sans objet).")


def test_a_juror_is_still_told_of_ne(tmp_path: Path) -> None:
    """The jurors' 0-4 scale takes NE: their instructions keep it."""
    _, wb = workbook(alsace(tmp_path))
    guidance = [str(c.value) for row in wb["Grille"].iter_rows() for c in row]
    assert ("Pour chaque dossier, choisissez un niveau par critère dans la liste (ou tapez sa "
            "valeur), NE si vous ne pouvez pas évaluer, et laissez vide ce que vous n'avez pas "
            "encore noté.") in guidance


def test_a_renamed_header_is_quoted_whole_with_a_french_hint(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    path, wb = workbook(folder)
    ws = wb["Notation"]
    ws.cell(1, 5).value = "Besoin social"  # was « AV-1.1 — Réponse à un besoin… »
    [said] = refused(folder, path, wb)
    assert said.format("fr") == (
        f"Erreur{NB}: {path}!Notation!E1{NB}: critère inconnu «{NB}Besoin social{NB}» "
        "[unknown-criterion]\n"
        f"  Indice{NB}: L'en-tête d'une colonne commence par l'identifiant d'un des critères "
        f"du classeur (AV-1.1, ALS-2, ALS-3, ALS-4, AV-4.2, ALS-1, ALS-5){NB}: remettez "
        "l'en-tête qu'avait le classeur.")
