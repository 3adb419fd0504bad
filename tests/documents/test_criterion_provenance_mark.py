"""A reconstructed or inferred criterion says so wherever the jury reads its label (review
s12 grids #5): docs/fr/comparer-des-grilles.md promised it, and the jurors' workbook, the
fiches and the committee report never said which of alsace-aap-2016's criteria are not the
source's words.  alsace-aap-2016 keeps two reconstructed Avise criteria, AV-1.1 and AV-4.2
(grids/avise-mouves-2011.yaml: `status: reconstructed`; the eight ALS-* are sourced, AL2):
they read « (…, reconstitué) » in grids show's word; the sourced ones carry no mark; the
letters to applicants carry none (docs/reports.md says why).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.grid.provenance import criterion_mark
from testpaths import EXAMPLES

AV11 = "Réponse à un besoin social nouveau ou mal satisfait"
AV42 = "Coopération et partenariats avec les acteurs concernés (publics, privés, associatifs)"
ALS3 = "Intérêt général pour le territoire régional"


def _plain(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def call(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mark") / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    return folder


def test_the_mark_is_grids_show_s_word() -> None:
    g = load_grid("alsace-aap-2016").grid
    crit = {c.id: c for c in g.criteria()}
    assert criterion_mark(g, crit["AV-1.1"], "fr") == "reconstitué"
    assert criterion_mark(g, crit["AV-4.2"], "en") == "reconstructed"
    assert criterion_mark(g, crit["ALS-3"], "fr") is None
    marked = [cid for cid, c in crit.items() if criterion_mark(g, c) is not None]
    assert sorted(marked) == ["AV-1.1", "AV-4.2"]


def _report(call: Path, kind: str, fmt: str, out: Path, lang: str = "fr") -> str:
    run = CliRunner().invoke(cli, ["--lang", lang, "report", str(call), "--kind", kind,
                                   "--format", fmt, "-o", str(out)])
    assert run.exit_code == 0, run.output
    if out.is_dir():
        return _plain(" ".join(p.read_text(encoding="utf-8") for p in sorted(out.iterdir())))
    return _plain(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_fiches_mark_the_two_reconstructed_criteria(call: Path, tmp_path: Path,
                                                    fmt: str) -> None:
    text = _report(call, "fiches", fmt, tmp_path / f"f.{fmt}")
    assert f"{AV11} (AV-1.1, reconstitué" in text
    assert f"{AV42} (AV-4.2, reconstitué" in text
    assert f"{ALS3} (ALS-3)" in text and "(ALS-3, reconstitué" not in text


def test_fiches_in_english_say_reconstructed(call: Path, tmp_path: Path) -> None:
    text = _report(call, "fiches", "md", tmp_path / "f.md", lang="en")
    assert f"{AV11} (AV-1.1, reconstructed)" in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_committee_report_marks_them_where_it_names_them(call: Path, tmp_path: Path,
                                                         fmt: str) -> None:
    text = _report(call, "committee", fmt, tmp_path / f"c.{fmt}")
    # the agreement table names every criterion
    assert f"{AV11} (AV-1.1, reconstitué)" in text
    assert f"{ALS3} (ALS-3)" in text


def test_letters_do_not_carry_it(call: Path, tmp_path: Path) -> None:
    text = _report(call, "feedback", "md", tmp_path / "lettres")
    assert AV11 in text  # the letters name the criterion...
    assert "reconstitu" not in text  # ...for the call, without the mark


def test_the_workbook_s_grid_sheet_marks_them_and_says_what_it_means(call: Path,
                                                                     tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "classeurs"
    run = CliRunner().invoke(cli, ["--lang", "fr", "sheets", str(call), "-o", str(out)])
    assert run.exit_code == 0, run.output
    ws = load_workbook(out / "j1.xlsx")["Grille"]
    cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert f"{AV11} (reconstitué)" in cells and f"{AV42} (reconstitué)" in cells
    assert ALS3 in cells  # sourced: no mark
    notes = [c for c in cells if c.startswith("Libellés qui ne sont pas les mots de la source")]
    # French typography at output: « Critères concernés\u00a0: »
    assert len(notes) == 1 and notes[0].endswith("Critères concernés\u00a0: AV-1.1, AV-4.2.")
    assert "«\u00a0reconstitué\u00a0»" in notes[0]
